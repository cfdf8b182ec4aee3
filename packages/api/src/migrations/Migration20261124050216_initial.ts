import { Migration } from '@mikro-orm/migrations';

export class Migration20261124050216_initial extends Migration {
  override name = 'Migration20261124050216_initial';

  override up(): void | Promise<void> {
    // Trigram matching backs the debtor-name search of AccountFilter.search.
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(
      `create table "agency" ("id" uuid not null, "code" varchar(40) not null, "name" varchar(200) not null, "partner" boolean not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "agency" add constraint "agency_code_unique" unique ("code");`);

    this.addSql(
      `create table "api_key" ("id" uuid not null, "hash" varchar(64) not null, "prefix" varchar(16) not null, "role" text not null, "agency_id" uuid null, "created_at" timestamptz not null default now(), "revoked_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "api_key" add constraint "api_key_hash_unique" unique ("hash");`);

    this.addSql(
      `create table "campaign" ("id" uuid not null, "name" varchar(200) not null, "status" text not null default 'DRAFT', "channel" text not null, "filter" jsonb not null, "agency_id" uuid null, "started_at" timestamptz null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );

    this.addSql(
      `create table "creditor" ("id" uuid not null, "name" varchar(200) not null, "contact_profile" varchar(2) not null default 'PE', "default_time_zone" varchar(64) not null default 'America/Lima', "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "creditor" add constraint "creditor_name_unique" unique ("name");`);

    this.addSql(
      `create table "debtor" ("id" uuid not null, "creditor_id" uuid not null, "name" varchar(200) not null, "document_id" varchar(40) not null, "phones" text[] not null, "invalid_phones" text[] not null default '{}', "emails" text[] not null, "time_zone" varchar(64) not null, "do_not_contact" boolean not null default false, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "debtor_name_trgm" on "debtor" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create index "debtor_document_id_index" on "debtor" ("document_id");`);
    this.addSql(
      `alter table "debtor" add constraint "debtor_creditor_id_document_id_unique" unique ("creditor_id", "document_id");`,
    );

    this.addSql(
      `create table "domain_event" ("id" bigserial primary key, "type" varchar(80) not null, "aggregate_type" varchar(40) not null, "aggregate_id" varchar(64) not null, "actor" varchar(80) not null, "payload" jsonb not null, "occurred_at" timestamptz not null default now(), "published_at" timestamptz null);`,
    );
    this.addSql(
      `create index "domain_event_aggregate_type_aggregate_id_index" on "domain_event" ("aggregate_type", "aggregate_id");`,
    );
    this.addSql(`create index "domain_event_unpublished" on "domain_event" ("id") where "published_at" is null;`);

    this.addSql(
      `create table "portfolio" ("id" uuid not null, "creditor_id" uuid not null, "name" varchar(200) not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `alter table "portfolio" add constraint "portfolio_creditor_id_name_unique" unique ("creditor_id", "name");`,
    );

    this.addSql(
      `create table "account" ("id" uuid not null, "creditor_id" uuid not null, "portfolio_id" uuid not null, "debtor_id" uuid not null, "external_ref" varchar(80) not null, "original_amount" numeric(19,4) not null, "balance" numeric(19,4) not null, "currency" varchar(3) not null, "due_date" date not null, "status" text not null default 'ACTIVE', "agency_id" uuid null, "placed_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "account_portfolio_id_index" on "account" ("portfolio_id");`);
    this.addSql(`create index "account_debtor_id_index" on "account" ("debtor_id");`);
    this.addSql(`create index "account_balance_index" on "account" ("balance");`);
    this.addSql(`create index "account_due_date_index" on "account" ("due_date");`);
    this.addSql(`create index "account_status_id_index" on "account" ("status", "id");`);
    this.addSql(`create index "account_agency_id_id_index" on "account" ("agency_id", "id");`);
    this.addSql(
      `alter table "account" add constraint "account_creditor_id_external_ref_unique" unique ("creditor_id", "external_ref");`,
    );

    this.addSql(
      `create table "payment" ("id" uuid not null, "account_id" uuid not null, "amount" numeric(19,4) not null, "currency" varchar(3) not null, "paid_at" timestamptz not null, "reference" varchar(120) not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "payment" add constraint "payment_reference_unique" unique ("reference");`);
    this.addSql(`create index "payment_paid_at_index" on "payment" ("paid_at");`);
    this.addSql(`create index "payment_account_id_paid_at_index" on "payment" ("account_id", "paid_at");`);

    this.addSql(
      `create table "work_queue" ("id" uuid not null, "campaign_id" uuid not null, "name" varchar(200) not null, "priority" int not null default 0, "paused" boolean not null default false, "filter" jsonb not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "work_queue_campaign_id_index" on "work_queue" ("campaign_id");`);

    this.addSql(
      `create table "agent" ("id" uuid not null, "name" varchar(200) not null, "agency_id" uuid not null, "status" text not null default 'LOGGED_OUT', "status_since" timestamptz not null default now(), "queue_id" uuid null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "agent_agency_id_index" on "agent" ("agency_id");`);
    this.addSql(`create index "agent_queue_id_index" on "agent" ("queue_id");`);

    this.addSql(
      `create table "queue_membership" ("id" uuid not null, "account_id" uuid not null, "queue_id" uuid not null, "campaign_id" uuid not null, "entered_at" timestamptz not null default now(), "next_attempt_at" timestamptz null, "last_worked_on" date null, "reserved_by_id" uuid null, "reserved_until" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "queue_membership" add constraint "queue_membership_account_id_unique" unique ("account_id");`,
    );
    this.addSql(`create index "queue_membership_campaign_id_index" on "queue_membership" ("campaign_id");`);
    this.addSql(
      `create index "queue_membership_queue_id_next_attempt_at_index" on "queue_membership" ("queue_id", "next_attempt_at");`,
    );

    this.addSql(
      `create table "interaction" ("id" uuid not null, "account_id" uuid not null, "agent_id" uuid null, "channel" text not null, "disposition" text not null, "started_at" timestamptz not null, "duration_seconds" int not null default 0, "notes" text null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "interaction_started_at_index" on "interaction" ("started_at");`);
    this.addSql(`create index "interaction_agent_id_started_at_index" on "interaction" ("agent_id", "started_at");`);
    this.addSql(
      `create index "interaction_account_id_started_at_index" on "interaction" ("account_id", "started_at");`,
    );

    this.addSql(
      `create table "promise_to_pay" ("id" uuid not null, "account_id" uuid not null, "interaction_id" uuid null, "amount" numeric(19,4) not null, "currency" varchar(3) not null, "due_date" date not null, "status" text not null default 'PENDING', "resolved_at" timestamptz null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "promise_to_pay_account_id_index" on "promise_to_pay" ("account_id");`);
    this.addSql(
      `alter table "promise_to_pay" add constraint "promise_to_pay_interaction_id_unique" unique ("interaction_id");`,
    );
    this.addSql(`create index "promise_to_pay_status_due_date_index" on "promise_to_pay" ("status", "due_date");`);

    this.addSql(
      `alter table "api_key" add constraint "api_key_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "api_key" add constraint "api_key_role_check" check ("role" in ('ADMIN', 'MANAGER', 'SUPERVISOR', 'AGENT', 'AGENCY'));`,
    );

    this.addSql(
      `alter table "campaign" add constraint "campaign_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "campaign" add constraint "campaign_status_check" check ("status" in ('DRAFT', 'RUNNING', 'PAUSED', 'FINISHED'));`,
    );
    this.addSql(
      `alter table "campaign" add constraint "campaign_channel_check" check ("channel" in ('CALL', 'SMS', 'EMAIL', 'WHATSAPP'));`,
    );

    this.addSql(
      `alter table "debtor" add constraint "debtor_creditor_id_foreign" foreign key ("creditor_id") references "creditor" ("id");`,
    );

    this.addSql(
      `alter table "portfolio" add constraint "portfolio_creditor_id_foreign" foreign key ("creditor_id") references "creditor" ("id");`,
    );

    this.addSql(
      `alter table "account" add constraint "account_creditor_id_foreign" foreign key ("creditor_id") references "creditor" ("id");`,
    );
    this.addSql(
      `alter table "account" add constraint "account_portfolio_id_foreign" foreign key ("portfolio_id") references "portfolio" ("id");`,
    );
    this.addSql(
      `alter table "account" add constraint "account_debtor_id_foreign" foreign key ("debtor_id") references "debtor" ("id");`,
    );
    this.addSql(
      `alter table "account" add constraint "account_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "account" add constraint "account_status_check" check ("status" in ('ACTIVE', 'PROMISED', 'PAID', 'DISPUTED', 'WRITTEN_OFF'));`,
    );

    this.addSql(
      `alter table "payment" add constraint "payment_account_id_foreign" foreign key ("account_id") references "account" ("id");`,
    );

    this.addSql(
      `alter table "work_queue" add constraint "work_queue_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id");`,
    );

    this.addSql(
      `alter table "agent" add constraint "agent_agency_id_foreign" foreign key ("agency_id") references "agency" ("id");`,
    );
    this.addSql(
      `alter table "agent" add constraint "agent_queue_id_foreign" foreign key ("queue_id") references "work_queue" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "agent" add constraint "agent_status_check" check ("status" in ('LOGGED_OUT', 'AVAILABLE', 'ON_CONTACT', 'WRAP_UP', 'PAUSED'));`,
    );

    this.addSql(
      `alter table "queue_membership" add constraint "queue_membership_account_id_foreign" foreign key ("account_id") references "account" ("id");`,
    );
    this.addSql(
      `alter table "queue_membership" add constraint "queue_membership_queue_id_foreign" foreign key ("queue_id") references "work_queue" ("id");`,
    );
    this.addSql(
      `alter table "queue_membership" add constraint "queue_membership_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id");`,
    );
    this.addSql(
      `alter table "queue_membership" add constraint "queue_membership_reserved_by_id_foreign" foreign key ("reserved_by_id") references "agent" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "interaction" add constraint "interaction_account_id_foreign" foreign key ("account_id") references "account" ("id");`,
    );
    this.addSql(
      `alter table "interaction" add constraint "interaction_agent_id_foreign" foreign key ("agent_id") references "agent" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "interaction" add constraint "interaction_channel_check" check ("channel" in ('CALL', 'SMS', 'EMAIL', 'WHATSAPP'));`,
    );
    this.addSql(
      `alter table "interaction" add constraint "interaction_disposition_check" check ("disposition" in ('NO_ANSWER', 'BUSY', 'VOICEMAIL', 'WRONG_NUMBER', 'THIRD_PARTY', 'REFUSED_TO_PAY', 'PROMISE_TO_PAY', 'ALREADY_PAID', 'DISPUTE', 'CALLBACK_REQUESTED', 'MESSAGE_SENT', 'MESSAGE_REPLIED'));`,
    );

    this.addSql(
      `alter table "promise_to_pay" add constraint "promise_to_pay_account_id_foreign" foreign key ("account_id") references "account" ("id");`,
    );
    this.addSql(
      `alter table "promise_to_pay" add constraint "promise_to_pay_interaction_id_foreign" foreign key ("interaction_id") references "interaction" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "promise_to_pay" add constraint "promise_to_pay_status_check" check ("status" in ('PENDING', 'KEPT', 'PARTIALLY_KEPT', 'BROKEN', 'CANCELLED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "api_key" drop constraint "api_key_agency_id_foreign";`);
    this.addSql(`alter table "campaign" drop constraint "campaign_agency_id_foreign";`);
    this.addSql(`alter table "account" drop constraint "account_agency_id_foreign";`);
    this.addSql(`alter table "agent" drop constraint "agent_agency_id_foreign";`);
    this.addSql(`alter table "work_queue" drop constraint "work_queue_campaign_id_foreign";`);
    this.addSql(`alter table "queue_membership" drop constraint "queue_membership_campaign_id_foreign";`);
    this.addSql(`alter table "debtor" drop constraint "debtor_creditor_id_foreign";`);
    this.addSql(`alter table "portfolio" drop constraint "portfolio_creditor_id_foreign";`);
    this.addSql(`alter table "account" drop constraint "account_creditor_id_foreign";`);
    this.addSql(`alter table "account" drop constraint "account_debtor_id_foreign";`);
    this.addSql(`alter table "account" drop constraint "account_portfolio_id_foreign";`);
    this.addSql(`alter table "payment" drop constraint "payment_account_id_foreign";`);
    this.addSql(`alter table "queue_membership" drop constraint "queue_membership_account_id_foreign";`);
    this.addSql(`alter table "interaction" drop constraint "interaction_account_id_foreign";`);
    this.addSql(`alter table "promise_to_pay" drop constraint "promise_to_pay_account_id_foreign";`);
    this.addSql(`alter table "agent" drop constraint "agent_queue_id_foreign";`);
    this.addSql(`alter table "queue_membership" drop constraint "queue_membership_queue_id_foreign";`);
    this.addSql(`alter table "queue_membership" drop constraint "queue_membership_reserved_by_id_foreign";`);
    this.addSql(`alter table "interaction" drop constraint "interaction_agent_id_foreign";`);
    this.addSql(`alter table "promise_to_pay" drop constraint "promise_to_pay_interaction_id_foreign";`);

    this.addSql(`drop table if exists "agency" cascade;`);
    this.addSql(`drop table if exists "api_key" cascade;`);
    this.addSql(`drop table if exists "campaign" cascade;`);
    this.addSql(`drop table if exists "creditor" cascade;`);
    this.addSql(`drop table if exists "debtor" cascade;`);
    this.addSql(`drop table if exists "domain_event" cascade;`);
    this.addSql(`drop table if exists "portfolio" cascade;`);
    this.addSql(`drop table if exists "account" cascade;`);
    this.addSql(`drop table if exists "payment" cascade;`);
    this.addSql(`drop table if exists "work_queue" cascade;`);
    this.addSql(`drop table if exists "agent" cascade;`);
    this.addSql(`drop table if exists "queue_membership" cascade;`);
    this.addSql(`drop table if exists "interaction" cascade;`);
    this.addSql(`drop table if exists "promise_to_pay" cascade;`);
  }
}
