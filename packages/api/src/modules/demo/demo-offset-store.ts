import type { DemoOffsetStore } from '../../core/demo-clock.ts';
import { systemEm, type Orm } from '../../core/database/orm.ts';
import { runSql } from '../../core/database/sql.ts';

/** The demo clock's offset in the `demo_clock` row: read once at start, only ever raised. */
export class SqlDemoOffsetStore implements DemoOffsetStore {
  constructor(private readonly orm: Orm) {}

  /** The offset an earlier run reached, or 0 for a demo that never ran on the demo clock. */
  async read(): Promise<number> {
    const [row] = await runSql<{ offset_ms: string }>(
      systemEm(this.orm),
      'select offset_ms::text as offset_ms from demo_clock where id = 1',
    );
    return row ? Number(row.offset_ms) : 0;
  }

  async advance(offsetMs: number): Promise<void> {
    // greatest(): two writers, or a late write of an older value, can never lower it.
    await runSql(
      systemEm(this.orm),
      `insert into demo_clock (id, offset_ms, updated_at) values (1, ?, now())
       on conflict (id) do update set offset_ms = greatest(demo_clock.offset_ms, excluded.offset_ms),
                                      updated_at = now()`,
      [Math.round(offsetMs)],
    );
  }
}
