import type { Orm } from '../../core/database/orm.ts';
import { systemEm } from '../../core/database/orm.ts';
import { runSql } from '../../core/database/sql.ts';
import type { OperationObserver, OperationRecord } from '../../core/graphql/operation-record.ts';
import type { Logger } from '../../core/logger.ts';
import { v7 as uuidv7 } from 'uuid';

/** Root fields that read an account's details: an agency reading them is recorded like a write. */
const ACCOUNT_DETAIL_READS: ReadonlySet<string> = new Set(['account', 'accounts']);

/** Arguments that name what an operation reads or changes, in the order they are looked for. */
const TARGET_ARGUMENTS = ['id', 'accountId', 'agentId', 'queueId', 'campaignId', 'paymentId', 'agencyId'];

interface AuditRow {
  id: string;
  at: Date;
  keyPrefix: string | null;
  role: string | null;
  agencyId: string | null;
  operation: string;
  target: string | null;
  outcome: string;
  transport: 'http' | 'ws';
  requestId: string | null;
}

/**
 * Characters PostgreSQL text cannot hold: NUL (and UTF-16 halves, which the cut at 200 characters can also make).
 * A refused request's target is whatever the caller sent, and one such character made PostgreSQL refuse the whole
 * batch — every entry written with it, other callers' included, lost (found by fuzzing).
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The id an operation acts on: a top-level id argument, or one inside its `input`. */
export function targetOf(args: Record<string, unknown>): string | null {
  const input = typeof args.input === 'object' && args.input !== null ? (args.input as Record<string, unknown>) : {};
  for (const name of TARGET_ARGUMENTS) {
    for (const value of [args[name], input[name]]) {
      if (typeof value === 'string' && value !== '') return value.slice(0, 200).replace(UNSTORABLE, '\uFFFD');
    }
  }
  return null;
}

/**
 * The audit trail's writer: told of every operation once it ended (HTTP and WebSocket), it keeps every write and
 * every agency read of account details, batched into one INSERT every few hundred milliseconds so recording costs
 * a request almost nothing. Rows reach the table outside the request's transaction: a refused or failed request
 * is kept with its error code.
 */
export class AuditWriter implements OperationObserver {
  private pending: AuditRow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly orm: Orm,
    private readonly logger: Logger,
    private readonly options: { flushEveryMs?: number; maxBatch?: number } = {},
  ) {}

  record(operation: OperationRecord): void {
    const { principal } = operation;
    for (const field of operation.fields) {
      const kept =
        operation.operationType === 'mutation' || (principal?.agencyId != null && ACCOUNT_DETAIL_READS.has(field.name));
      if (!kept) continue;
      this.pending.push({
        id: uuidv7(),
        at: operation.at,
        keyPrefix: principal?.keyPrefix ?? null,
        role: principal?.role ?? null,
        agencyId: principal?.agencyId ?? null,
        operation: field.name,
        target: targetOf(field.args),
        outcome: field.outcome.slice(0, 40),
        transport: operation.transport,
        requestId: operation.requestId,
      });
    }
    if (this.pending.length >= (this.options.maxBatch ?? 500)) void this.flush();
    else if (this.pending.length > 0 && !this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.options.flushEveryMs ?? 200);
      this.timer.unref();
    }
  }

  /** Writes what is pending (at shutdown, and for tests that read the trail at once). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.pending;
    this.pending = [];
    this.flushing = this.flushing.then(() => (rows.length > 0 ? this.write(rows) : undefined));
    return this.flushing;
  }

  private async write(rows: AuditRow[]): Promise<void> {
    const values = rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    try {
      await runSql(
        systemEm(this.orm),
        `insert into audit_entry (id, at, key_prefix, role, agency_id, operation, target, outcome, transport, request_id)
         values ${values}`,
        rows.flatMap((row) => [
          row.id,
          row.at,
          row.keyPrefix,
          row.role,
          row.agencyId,
          row.operation,
          row.target,
          row.outcome,
          row.transport,
          row.requestId,
        ]),
      );
    } catch (error) {
      this.logger.error(`audit trail: ${rows.length} entries could not be written`, error);
    }
  }
}
