import { Migration } from '@mikro-orm/migrations';

export class Migration20261124051004_covering_indexes extends Migration {
  override name = 'Migration20261124051004_covering_indexes';

  override up(): void | Promise<void> {
    this.addSql(`drop index "account_due_date_index";`);
    this.addSql(
      `create index "account_due_date_covering" on "account" ("due_date") include ("balance", "status", "agency_id");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "account_due_date_covering";`);
    this.addSql(`create index "account_due_date_index" on "account" ("due_date");`);
  }
}
