import { Migration } from '@mikro-orm/migrations';

export class Migration20261203093358_domain_event_request_id extends Migration {

  override name = 'Migration20261203093358_domain_event_request_id';

  override up(): void | Promise<void> {
    this.addSql(`alter table "domain_event" add "request_id" varchar(64) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "domain_event" drop column "request_id";`);
  }

}
