import { Migration } from '@mikro-orm/migrations';

export class Migration20261203081635_api_keys_and_audit extends Migration {
  override name = 'Migration20261203081635_api_keys_and_audit';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "audit_entry" ("id" uuid not null, "at" timestamptz not null, "key_prefix" varchar(16) null, "role" text null, "agency_id" uuid null, "operation" varchar(80) not null, "target" varchar(200) null, "outcome" varchar(40) not null, "transport" varchar(4) not null, "request_id" uuid null, primary key ("id"));`,
    );
    this.addSql(`create index "audit_entry_agency_id_at_index" on "audit_entry" ("agency_id", "at");`);
    this.addSql(`create index "audit_entry_at_index" on "audit_entry" ("at");`);

    this.addSql(
      `alter table "api_key" add "agent_id" uuid null, add "label" varchar(120) null, add "last_used_at" timestamptz null, add "expires_at" timestamptz null, add "rotated_from_id" uuid null;`,
    );
    this.addSql(
      `alter table "api_key" add constraint "api_key_agent_id_foreign" foreign key ("agent_id") references "agent" ("id") on delete set null;`,
    );
    this.addSql(`create index "api_key_agency_id_index" on "api_key" ("agency_id");`);
    this.addSql(
      `create or replace function "api_key_api_key_deleted_fn"() returns trigger as \$\$ begin perform pg_notify('api_key_changed', old.id::text); return null; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "api_key_deleted" AFTER DELETE on "api_key" for each ROW execute function "api_key_api_key_deleted_fn"();`,
    );
    this.addSql(
      `create or replace function "api_key_api_key_changed_fn"() returns trigger as \$\$ begin if (old.hash, old.role, old.agency_id, old.agent_id, old.expires_at, old.revoked_at) is distinct from (new.hash, new.role, new.agency_id, new.agent_id, new.expires_at, new.revoked_at) then perform pg_notify('api_key_changed', new.id::text); end if; return null; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "api_key_changed" AFTER UPDATE on "api_key" for each ROW execute function "api_key_api_key_changed_fn"();`,
    );

    this.addSql(
      `alter table "audit_entry" add constraint "audit_entry_agency_id_foreign" foreign key ("agency_id") references "agency" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "audit_entry" add constraint "audit_entry_role_check" check ("role" in ('ADMIN', 'MANAGER', 'SUPERVISOR', 'AGENT', 'AGENCY'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`alter table "api_key" drop constraint "api_key_agent_id_foreign";`);

    this.addSql(`drop index "api_key_agency_id_index";`);
    this.addSql(`drop trigger if exists "api_key_deleted" on "api_key";`);
    this.addSql(`drop function if exists "api_key_api_key_deleted_fn"();`);
    this.addSql(`drop trigger if exists "api_key_changed" on "api_key";`);
    this.addSql(`drop function if exists "api_key_api_key_changed_fn"();`);
    this.addSql(
      `alter table "api_key" drop column "agent_id", drop column "label", drop column "last_used_at", drop column "expires_at", drop column "rotated_from_id";`,
    );
  }
}
