import { Migration } from '@mikro-orm/migrations';

export class Migration20261203094443_account_due_date_probe extends Migration {

  override name = 'Migration20261203094443_account_due_date_probe';

  override up(): void | Promise<void> {
    // The id joins the covering index, so the probe of a page reads ids from the index alone.
    this.addSql(`drop index "account_due_date_covering";`);
    this.addSql(`create index "account_due_date_covering" on "account" ("due_date") include ("balance", "status", "agency_id", "id");`);
    this.addSql(`create index "account_agency_due_date_covering" on "account" ("agency_id", "due_date") include ("balance", "status", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "account_agency_due_date_covering";`);
    this.addSql(`drop index "account_due_date_covering";`);
    this.addSql(`create index "account_due_date_covering" on "account" ("due_date") include ("balance", "status", "agency_id");`);
  }

}
