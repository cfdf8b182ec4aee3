import { Migration } from '@mikro-orm/migrations';

export class Migration20261124073155_campaign_daily_target extends Migration {
  override name = 'Migration20261124073155_campaign_daily_target';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "campaign" add "daily_target" numeric(19,4) null, add "daily_target_currency" varchar(3) null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "campaign" drop column "daily_target", drop column "daily_target_currency";`);
  }
}
