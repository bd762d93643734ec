import { Migration } from '@mikro-orm/migrations';

export class Migration20261201094823_Files extends Migration {
  override name = 'Migration20261201094823_Files';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "stored_file" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "uploaded_by_id" uuid not null, "file_name" text not null, "content_type" varchar(120) not null, "size" int not null, "sha256" varchar(64) not null, "has_thumbnail" boolean not null default false, "evidence_id" uuid null, "attached_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "stored_file_uploaded_by_id_index" on "stored_file" ("uploaded_by_id");`);
    this.addSql(`alter table "stored_file" add constraint "stored_file_evidence_id_unique" unique ("evidence_id");`);
    this.addSql(`create index "stored_file_created_at" on "stored_file" ("created_at");`);

    this.addSql(
      `alter table "stored_file" add constraint "stored_file_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "account" ("id");`,
    );
    this.addSql(
      `alter table "stored_file" add constraint "stored_file_evidence_id_foreign" foreign key ("evidence_id") references "evidence" ("id") on delete set null;`,
    );
    this.addSql(`alter table "stored_file" add constraint "stored_file_size_positive" check (size > 0);`);
    this.addSql(
      `alter table "stored_file" add constraint "stored_file_sha256_hex" check (sha256 ~ '^[0-9a-f]{64}\$');`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "stored_file" cascade;`);
  }
}
