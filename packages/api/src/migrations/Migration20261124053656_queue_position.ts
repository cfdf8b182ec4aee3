import { Migration } from '@mikro-orm/migrations';

export class Migration20261124053656_queue_position extends Migration {
  override name = 'Migration20261124053656_queue_position';

  override up(): void | Promise<void> {
    this.addSql(`alter table "work_queue" add "position" int not null default 0;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "work_queue" drop column "position";`);
  }
}
