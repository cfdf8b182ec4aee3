import { Migration } from '@mikro-orm/migrations';

export class Migration20261203083251_analytics extends Migration {

  override name = 'Migration20261203083251_analytics';

  override up(): void | Promise<void> {
    this.addSql(`create table "analytics_state" ("id" smallint primary key, "time_zone" varchar(64) not null, "built_at" timestamptz not null);`);

    this.addSql(`create table "analytics_arm_day" ("id" bigserial primary key, "business_date" date not null, "agency_id" uuid null, "channel" varchar(10) not null, "attempts" int not null default 0, "contacts" int not null default 0, "right_party_contacts" int not null default 0, "promises" int not null default 0, "campaign_id" uuid null, "variant" varchar(10) null, "bucket" varchar(10) not null, "currency" varchar(3) not null, "accounts_reached" int not null default 0, "collected" numeric(19,4) not null default '0');`);
    this.addSql(`create index "analytics_arm_day_campaign_id_business_date_index" on "analytics_arm_day" ("campaign_id", "business_date");`);
    this.addSql(`create unique index "analytics_arm_day_key" on "analytics_arm_day" ("business_date", "campaign_id", "variant", "agency_id", "bucket", "channel", "currency") nulls not distinct;`);

    this.addSql(`create table "analytics_contact_cell" ("id" bigserial primary key, "business_date" date not null, "agency_id" uuid null, "channel" varchar(10) not null, "attempts" int not null default 0, "contacts" int not null default 0, "right_party_contacts" int not null default 0, "promises" int not null default 0, "campaign_id" uuid null, "bucket" varchar(10) not null, "weekday" smallint not null, "hour" smallint not null, "currency" varchar(3) not null, "collected" numeric(19,4) not null default '0');`);
    this.addSql(`create index "analytics_contact_cell_campaign_id_business_date_index" on "analytics_contact_cell" ("campaign_id", "business_date");`);
    this.addSql(`create unique index "analytics_contact_cell_key" on "analytics_contact_cell" ("business_date", "campaign_id", "agency_id", "bucket", "channel", "weekday", "hour", "currency") nulls not distinct;`);

    this.addSql(`create table "analytics_heat_day" ("id" bigserial primary key, "business_date" date not null, "agency_id" uuid null, "channel" varchar(10) not null, "attempts" int not null default 0, "contacts" int not null default 0, "right_party_contacts" int not null default 0, "promises" int not null default 0, "weekday" smallint not null, "hour" smallint not null, "currency" varchar(3) not null, "collected" numeric(19,4) not null default '0');`);
    this.addSql(`create unique index "analytics_heat_day_key" on "analytics_heat_day" ("business_date", "agency_id", "channel", "weekday", "hour", "currency") nulls not distinct;`);

    this.addSql(`create table "analytics_heat_segment" ("id" bigserial primary key, "business_date" date not null, "agency_id" uuid null, "channel" varchar(10) not null, "attempts" int not null default 0, "contacts" int not null default 0, "right_party_contacts" int not null default 0, "promises" int not null default 0, "bucket" varchar(10) not null, "weekday" smallint not null, "hour" smallint not null, "currency" varchar(3) not null, "collected" numeric(19,4) not null default '0');`);
    this.addSql(`create unique index "analytics_heat_segment_key" on "analytics_heat_segment" ("bucket", "business_date", "agency_id", "channel", "weekday", "hour", "currency") nulls not distinct;`);

    this.addSql(`create table "analytics_intensity_cell" ("id" bigserial primary key, "business_date" date not null, "agency_id" uuid null, "channel" varchar(10) not null, "attempts" int not null default 0, "contacts" int not null default 0, "right_party_contacts" int not null default 0, "promises" int not null default 0, "campaign_id" uuid null, "bucket" varchar(10) not null, "attempt_number" smallint not null);`);
    this.addSql(`create index "analytics_intensity_cell_campaign_id_business_date_index" on "analytics_intensity_cell" ("campaign_id", "business_date");`);
    this.addSql(`create unique index "analytics_intensity_cell_key" on "analytics_intensity_cell" ("business_date", "campaign_id", "agency_id", "bucket", "channel", "attempt_number") nulls not distinct;`);

    this.addSql(`create table "analytics_intensity_day" ("id" bigserial primary key, "business_date" date not null, "agency_id" uuid null, "channel" varchar(10) not null, "attempts" int not null default 0, "contacts" int not null default 0, "right_party_contacts" int not null default 0, "promises" int not null default 0, "bucket" varchar(10) not null, "attempt_number" smallint not null);`);
    this.addSql(`create unique index "analytics_intensity_day_key" on "analytics_intensity_day" ("business_date", "agency_id", "bucket", "channel", "attempt_number") nulls not distinct;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "analytics_state" cascade;`);
    this.addSql(`drop table if exists "analytics_arm_day" cascade;`);
    this.addSql(`drop table if exists "analytics_contact_cell" cascade;`);
    this.addSql(`drop table if exists "analytics_heat_day" cascade;`);
    this.addSql(`drop table if exists "analytics_heat_segment" cascade;`);
    this.addSql(`drop table if exists "analytics_intensity_cell" cascade;`);
    this.addSql(`drop table if exists "analytics_intensity_day" cascade;`);
  }

}
