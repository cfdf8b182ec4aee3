import { Migration } from '@mikro-orm/migrations';

export class Migration20261203090452_payment_idempotency_scope extends Migration {
  override name = 'Migration20261203090452_payment_idempotency_scope';

  override up(): void | Promise<void> {
    this.addSql(`alter table "payment" drop constraint "payment_reference_unique";`);
    this.addSql(`alter table "payment" add "idempotency_scope" varchar(160) null;`);
    // References posted before were unique across the operation; each is kept under the tenant it was posted for
    // (the payment's agency: an agency posts only on its own accounts), reversal lines under their own scope.
    this.addSql(
      `update "payment" set "idempotency_scope" = case when "reversal_of" is not null then 'reversal|' else coalesce("agency_id"::text, 'in-house') || '|' end;`,
    );
    this.addSql(`alter table "payment" alter column "idempotency_scope" set not null;`);
    this.addSql(
      `alter table "payment" add constraint "payment_idempotency_scope_reference_unique" unique ("idempotency_scope", "reference");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "payment" drop constraint "payment_idempotency_scope_reference_unique";`);
    this.addSql(`alter table "payment" drop column "idempotency_scope";`);
    this.addSql(`alter table "payment" add constraint "payment_reference_unique" unique ("reference");`);
  }
}
