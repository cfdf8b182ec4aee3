import { Migration } from '@mikro-orm/migrations';

export class Migration20261124060000_queue_membership_indexes extends Migration {
  override name = 'Migration20261124060000_queue_membership_indexes';

  override up(): void | Promise<void> {
    this.addSql(`drop index "queue_membership_queue_id_expected_recovery_index";`);
    this.addSql(
      `create index "queue_membership_queue_id_expected_recovery_id_index" on "queue_membership" ("queue_id", "expected_recovery", "id");`,
    );
    this.addSql(`create index "queue_membership_reserved_by_id_index" on "queue_membership" ("reserved_by_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "queue_membership_reserved_by_id_index";`);
    this.addSql(`drop index "queue_membership_queue_id_expected_recovery_id_index";`);
    this.addSql(
      `create index "queue_membership_queue_id_expected_recovery_index" on "queue_membership" ("queue_id", "expected_recovery");`,
    );
  }
}
