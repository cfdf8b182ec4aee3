/**
 * The state of the live KPI engine, as pure data: facts folded in one at a time, figures read for any scope and
 * window without touching the facts again. The API feeds it from committed events (and rebuilds it from the
 * database); what it answers must equal the same KPIs recomputed from the stored facts (docs/design.md).
 *
 * Every fact carries the attribution it was recorded with (campaign, queue, agent, agency). It is added to the
 * figures of every scope its attribution can match — each subset of its non-null fields, at most 16 — so a
 * scope's figures are one lookup, never a sum over cells.
 */
import type { AgingBucket } from './buckets.ts';
import type { IsoDate } from './dates.ts';
import { isContact, isRightPartyContact, type Disposition } from './dispositions.ts';
import type { KpiCounts } from './kpi.ts';
import { kpiWindowBounds, MinuteTallies, type KpiTally, type KpiWindowName } from './kpi-window.ts';
import type { PromiseOutcome } from './promises.ts';

/** Who a fact belongs to, as recorded with it; also a KPI scope (null = any). */
export interface Attribution {
  campaignId: string | null;
  queueId: string | null;
  agentId: string | null;
  agencyId: string | null;
}

const SCOPE_FIELDS = ['campaignId', 'queueId', 'agentId', 'agencyId'] as const;

/** The key of a scope: the same for the scope asked for and for the subset of a fact's attribution it matches. */
export function scopeKey(scope: Attribution): string {
  return SCOPE_FIELDS.map((field) => scope[field] ?? '*').join('|');
}

/** The keys of every scope a fact with `attribution` counts in (the whole operation included). */
export function scopeKeysOf(attribution: Attribution): string[] {
  const present = SCOPE_FIELDS.filter((field) => attribution[field] !== null);
  const keys: string[] = [];
  for (let mask = 0; mask < 1 << present.length; mask += 1) {
    const scope: Attribution = { campaignId: null, queueId: null, agentId: null, agencyId: null };
    present.forEach((field, bit) => {
      if (mask & (1 << bit)) scope[field] = attribution[field];
    });
    keys.push(scopeKey(scope));
  }
  return keys;
}

/** A fact that happened at an instant and is counted in the windows containing it. */
export type TimedFact =
  | {
      kind: 'interaction';
      at: number;
      attribution: Attribution;
      disposition: Disposition;
      /** How many interactions alike (1 for an event; more when rebuilt from grouped rows). */
      count: number;
      /** Their total duration. */
      durationSeconds: number;
    }
  | { kind: 'promiseMade'; at: number; attribution: Attribution; currency: string; amountMinor: bigint }
  | {
      kind: 'payment';
      at: number;
      attribution: Attribution;
      currency: string;
      amountMinor: bigint;
      /** The account's bucket at the start of the ledger's business day; null when it is not in recovery then. */
      recoveryBucket: AgingBucket | null;
    };

/** A promise reached its final outcome: counted by its due date, whenever it was resolved. */
export interface OutcomeFact {
  attribution: Attribution;
  dueDate: IsoDate;
  outcome: PromiseOutcome;
  /** How many promises alike (1 for an event). */
  count: number;
}

/** The additive live figures of one scope and window. */
export interface LiveFigures extends KpiCounts {
  handleSeconds: number;
  /** Minor units per currency. */
  promised: Map<string, bigint>;
  collected: Map<string, bigint>;
  /** Collected per `${bucket}|${currency}` on accounts in recovery. */
  recovered: Map<string, bigint>;
}

function tallyOf(fact: TimedFact): Partial<KpiTally> {
  switch (fact.kind) {
    case 'interaction':
      return {
        counts: {
          attempts: fact.count,
          contacts: isContact(fact.disposition) ? fact.count : 0,
          rightPartyContacts: isRightPartyContact(fact.disposition) ? fact.count : 0,
          promises: fact.disposition === 'PROMISE_TO_PAY' ? fact.count : 0,
          handleSeconds: fact.durationSeconds,
        },
      };
    case 'promiseMade':
      return { money: { [`promised|${fact.currency}`]: fact.amountMinor } };
    case 'payment': {
      const money: Record<string, bigint> = { [`collected|${fact.currency}`]: fact.amountMinor };
      if (fact.recoveryBucket) money[`recovered|${fact.recoveryBucket}|${fact.currency}`] = fact.amountMinor;
      return { money };
    }
  }
}

type OutcomeCounts = Record<PromiseOutcome, number>;

/**
 * Per-scope minute tallies and promise outcomes by due date. A fact later than the clock when it arrives (an
 * agent desktop a little ahead of us) waits in `pending` until its instant has passed, so a window never counts
 * a fact the stored facts would not count yet.
 */
export class KpiLedger {
  private readonly timed = new Map<string, MinuteTallies>();
  private readonly outcomes = new Map<string, Map<IsoDate, OutcomeCounts>>();
  private pending: TimedFact[] = [];

  constructor(
    /** The business day the recovery buckets of payment facts refer to. */
    readonly businessDate: IsoDate,
    readonly timeZone: string,
  ) {}

