import { Migration } from '@mikro-orm/migrations';

export class Migration20261203233000_agent_open_status_period extends Migration {

  override name = 'Migration20261203233000_agent_open_status_period';

  override up(): void | Promise<void> {
    // Every status change closes the agent's open period: found through this index, not the agent's whole history.
    this.addSql(`create index "agent_status_period_open" on "agent_status_period" ("agent_id") where "ended_at" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "agent_status_period_open";`);
  }

}
