import { Migration } from '@mikro-orm/migrations';

export class Migration20261201091842_AcrossMeetings extends Migration {
  override name = 'Migration20261201091842_AcrossMeetings';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "due_date_change" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "commitment_id" uuid not null, "from" date null, "to" date null, "reason" text null, "status" text not null, "requested_by_id" uuid null, "decided_by_id" uuid null, "decided_at" timestamptz null, "decision_reason" text null, primary key ("id"));`,
    );
    this.addSql(`create index "due_date_change_commitment_id_index" on "due_date_change" ("commitment_id");`);

    this.addSql(
      `create table "reporting_period" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "title" text null, "title_km" text null, "starts_on" date not null, "ends_on" date not null, "closed_at" timestamptz null, "closed_by" uuid null, primary key ("id"));`,
    );

    this.addSql(
      `create table "report_snapshot" ("period_id" uuid not null, "commitment_id" uuid not null, "lead_organization_id" uuid not null, "meeting_id" uuid null, "visibility" text not null, "plan_goals" uuid[] not null default '{}', "gcm_objectives" int[] not null default '{}', "existed_at_start" boolean not null, "status_at_start" text null, "progress_at_start" int null, "overdue_at_start" boolean not null, "status" text not null, "progress" int not null, "due_date" date null, "overdue" boolean not null, "created" boolean not null, "completed" boolean not null, "verified" boolean not null, "became_overdue" boolean not null, "without_update" boolean not null, primary key ("period_id", "commitment_id"));`,
    );
    this.addSql(`create index "report_snapshot_commitment_id_index" on "report_snapshot" ("commitment_id");`);

    this.addSql(`alter table "meeting_series" add "organizer_id" uuid null, add "cadence" text null;`);
    this.addSql(
      `alter table "meeting_series" add constraint "meeting_series_organizer_id_foreign" foreign key ("organizer_id") references "organization" ("id") on delete set null;`,
    );

    this.addSql(`alter table "commitment" add "original_due_date" date null;`);

    this.addSql(
      `alter table "due_date_change" add constraint "due_date_change_commitment_id_foreign" foreign key ("commitment_id") references "commitment" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "due_date_change" add constraint "due_date_change_requested_by_id_foreign" foreign key ("requested_by_id") references "person" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "due_date_change" add constraint "due_date_change_decided_by_id_foreign" foreign key ("decided_by_id") references "person" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "due_date_change" add constraint "due_date_change_status_check" check ("status" in ('REQUESTED', 'ACCEPTED', 'DECLINED', 'APPLIED'));`,
    );

    this.addSql(
      `alter table "reporting_period" add constraint "reporting_period_ends_after_start" check (ends_on >= starts_on);`,
    );

    this.addSql(
      `alter table "report_snapshot" add constraint "report_snapshot_period_id_foreign" foreign key ("period_id") references "reporting_period" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "report_snapshot" add constraint "report_snapshot_commitment_id_foreign" foreign key ("commitment_id") references "commitment" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "report_snapshot" add constraint "report_snapshot_visibility_check" check ("visibility" in ('INTERNAL', 'PARTNERS', 'PUBLIC'));`,
    );
    this.addSql(
      `alter table "report_snapshot" add constraint "report_snapshot_status_at_start_check" check ("status_at_start" in ('NOT_STARTED', 'IN_PROGRESS', 'AT_RISK', 'COMPLETED', 'VERIFIED', 'CANCELLED'));`,
    );
    this.addSql(
      `alter table "report_snapshot" add constraint "report_snapshot_status_check" check ("status" in ('NOT_STARTED', 'IN_PROGRESS', 'AT_RISK', 'COMPLETED', 'VERIFIED', 'CANCELLED'));`,
    );

    // The first due date of existing commitments is the one they have now.
    this.addSql(`update "commitment" set "original_due_date" = "due_date" where "due_date" is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "report_snapshot" drop constraint "report_snapshot_period_id_foreign";`);

    this.addSql(`drop table if exists "due_date_change" cascade;`);
    this.addSql(`drop table if exists "reporting_period" cascade;`);
    this.addSql(`drop table if exists "report_snapshot" cascade;`);

    this.addSql(`alter table "meeting_series" drop constraint "meeting_series_organizer_id_foreign";`);

    this.addSql(`alter table "commitment" drop column "original_due_date";`);

    this.addSql(`alter table "meeting_series" drop column "organizer_id", drop column "cadence";`);
  }
}