  /** Adds a fact; returns the keys of the scopes it changed (none yet when it is still in the future). */
  record(fact: TimedFact, now: number): string[] {
    if (fact.at > now) {
      this.pending.push(fact);
      return [];
    }
    const delta = tallyOf(fact);
    const keys = scopeKeysOf(fact.attribution);
    for (const key of keys) {
      let tallies = this.timed.get(key);
      if (!tallies) {
        tallies = new MinuteTallies();
        this.timed.set(key, tallies);
      }
      tallies.add(fact.at, delta);
    }
    return keys;
  }

  recordOutcome(fact: OutcomeFact): string[] {
    const keys = scopeKeysOf(fact.attribution);
    for (const key of keys) {
      let byDate = this.outcomes.get(key);
      if (!byDate) {
        byDate = new Map();
        this.outcomes.set(key, byDate);
      }
      const counts = byDate.get(fact.dueDate) ?? { KEPT: 0, BROKEN: 0, PARTIALLY_KEPT: 0 };
      counts[fact.outcome] += fact.count;
      byDate.set(fact.dueDate, counts);
    }
    return keys;
  }

  /** Counts the pending facts whose instant has come; returns the scopes they changed. */
  advance(now: number): string[] {
    if (this.pending.length === 0) return [];
    const due = this.pending.filter((fact) => fact.at <= now);
    if (due.length === 0) return [];
    this.pending = this.pending.filter((fact) => fact.at > now);
    return [...new Set(due.flatMap((fact) => this.record(fact, now)))];
  }

  /** The figures of the scope `key` in `window` at `now` (call `advance(now)` first). */
  figures(key: string, window: KpiWindowName, now: Date): LiveFigures {
    const bounds = kpiWindowBounds(window, now, this.timeZone);
    const tally = this.timed.get(key)?.sum(bounds.from, bounds.to) ?? { counts: {}, money: {} };
    return this.figuresOf(tally, key, bounds.fromDate, bounds.toDate);
  }

  /** `window`-less figures between two instants, e.g. one step of a trend (promise outcomes by due dates given). */
  figuresBetween(key: string, from: Date, to: Date, fromDate: IsoDate, toDate: IsoDate): LiveFigures {
    const tally = this.timed.get(key)?.sum(from, to) ?? { counts: {}, money: {} };
    return this.figuresOf(tally, key, fromDate, toDate);
  }

  private figuresOf(tally: KpiTally, key: string, fromDate: IsoDate, toDate: IsoDate): LiveFigures {
    const outcome: OutcomeCounts = { KEPT: 0, BROKEN: 0, PARTIALLY_KEPT: 0 };
    for (const [dueDate, counts] of this.outcomes.get(key) ?? []) {
      if (dueDate < fromDate || dueDate > toDate) continue;
      outcome.KEPT += counts.KEPT;
      outcome.BROKEN += counts.BROKEN;
      outcome.PARTIALLY_KEPT += counts.PARTIALLY_KEPT;
    }
    const money = (prefix: string) => {
      const result = new Map<string, bigint>();
      for (const [name, value] of Object.entries(tally.money)) {
        if (name.startsWith(prefix)) result.set(name.slice(prefix.length), value);
      }
      return result;
    };
    const count = (name: string) => tally.counts[name] ?? 0;
    return {
      attempts: count('attempts'),
      contacts: count('contacts'),
      rightPartyContacts: count('rightPartyContacts'),
      promises: count('promises'),
      promisesKept: outcome.KEPT,
      promisesBroken: outcome.BROKEN,
      promisesPartiallyKept: outcome.PARTIALLY_KEPT,
      handleSeconds: count('handleSeconds'),
      promised: money('promised|'),
      collected: money('collected|'),
      recovered: money('recovered|'),
    };
  }

  /** Drops minutes before `keepFrom` and outcomes due before `keepFromDate`: the memory of the windows only. */
  prune(keepFrom: Date, keepFromDate: IsoDate): void {
    for (const tallies of this.timed.values()) tallies.prune(keepFrom);
    for (const byDate of this.outcomes.values()) {
      for (const dueDate of byDate.keys()) if (dueDate < keepFromDate) byDate.delete(dueDate);
    }
  }
}

/** What an agent was doing from `from` until `to` (null: still doing it). */
export interface StatusPeriod {
  status: string;
  from: number;
  to: number | null;
}

/**
 * An agent's status periods: logged-in time (every status but LOGGED_OUT) and time on contact, over any
 * window, from the periods alone.
 */
export class AgentTimeline {
  private periods: StatusPeriod[] = [];

  /** Adds a period as stored (rebuild); periods must come in start order. */
  load(period: StatusPeriod): void {
    this.periods.push({ ...period });
  }

  /** The agent changed to `status` at `at`: closes the open period, opens the next. */
  change(status: string, at: number): void {
    // Not necessarily the last one: periods of one instant (a status held for 0 ms) tie on their start.
    const open = this.periods.findLast((period) => period.to === null);
    if (open) open.to = at;
    this.periods.push({ status, from: at, to: null });
  }

  /** Seconds spent in [from, to] in periods whose status satisfies `counts`. */
  seconds(from: number, to: number, counts: (status: string) => boolean): number {
    let ms = 0;
    for (const period of this.periods) {
      if (!counts(period.status)) continue;
      const start = Math.max(period.from, from);
      const end = Math.min(period.to ?? to, to);
      if (end > start) ms += end - start;
    }
    return ms / 1000;
  }

  prune(keepFrom: number): void {
    this.periods = this.periods.filter((period) => period.to === null || period.to > keepFrom);
  }
}
