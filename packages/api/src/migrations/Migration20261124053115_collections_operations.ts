import { Migration } from '@mikro-orm/migrations';

export class Migration20261124053115_collections_operations extends Migration {
  override name = 'Migration20261124053115_collections_operations';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "failed_job" ("id" uuid not null, "queue" varchar(80) not null, "job_id" varchar(200) not null, "data" jsonb not null, "attempts" int not null, "error" text not null, "failed_at" timestamptz not null default now(), "retried_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "failed_job_failed_at_index" on "failed_job" ("failed_at");`);

    this.addSql(
      `create table "outbound_message" ("id" uuid not null, "account_id" uuid not null, "channel" text not null, "template" varchar(60) not null, "dedupe_key" varchar(200) not null, "recipient" varchar(200) not null, "body" text not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `alter table "outbound_message" add constraint "outbound_message_dedupe_key_unique" unique ("dedupe_key");`,
    );
    this.addSql(
      `create index "outbound_message_account_id_created_at_index" on "outbound_message" ("account_id", "created_at");`,
    );

    this.addSql(
      `create table "bucket_transition" ("id" uuid not null, "account_id" uuid not null, "business_date" date not null, "from_bucket" text not null, "to_bucket" text not null, "balance" numeric(19,4) not null, "currency" varchar(3) not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "bucket_transition_business_date_from_bucket_index" on "bucket_transition" ("business_date", "from_bucket");`,
    );
    this.addSql(
      `alter table "bucket_transition" add constraint "bucket_transition_account_id_business_date_unique" unique ("account_id", "business_date");`,
    );

    this.addSql(
      `create table "agent_status_period" ("id" uuid not null, "agent_id" uuid not null, "status" text not null, "started_at" timestamptz not null, "ended_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "agent_status_period_agent_id_started_at_index" on "agent_status_period" ("agent_id", "started_at");`,
    );

    this.addSql(
      `alter table "campaign" add "script" text null, add "window_start_minute" int null, add "window_end_minute" int null, add "starts_on" date null, add "ends_on" date null, add "challenger" jsonb null, add "finished_at" timestamptz null;`,
    );

    this.addSql(
      `alter table "account" add "credit" numeric(19,4) not null default '0', add "reconciliation_pending" boolean not null default false, add "last_attempt_at" timestamptz null, add "last_right_party_contact_at" timestamptz null, add "last_payment_at" timestamptz null, add "payment_count" int not null default 0, add "promises_kept" int not null default 0, add "promises_broken" int not null default 0, add "refusals" int not null default 0;`,
    );

    this.addSql(`drop index "queue_membership_queue_id_next_attempt_at_index";`);
    this.addSql(
      `alter table "queue_membership" add "expected_recovery" numeric(19,4) not null default '0', add "score" numeric(5,4) not null default '0', add "score_factors" jsonb null, add "variant" varchar(10) not null default 'CHAMPION', add "skipped_because" jsonb null;`,
    );
    this.addSql(
      `create index "queue_membership_queue_id_expected_recovery_index" on "queue_membership" ("queue_id", "expected_recovery");`,
    );

    this.addSql(
      `alter table "interaction" add "contact_point" varchar(200) null, add "variant" varchar(10) null, add "callback_at" timestamptz null;`,
    );

    this.addSql(
      `alter table "promise_to_pay" add "grace_days" int not null default 3, add "paid_amount" numeric(19,4) not null default '0';`,
    );

    this.addSql(
      `alter table "outbound_message" add constraint "outbound_message_account_id_foreign" foreign key ("account_id") references "account" ("id");`,
    );
    this.addSql(
      `alter table "outbound_message" add constraint "outbound_message_channel_check" check ("channel" in ('CALL', 'SMS', 'EMAIL', 'WHATSAPP'));`,
    );

    this.addSql(
      `alter table "bucket_transition" add constraint "bucket_transition_account_id_foreign" foreign key ("account_id") references "account" ("id");`,
    );
    this.addSql(
      `alter table "bucket_transition" add constraint "bucket_transition_from_bucket_check" check ("from_bucket" in ('CURRENT', 'D1_30', 'D31_60', 'D61_90', 'D91_120', 'D121_PLUS'));`,
    );
    this.addSql(
      `alter table "bucket_transition" add constraint "bucket_transition_to_bucket_check" check ("to_bucket" in ('CURRENT', 'D1_30', 'D31_60', 'D61_90', 'D91_120', 'D121_PLUS'));`,
    );

    this.addSql(
      `alter table "agent_status_period" add constraint "agent_status_period_agent_id_foreign" foreign key ("agent_id") references "agent" ("id");`,
    );
    this.addSql(
      `alter table "agent_status_period" add constraint "agent_status_period_status_check" check ("status" in ('LOGGED_OUT', 'AVAILABLE', 'ON_CONTACT', 'WRAP_UP', 'PAUSED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "failed_job" cascade;`);
    this.addSql(`drop table if exists "outbound_message" cascade;`);
    this.addSql(`drop table if exists "bucket_transition" cascade;`);
    this.addSql(`drop table if exists "agent_status_period" cascade;`);

    this.addSql(
      `alter table "account" drop column "credit", drop column "reconciliation_pending", drop column "last_attempt_at", drop column "last_right_party_contact_at", drop column "last_payment_at", drop column "payment_count", drop column "promises_kept", drop column "promises_broken", drop column "refusals";`,
    );

    this.addSql(
      `alter table "campaign" drop column "script", drop column "window_start_minute", drop column "window_end_minute", drop column "starts_on", drop column "ends_on", drop column "challenger", drop column "finished_at";`,
    );

    this.addSql(
      `alter table "interaction" drop column "contact_point", drop column "variant", drop column "callback_at";`,
    );

    this.addSql(`alter table "promise_to_pay" drop column "grace_days", drop column "paid_amount";`);

    this.addSql(`drop index "queue_membership_queue_id_expected_recovery_index";`);
    this.addSql(
      `alter table "queue_membership" drop column "expected_recovery", drop column "score", drop column "score_factors", drop column "variant", drop column "skipped_because";`,
    );
    this.addSql(
      `create index "queue_membership_queue_id_next_attempt_at_index" on "queue_membership" ("queue_id", "next_attempt_at");`,
    );
  }
}
