import { Migration } from '@mikro-orm/migrations';

export class Migration20261124234718_Accounts extends Migration {
  override name = 'Migration20261124234718_Accounts';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "account" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "person_id" uuid not null, "email" varchar(254) not null, "password_hash" text not null, "role" text not null, "active" boolean not null default true, "last_login_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "account" add constraint "account_person_id_unique" unique ("person_id");`);
    this.addSql(`alter table "account" add constraint "account_email_unique" unique ("email");`);

    this.addSql(
      `create table "api_token" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "account_id" uuid not null, "name" varchar(100) not null, "scope" text not null, "prefix" varchar(20) not null, "hash" varchar(64) not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "api_token_account_id_index" on "api_token" ("account_id");`);
    this.addSql(`create index "api_token_prefix_index" on "api_token" ("prefix");`);
    this.addSql(`alter table "api_token" add constraint "api_token_hash_unique" unique ("hash");`);

    this.addSql(
      `create table "rate_limit_counter" ("key" varchar(200) not null, "window_start" timestamptz not null, "count" int not null default 0, "expires_at" timestamptz not null, primary key ("key", "window_start"));`,
    );
    this.addSql(`create index "rate_limit_counter_expires_at_index" on "rate_limit_counter" ("expires_at");`);

    this.addSql(
      `create table "session" ("id" varchar(64) not null, "account_id" uuid not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "idle_timeout_seconds" int not null, primary key ("id"));`,
    );
    this.addSql(`create index "session_account_id_index" on "session" ("account_id");`);
    this.addSql(`create index "session_expires_at_index" on "session" ("expires_at");`);

    this.addSql(
      `alter table "account" add constraint "account_person_id_foreign" foreign key ("person_id") references "person" ("id");`,
    );
    this.addSql(`alter table "account" add constraint "account_email_lower_case" check (email = lower(email));`);
    this.addSql(
      `alter table "account" add constraint "account_role_check" check ("role" in ('ADMIN', 'SECRETARIAT', 'FOCAL_POINT', 'PARTNER'));`,
    );

    this.addSql(
      `alter table "api_token" add constraint "api_token_account_id_foreign" foreign key ("account_id") references "account" ("id");`,
    );
    this.addSql(`alter table "api_token" add constraint "api_token_scope_check" check ("scope" in ('READ', 'WRITE'));`);

    this.addSql(
      `alter table "session" add constraint "session_account_id_foreign" foreign key ("account_id") references "account" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "api_token" drop constraint "api_token_account_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_account_id_foreign";`);

    this.addSql(`drop table if exists "account" cascade;`);
    this.addSql(`drop table if exists "api_token" cascade;`);
    this.addSql(`drop table if exists "rate_limit_counter" cascade;`);
    this.addSql(`drop table if exists "session" cascade;`);
  }
}
