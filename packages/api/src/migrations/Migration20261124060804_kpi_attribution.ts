import { Migration } from '@mikro-orm/migrations';

export class Migration20261124060804_kpi_attribution extends Migration {
  override name = 'Migration20261124060804_kpi_attribution';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "payment" add "applied_amount" numeric(19,4) not null default '0', add "campaign_id" uuid null, add "queue_id" uuid null, add "agency_id" uuid null, add "agent_id" uuid null;`,
    );

    this.addSql(
      `alter table "interaction" add "campaign_id" uuid null, add "queue_id" uuid null, add "agency_id" uuid null;`,
    );

    this.addSql(
      `alter table "promise_to_pay" add "campaign_id" uuid null, add "queue_id" uuid null, add "agency_id" uuid null, add "agent_id" uuid null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "interaction" drop column "campaign_id", drop column "queue_id", drop column "agency_id";`,
    );

    this.addSql(
      `alter table "payment" drop column "applied_amount", drop column "campaign_id", drop column "queue_id", drop column "agency_id", drop column "agent_id";`,
    );

    this.addSql(
      `alter table "promise_to_pay" drop column "campaign_id", drop column "queue_id", drop column "agency_id", drop column "agent_id";`,
    );
  }
}
