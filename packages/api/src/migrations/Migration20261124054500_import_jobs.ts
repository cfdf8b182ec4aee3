import { Migration } from '@mikro-orm/migrations';

export class Migration20261124054500_import_jobs extends Migration {
  override name = 'Migration20261124054500_import_jobs';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "import_job" ("id" uuid not null, "creditor_name" varchar(200) not null, "portfolio_name" varchar(200) not null, "status" text not null default 'QUEUED', "total_rows" int not null, "validated_rows" int not null default 0, "imported_rows" int not null default 0, "error" jsonb null, "requested_by" varchar(80) not null, "requested_role" varchar(16) not null, "created_at" timestamptz not null default now(), "started_at" timestamptz null, "finished_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "import_job_created_at_index" on "import_job" ("created_at");`);

    this.addSql(
      `create table "import_job_chunk" ("id" uuid not null, "import_job_id" uuid not null, "seq" int not null, "first_row" int not null, "rows" jsonb not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "import_job_chunk" add constraint "import_job_chunk_import_job_id_seq_unique" unique ("import_job_id", "seq");`,
    );

    this.addSql(
      `alter table "import_job" add constraint "import_job_status_check" check ("status" in ('QUEUED', 'VALIDATING', 'IMPORTING', 'SUCCEEDED', 'FAILED'));`,
    );

    this.addSql(
      `alter table "import_job_chunk" add constraint "import_job_chunk_import_job_id_foreign" foreign key ("import_job_id") references "import_job" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "import_job_chunk" cascade;`);
    this.addSql(`drop table if exists "import_job" cascade;`);
  }
}
