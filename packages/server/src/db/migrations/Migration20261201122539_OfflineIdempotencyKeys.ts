import { Migration } from '@mikro-orm/migrations';

export class Migration20261201122539_OfflineIdempotencyKeys extends Migration {
  override name = 'Migration20261201122539_OfflineIdempotencyKeys';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "idempotency_key" ("account" uuid not null, "key" varchar(100) not null, "operation" varchar(60) not null, "entity_id" uuid null, "created_at" timestamptz not null, primary key ("account", "key"));`,
    );
    this.addSql(`create index "idempotency_key_created_at_index" on "idempotency_key" ("created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "idempotency_key" cascade;`);
  }
}
