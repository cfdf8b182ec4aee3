import { Migration } from '@mikro-orm/migrations';

export class Migration20261203235000_queue_workable_order extends Migration {

  override name = 'Migration20261203235000_queue_workable_order';

  override up(): void | Promise<void> {
    // The queue's order, now carrying when each place is next due and until when it is held: nextAccount passes over
    // the places it may not offer inside the index instead of visiting each one's row.
    this.addSql(`create index "queue_membership_workable_order" on "queue_membership" ("queue_id", "expected_recovery", "id", (coalesce("next_attempt_at", '-infinity'::timestamptz)), (coalesce("reserved_until", '-infinity'::timestamptz)));`);
    this.addSql(`drop index "queue_membership_queue_id_expected_recovery_id_index";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create index "queue_membership_queue_id_expected_recovery_id_index" on "queue_membership" ("queue_id", "expected_recovery", "id");`);
    this.addSql(`drop index "queue_membership_workable_order";`);
  }

}
