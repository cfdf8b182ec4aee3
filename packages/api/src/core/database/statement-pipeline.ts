import pg from 'pg';

/**
 * Several statements in one round trip, for FastSql: node-postgres sends a statement only once the previous one
 * has answered, and on this machine each round trip costs the API about 0.1 ms of CPU (the socket write is most of
 * it), more than the statement's own work on the API side.
 *
 * A pipeline is a node-postgres "submittable" (the interface pg-cursor and pg-query-stream use): its statements go
 * out in one write — Bind, Describe, Execute each, one Sync at the end — and PostgreSQL runs them in order, each a
 * statement of its own with its own snapshot (a statement after a lock wait sees what the transaction it waited for
 * committed). After an error it skips the rest up to the Sync: nothing after a failed statement runs.
 */

/** pg's own conversion of a JavaScript value into a parameter's text (Dates, arrays, Buffers, JSON). */
const toParameter = (pg as unknown as { utils: { prepareValue(value: unknown): Buffer | string | null } }).utils
  .prepareValue;

export interface PipelineStep {
  /** A prepared statement's name — parsed on this connection before — or '' for a text parsed anew (BEGIN, COMMIT). */
  name: string;
  text: string;
  values: readonly unknown[];
  /** Whether its rows are wanted (a Describe is sent for their columns). */
  rows: boolean;
}

export type Row = Record<string, unknown>;

/** The connection's type parsers (a pg client has them: the pool's `types`, the ORM's among them). */
export interface TypeParsers {
  getTypeParser(oid: number, format: 'text'): (value: string) => unknown;
}

interface Column {
  name: string;
  parse: (value: string) => unknown;
}

export class StatementPipeline implements pg.Submittable {
  /** Read by core/observability/sql-instrumentation.ts, which counts and tags what a request sends. */
  readonly statementCount: number;
  callback: ((error: Error | null, results?: Row[][]) => void) | undefined;
  private readonly steps: PipelineStep[];
  private readonly parameters: (Buffer | string | null)[][];
  private readonly results: Row[][] = [];
  private columns: Column[] = [];
  private rows: Row[] = [];
  /** A row that could not be parsed: reported once PostgreSQL is done with the pipeline, as pg does. */
  private unreadable: Error | null = null;
  private answered = false;

  constructor(
    steps: readonly PipelineStep[],
    private readonly types: TypeParsers,
  ) {
    this.steps = steps.map((step) => ({ ...step }));
    this.statementCount = steps.length;
    // Converted before anything is written: a value pg cannot send fails here, with nothing sent.
    this.parameters = steps.map((step) => step.values.map((value) => toParameter(value)));
  }

  /** Puts `comment` before the unnamed statements' text (prepared ones keep their fixed text). */
  tagUnnamed(comment: string): void {
    for (const step of this.steps) if (step.name === '') step.text = comment + step.text;
  }

  /** Resolves with each statement's rows, in order; rejects with the first error. */
  promise(): Promise<Row[][]> {
    return new Promise((resolve, reject) => {
      this.callback = (error, results) => (error ? reject(error) : resolve(results!));
    });
  }

  submit(connection: pg.Connection): void {
    // Corked: the messages leave in one write.
    connection.stream.cork();
    try {
      for (const [index, step] of this.steps.entries()) {
        if (step.name === '') connection.parse({ name: '', text: step.text, types: [] }, true);
        connection.bind({ portal: '', statement: step.name, values: this.parameters[index] }, true);
        if (step.rows) connection.describe({ type: 'P', name: '' }, true);
        connection.execute({ portal: '' }, true);
      }
      connection.sync();
    } finally {
      connection.stream.uncork();
    }
  }

  handleRowDescription(message: { fields: { name: string; dataTypeID: number }[] }): void {
    this.columns = message.fields.map((field) => ({
      name: field.name,
      parse: this.types.getTypeParser(field.dataTypeID, 'text'),
    }));
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    if (this.unreadable) return;
    try {
      const row: Row = {};
      for (let i = 0; i < this.columns.length; i += 1) {
        const value = message.fields[i];
        row[this.columns[i]!.name] = value === null || value === undefined ? null : this.columns[i]!.parse(value);
      }
      this.rows.push(row);
    } catch (error) {
      this.unreadable = error as Error;
    }
  }

  /** One statement done: the next message is the next statement's. */
  handleCommandComplete(): void {
    this.results.push(this.rows);
    this.rows = [];
    this.columns = [];
  }

  handleEmptyQuery(): void {
    this.handleCommandComplete();
  }

  /** PostgreSQL's error (the rest was skipped), or the connection's: pg hands the client on after this. */
  handleError(error: Error): void {
    this.answer(this.unreadable ?? error);
  }

  handleReadyForQuery(): void {
    this.answer(this.unreadable, this.results);
  }

  // Never asked for: no row limit, no COPY.
  handlePortalSuspended(): void {}
  handleCopyInResponse(connection: pg.Connection): void {
    (connection as unknown as { sendCopyFail(message: string): void }).sendCopyFail('no COPY in a statement pipeline');
  }
  handleCopyData(): void {}

  private answer(error: Error | null, results?: Row[][]): void {
    if (this.answered) return;
    this.answered = true;
    this.callback?.(error, error ? undefined : results);
  }
}
