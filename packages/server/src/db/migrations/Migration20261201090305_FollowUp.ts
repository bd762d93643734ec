import { Migration } from '@mikro-orm/migrations';

export class Migration20261201090305_FollowUp extends Migration {
  override name = 'Migration20261201090305_FollowUp';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "outbox_mail" ("id" uuid not null, "key" text not null, "kind" varchar(40) not null, "recipient_id" uuid null, "to" varchar(254) not null, "subject" text not null, "text" text not null, "html" text not null, "status" text not null, "attempts" int not null default 0, "last_error" text null, "created_at" timestamptz not null, "sent_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`alter table "outbox_mail" add constraint "outbox_mail_key_unique" unique ("key");`);
    this.addSql(`create index "outbox_mail_recipient_id_index" on "outbox_mail" ("recipient_id");`);
    this.addSql(`create index "outbox_mail_status_index" on "outbox_mail" ("status");`);
    this.addSql(`create index "outbox_mail_created_at" on "outbox_mail" ("created_at");`);

    this.addSql(
      `create table "notification" ("id" uuid not null, "key" text not null, "recipient_id" uuid not null, "kind" text not null, "at" timestamptz not null, "read_at" timestamptz null, "commitment_id" uuid null, "meeting_id" uuid null, "actor_id" uuid null, "message" text not null, "message_km" text not null, primary key ("id"));`,
    );
    this.addSql(`alter table "notification" add constraint "notification_key_unique" unique ("key");`);
    this.addSql(`create index "notification_commitment_id_index" on "notification" ("commitment_id");`);
    this.addSql(`create index "notification_meeting_id_index" on "notification" ("meeting_id");`);
    this.addSql(`create index "notification_recipient_at" on "notification" ("recipient_id", "at");`);

    this.addSql(
      `create table "commitment_follow" ("commitment_id" uuid not null, "person_id" uuid not null, "following" boolean not null, "at" timestamptz not null, primary key ("commitment_id", "person_id"));`,
    );
    this.addSql(`create index "commitment_follow_person_id_index" on "commitment_follow" ("person_id");`);

    this.addSql(
      `alter table "account" add "locale" text not null default 'EN', add "email_reminders" boolean not null default true, add "email_digest" boolean not null default true, add "email_events" boolean not null default true;`,
    );
    this.addSql(`alter table "account" add constraint "account_locale_check" check ("locale" in ('EN', 'KM'));`);

    this.addSql(
      `alter table "outbox_mail" add constraint "outbox_mail_recipient_id_foreign" foreign key ("recipient_id") references "person" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "outbox_mail" add constraint "outbox_mail_status_check" check ("status" in ('HELD', 'PENDING', 'SENDING', 'SENT', 'FAILED'));`,
    );

    this.addSql(
      `alter table "notification" add constraint "notification_recipient_id_foreign" foreign key ("recipient_id") references "person" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_commitment_id_foreign" foreign key ("commitment_id") references "commitment" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_actor_id_foreign" foreign key ("actor_id") references "person" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_kind_check" check ("kind" in ('ASSIGNED', 'STATUS_CHANGED', 'PROGRESS_REPORTED', 'AWAITING_VERIFICATION', 'VERIFIED', 'RETURNED', 'DUE_SOON', 'OVERDUE', 'MEETING_INVITATION', 'MINUTES_APPROVED', 'DUE_DATE_CHANGE_REQUESTED', 'DUE_DATE_CHANGE_DECIDED'));`,
    );

    this.addSql(
      `alter table "commitment_follow" add constraint "commitment_follow_commitment_id_foreign" foreign key ("commitment_id") references "commitment" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "commitment_follow" add constraint "commitment_follow_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "outbox_mail" cascade;`);
    this.addSql(`drop table if exists "notification" cascade;`);
    this.addSql(`drop table if exists "commitment_follow" cascade;`);

    this.addSql(`alter table "account" drop constraint "account_locale_check";`);
    this.addSql(
      `alter table "account" drop column "locale", drop column "email_reminders", drop column "email_digest", drop column "email_events";`,
    );
  }
}
