import { Migration } from '@mikro-orm/migrations';

export class Migration20261203080733_placements extends Migration {
  override name = 'Migration20261203080733_placements';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "placement" ("id" uuid not null, "account_id" uuid not null, "agency_id" uuid not null, "placed_at" timestamptz not null, "recall_date" date null, "commission_rate" numeric(5,4) not null, "status" text not null default 'ACTIVE', "ended_at" timestamptz null, "end_reason" varchar(40) null, "end_note" text null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `create index "placement_active_recall_date" on "placement" ("recall_date", "id") where "status" = 'ACTIVE';`,
    );
    this.addSql(
      `create unique index "placement_one_active_per_account" on "placement" ("account_id") where "status" = 'ACTIVE';`,
    );
    this.addSql(`create index "placement_account_id_placed_at_index" on "placement" ("account_id", "placed_at");`);
    this.addSql(
      `create index "placement_agency_id_status_recall_date_index" on "placement" ("agency_id", "status", "recall_date");`,
    );

    this.addSql(
      `create table "placement_extension_request" ("id" uuid not null, "placement_id" uuid not null, "days" int not null, "reason" text not null, "status" text not null default 'PENDING', "requested_at" timestamptz not null, "decided_at" timestamptz null, "decision_note" text null, primary key ("id"));`,
    );
    this.addSql(
      `create unique index "placement_extension_one_pending" on "placement_extension_request" ("placement_id") where "status" = 'PENDING';`,
    );
    this.addSql(
      `create index "placement_extension_request_status_requested_at_index" on "placement_extension_request" ("status", "requested_at");`,
    );

    this.addSql(`alter table "debtor" add "invalid_phones_by_tenant" jsonb not null default '{}';`);
    // Who found the numbers marked so far is not recorded on the debtor: they stay the in-house team's.
    this.addSql(
      `update "debtor" set "invalid_phones_by_tenant" = jsonb_build_object('IN_HOUSE', to_jsonb("invalid_phones")) where cardinality("invalid_phones") > 0;`,
    );
    this.addSql(`alter table "debtor" drop column "invalid_phones";`);

    this.addSql(
      `alter table "payment" add "reversal_of" uuid null, add "reversed_at" timestamptz null, add "reversal_reason" text null;`,
    );
    this.addSql(`alter table "payment" add constraint "payment_reversal_of_unique" unique ("reversal_of");`);

    this.addSql(
      `alter table "placement" add constraint "placement_account_id_foreign" foreign key ("account_id") references "account" ("id");`,
    );
    this.addSql(
      `alter table "placement" add constraint "placement_agency_id_foreign" foreign key ("agency_id") references "agency" ("id");`,
    );
    this.addSql(
      `alter table "placement" add constraint "placement_status_check" check ("status" in ('ACTIVE', 'RECALLED', 'RETURNED'));`,
    );

    this.addSql(
      `alter table "placement_extension_request" add constraint "placement_extension_request_placement_id_foreign" foreign key ("placement_id") references "placement" ("id");`,
    );
    this.addSql(
      `alter table "placement_extension_request" add constraint "placement_extension_request_status_check" check ("status" in ('PENDING', 'APPROVED', 'REFUSED'));`,
    );

    // Accounts placed before placements had terms: an open-ended placement without commission each.
    this.addSql(
      `insert into "placement" ("id", "account_id", "agency_id", "placed_at", "commission_rate", "status") select gen_random_uuid(), "id", "agency_id", coalesce("placed_at", "created_at"), 0, 'ACTIVE' from "account" where "agency_id" is not null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(
      `alter table "placement_extension_request" drop constraint "placement_extension_request_placement_id_foreign";`,
    );

    this.addSql(`drop table if exists "placement" cascade;`);
    this.addSql(`drop table if exists "placement_extension_request" cascade;`);

    this.addSql(`alter table "debtor" drop column "invalid_phones_by_tenant";`);
    this.addSql(`alter table "debtor" add "invalid_phones" text[] not null default '{}';`);

    this.addSql(`alter table "payment" drop constraint "payment_reversal_of_unique";`);
    this.addSql(
      `alter table "payment" drop column "reversal_of", drop column "reversed_at", drop column "reversal_reason";`,
    );
  }
}
