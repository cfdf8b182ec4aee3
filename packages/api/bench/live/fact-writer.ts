/**
 * Writes contact attempts straight into the database at a target rate — interaction rows and their
 * `InteractionRecorded` outbox events in one transaction, with the payload `recordInteraction` writes
 * (interaction.service.ts) — the way the commits of many API instances would reach one instance's live engine.
 * Only dispositions with no further rows (no promise, no callback, no dispute) are used, so every row is one the
 * API itself could have written for that disposition.
 */
import { isContact, isRightPartyContact, type Disposition } from '@recupera/shared';
import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { Commit } from './kpi-subscribers.ts';

/** An account of the bench campaign and where an attempt on it counts. */
export interface Target {
  accountId: string;
  campaignId: string;
  queueId: string;
  agencyId: string | null;
}

const DISPOSITIONS: Disposition[] = ['NO_ANSWER', 'NO_ANSWER', 'BUSY', 'VOICEMAIL', 'THIRD_PARTY', 'REFUSED_TO_PAY'];
/** One transaction per tick; a batch grows when the writer falls behind. */
const TICK_MS = 20;

export interface WriteResult {
  written: number;
  commits: number;
  seconds: number;
  /** Mean time of one write transaction, in ms. */
  meanCommitMs: number;
}

export class FactWriter {
  private sequence = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly targets: Target[],
    private readonly agentIds: string[],
    /** Scope predicates, in the order of the commit log's per-scope counts. */
    private readonly scopes: ((target: Target) => boolean)[],
    /** The API's clock (it may run shifted): attempts are stamped with its now. */
    private readonly apiNow: () => number,
  ) {}

  /** Writes at `ratePerSecond` for `seconds`; reports each commit to `onCommit`. */
  async run(ratePerSecond: number, seconds: number, onCommit: (commit: Commit) => void): Promise<WriteResult> {
    const cumulative = this.scopes.map(() => 0);
    const started = performance.now();
    const deadline = started + seconds * 1000;
    let written = 0;
    let commits = 0;
    let commitMs = 0;
    while (performance.now() < deadline) {
      const due = Math.floor(((performance.now() - started) / 1000) * ratePerSecond) - written;
      if (due <= 0) {
        await new Promise((resolve) => setTimeout(resolve, TICK_MS));
        continue;
      }
      const batch = Array.from({ length: due }, () => this.targets[this.sequence++ % this.targets.length]!);
      const t0 = performance.now();
      await this.write(batch);
      const at = performance.now();
      commitMs += at - t0;
      commits += 1;
      written += batch.length;
      for (const target of batch) {
        this.scopes.forEach((inScope, index) => {
          if (inScope(target)) cumulative[index]! += 1;
        });
      }
      onCommit({ at, cumulative: [...cumulative] });
    }
    return { written, commits, seconds: (performance.now() - started) / 1000, meanCommitMs: commitMs / commits };
  }

  private async write(batch: Target[]): Promise<void> {
    const startedAt = new Date(this.apiNow() - 1000);
    const rows = batch.map((target, index) => {
      const disposition = DISPOSITIONS[(this.sequence + index) % DISPOSITIONS.length]!;
      const agentId = this.agentIds[(this.sequence + index) % this.agentIds.length]!;
      const id = uuidv7();
      const durationSeconds = 20 + ((this.sequence + index) % 90);
      return {
        id,
        target,
        agentId,
        disposition,
        durationSeconds,
        payload: JSON.stringify({
          accountId: target.accountId,
          agencyId: target.agencyId,
          agentId,
          campaignId: target.campaignId,
          queueId: target.queueId,
          variant: null,
          channel: 'CALL',
          disposition,
          contact: isContact(disposition),
          rightPartyContact: isRightPartyContact(disposition),
          startedAt: startedAt.toISOString(),
          durationSeconds,
          callbackAt: null,
        }),
      };
    });
    // One statement, so one round trip and its own transaction: the interactions and their events commit together.
    await this.pool.query(
      `with t as (
         select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::uuid[], $7::uuid[],
                              $8::uuid[], $9::jsonb[])
           as t(id, account_id, agent_id, disposition, duration, campaign_id, queue_id, agency_id, payload)),
       written as (
         insert into interaction (id, account_id, agent_id, channel, disposition, started_at, duration_seconds,
                                  campaign_id, queue_id, agency_id, created_at)
         select id, account_id, agent_id, 'CALL', disposition, $10, duration, campaign_id, queue_id, agency_id, $10
           from t)
       insert into domain_event (type, aggregate_type, aggregate_id, actor, payload, occurred_at)
       select 'InteractionRecorded', 'Interaction', id::text, 'bench:live-kpis', payload, $10 from t order by id`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.target.accountId),
        rows.map((row) => row.agentId),
        rows.map((row) => row.disposition),
        rows.map((row) => row.durationSeconds),
        rows.map((row) => row.target.campaignId),
        rows.map((row) => row.target.queueId),
        rows.map((row) => row.target.agencyId),
        rows.map((row) => row.payload),
        startedAt,
      ],
    );
  }
}
