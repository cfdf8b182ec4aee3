import { Migration } from '@mikro-orm/migrations';

export class Migration20261203110000_analytics_rolls extends Migration {

  override name = 'Migration20261203110000_analytics_rolls';

  override up(): void | Promise<void> {
    // What each account contributes to the roll summary, as last counted (the projector takes it out before counting
    // the account anew).
    this.addSql(`create table "analytics_roll_account" ("account_id" uuid primary key, "due_date" date not null, "currency" varchar(3) not null, "agency_id" uuid null, "created_date" date not null, "zero_date" date null, "balance" numeric(19,4) not null, "irregular" boolean not null);`);
    this.addSql(`create index "analytics_roll_account_irregular_index" on "analytics_roll_account" ("account_id") where "irregular";`);
    this.addSql(`create table "analytics_roll_account_day" ("account_id" uuid not null, "paid_date" date not null, "applied" numeric(19,4) not null, "amount" numeric(19,4) not null, primary key ("account_id", "paid_date"));`);

    this.addSql(`create table "analytics_roll_cohort" ("id" bigserial primary key, "due_date" date not null, "currency" varchar(3) not null, "agency_id" uuid null, "created_date" date not null, "zero_date" date null, "accounts" int not null default 0, "balance" numeric(19,4) not null default '0');`);
    this.addSql(`create unique index "analytics_roll_cohort_key" on "analytics_roll_cohort" ("due_date", "currency", "agency_id", "created_date", "zero_date") nulls not distinct;`);

    this.addSql(`create table "analytics_roll_payment_day" ("id" bigserial primary key, "paid_date" date not null, "due_date" date not null, "currency" varchar(3) not null, "agency_id" uuid null, "created_date" date not null, "zero_date" date null, "applied" numeric(19,4) not null default '0', "amount" numeric(19,4) not null default '0');`);
    this.addSql(`create unique index "analytics_roll_payment_day_key" on "analytics_roll_payment_day" ("paid_date", "due_date", "currency", "agency_id", "created_date", "zero_date") nulls not distinct;`);

    this.addSql(`create table "analytics_roll_payment_month" ("id" bigserial primary key, "paid_date" date not null, "due_date" date not null, "currency" varchar(3) not null, "agency_id" uuid null, "created_date" date not null, "zero_date" date null, "applied" numeric(19,4) not null default '0', "amount" numeric(19,4) not null default '0');`);
    this.addSql(`create unique index "analytics_roll_payment_month_key" on "analytics_roll_payment_month" ("paid_date", "due_date", "currency", "agency_id", "created_date", "zero_date") nulls not distinct;`);

    // Tables built before the roll summary existed lack it: marked unbuilt, the build job rebuilds them all at the
    // next start, and until then roll rates are computed from the accounts.
    this.addSql(`delete from "analytics_state";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "analytics_roll_account" cascade;`);
    this.addSql(`drop table if exists "analytics_roll_account_day" cascade;`);
    this.addSql(`drop table if exists "analytics_roll_cohort" cascade;`);
    this.addSql(`drop table if exists "analytics_roll_payment_day" cascade;`);
    this.addSql(`drop table if exists "analytics_roll_payment_month" cascade;`);
  }

}
