import { Migration } from '@mikro-orm/migrations';

export class Migration20261203093008_demo_clock extends Migration {

  override name = 'Migration20261203093008_demo_clock';

  override up(): void | Promise<void> {
    this.addSql(`create table "demo_clock" ("id" smallint primary key, "offset_ms" bigint not null, "updated_at" timestamptz not null default now());`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "demo_clock" cascade;`);
  }

}
