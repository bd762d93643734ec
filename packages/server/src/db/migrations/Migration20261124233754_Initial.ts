import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233754_Initial extends Migration {
  override name = 'Migration20261124233754_Initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "audit_event" ("id" uuid not null, "at" timestamptz not null, "actor" uuid null, "actor_label" varchar(120) null, "entity_type" varchar(60) not null, "entity_id" uuid not null, "operation" varchar(60) not null, "changes" jsonb null, primary key ("id"));`,
    );
    this.addSql(`create index "audit_event_at_index" on "audit_event" ("at");`);
    this.addSql(`create index "audit_event_actor_index" on "audit_event" ("actor");`);
    this.addSql(
      `create index "audit_event_entity_type_entity_id_index" on "audit_event" ("entity_type", "entity_id");`,
    );

    this.addSql(
      `create table "gcm_objective" ("number" int primary key, "title" text not null, "title_km" text null);`,
    );

    this.addSql(
      `create table "meeting_series" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "title" text null, "title_km" text null, primary key ("id"));`,
    );

    this.addSql(
      `create table "organization" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "name" text null, "name_km" text null, "acronym" varchar(40) not null, "kind" text not null, "parent_id" uuid null, primary key ("id"));`,
    );
    this.addSql(`alter table "organization" add constraint "organization_acronym_unique" unique ("acronym");`);
    this.addSql(`create index "organization_parent_id_index" on "organization" ("parent_id");`);

    this.addSql(
      `create table "person" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "full_name" text null, "full_name_km" text null, "position" text null, "position_km" text null, "organization_id" uuid null, "email" varchar(254) null, "phone" varchar(40) null, "is_focal_point" boolean not null default false, primary key ("id"));`,
    );
    this.addSql(`create index "person_organization_id_index" on "person" ("organization_id");`);

    this.addSql(
      `create table "meeting" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "title" text null, "title_km" text null, "kind" text not null, "status" text not null default 'PLANNED', "starts_at" timestamptz not null, "ends_at" timestamptz null, "location" text null, "organizer_id" uuid not null, "chair_id" uuid null, "series_id" uuid null, "visibility" text not null default 'INTERNAL', "cancellation_reason" text null, "minutes_approved_at" timestamptz null, "version" int not null default 1, primary key ("id"));`,
    );
    this.addSql(`create index "meeting_starts_at_index" on "meeting" ("starts_at");`);
    this.addSql(`create index "meeting_organizer_id_index" on "meeting" ("organizer_id");`);
    this.addSql(`create index "meeting_series_id_index" on "meeting" ("series_id");`);

    this.addSql(
      `create table "participation" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "meeting_id" uuid not null, "person_id" uuid not null, "organization_id" uuid not null, "role" text not null default 'PARTICIPANT', "attendance" text not null default 'INVITED', primary key ("id"));`,
    );
    this.addSql(`create index "participation_meeting_id_index" on "participation" ("meeting_id");`);
    this.addSql(`create index "participation_organization_id_index" on "participation" ("organization_id");`);
    this.addSql(
      `alter table "participation" add constraint "participation_meeting_id_person_id_unique" unique ("meeting_id", "person_id");`,
    );

    this.addSql(
      `create table "agenda_item" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "meeting_id" uuid not null, "position" int not null, "title" text null, "title_km" text null, "presenter_id" uuid null, "minutes" text null, "minutes_km" text null, "version" int not null default 1, primary key ("id"));`,
    );
    this.addSql(`create index "agenda_item_meeting_id_index" on "agenda_item" ("meeting_id");`);

    this.addSql(
      `create table "minutes_revision" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "agenda_item_id" uuid not null, "reason" text not null, "minutes_before" text null, "minutes_km_before" text null, "minutes_after" text null, "minutes_km_after" text null, primary key ("id"));`,
    );
    this.addSql(`create index "minutes_revision_agenda_item_id_index" on "minutes_revision" ("agenda_item_id");`);

    this.addSql(
      `create table "decision" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "meeting_id" uuid not null, "agenda_item_id" uuid null, "position" int not null, "text" text null, "text_km" text null, primary key ("id"));`,
    );
    this.addSql(`create index "decision_meeting_id_index" on "decision" ("meeting_id");`);

    this.addSql(
      `create table "commitment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "reference" varchar(80) not null, "title" text null, "title_km" text null, "description" text null, "description_km" text null, "meeting_id" uuid null, "decision_id" uuid null, "lead_organization_id" uuid not null, "assignee_id" uuid null, "due_date" date null, "priority" text not null default 'MEDIUM', "status" text not null default 'NOT_STARTED', "progress" int not null default 0, "gcm_objectives" int[] not null default '{}', "visibility" text not null default 'INTERNAL', "last_update_at" timestamptz null, "status_reason" text null, "version" int not null default 1, primary key ("id"));`,
    );
    this.addSql(`alter table "commitment" add constraint "commitment_reference_unique" unique ("reference");`);
    this.addSql(`create index "commitment_meeting_id_index" on "commitment" ("meeting_id");`);
    this.addSql(`create index "commitment_decision_id_index" on "commitment" ("decision_id");`);
    this.addSql(`create index "commitment_lead_organization_id_index" on "commitment" ("lead_organization_id");`);
    this.addSql(`create index "commitment_assignee_id_index" on "commitment" ("assignee_id");`);
    this.addSql(`create index "commitment_due_date_index" on "commitment" ("due_date");`);
    this.addSql(`create index "commitment_status_index" on "commitment" ("status");`);

    this.addSql(
      `create table "commitment_supporter" ("commitment_id" uuid not null, "organization_id" uuid not null, primary key ("commitment_id", "organization_id"));`,
    );
    this.addSql(
      `create index "commitment_supporter_organization_id_index" on "commitment_supporter" ("organization_id");`,
    );

    this.addSql(
      `create table "plan" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "title" text null, "title_km" text null, "period_start" date null, "period_end" date null, primary key ("id"));`,
    );

    this.addSql(
      `create table "plan_goal" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "plan_id" uuid not null, "position" int not null, "title" text null, "title_km" text null, primary key ("id"));`,
    );
    this.addSql(`create index "plan_goal_plan_id_index" on "plan_goal" ("plan_id");`);

    this.addSql(
      `create table "plan_objective" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "goal_id" uuid not null, "position" int not null, "code" varchar(20) not null, "title" text null, "title_km" text null, "gcm_objectives" int[] not null default '{}', primary key ("id"));`,
    );
    this.addSql(`create index "plan_objective_goal_id_index" on "plan_objective" ("goal_id");`);

    this.addSql(
      `create table "commitment_plan_objective" ("commitment_id" uuid not null, "plan_objective_id" uuid not null, primary key ("commitment_id", "plan_objective_id"));`,
    );
    this.addSql(
      `create index "commitment_plan_objective_plan_objective_id_index" on "commitment_plan_objective" ("plan_objective_id");`,
    );

    this.addSql(
      `create table "progress_update" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "commitment_id" uuid not null, "author_id" uuid null, "status_before" text not null, "status" text not null, "progress_before" int not null, "progress" int not null, "note" text null, "note_km" text null, primary key ("id"));`,
    );
    this.addSql(`create index "progress_update_commitment_id_index" on "progress_update" ("commitment_id");`);

    this.addSql(
      `create table "evidence" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by" uuid null, "progress_update_id" uuid not null, "commitment_id" uuid not null, "kind" text not null default 'LINK', "url" text null, "title" text null, primary key ("id"));`,
    );
    this.addSql(`create index "evidence_progress_update_id_index" on "evidence" ("progress_update_id");`);
    this.addSql(`create index "evidence_commitment_id_index" on "evidence" ("commitment_id");`);

    this.addSql(
      `alter table "organization" add constraint "organization_parent_id_foreign" foreign key ("parent_id") references "organization" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "organization" add constraint "organization_kind_check" check ("kind" in ('GOVERNMENT', 'COMMITTEE', 'INTERNATIONAL_ORGANIZATION', 'UN_AGENCY', 'NGO', 'DONOR', 'PRIVATE_SECTOR', 'OTHER'));`,
    );

    this.addSql(
      `alter table "person" add constraint "person_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "meeting" add constraint "meeting_organizer_id_foreign" foreign key ("organizer_id") references "organization" ("id");`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_chair_id_foreign" foreign key ("chair_id") references "person" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_series_id_foreign" foreign key ("series_id") references "meeting_series" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_kind_check" check ("kind" in ('PLENARY', 'TECHNICAL_WORKING_GROUP', 'CONSULTATION', 'BILATERAL', 'OTHER'));`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_status_check" check ("status" in ('PLANNED', 'HELD', 'MINUTES_APPROVED', 'CANCELLED'));`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_visibility_check" check ("visibility" in ('INTERNAL', 'PARTNERS', 'PUBLIC'));`,
    );

    this.addSql(
      `alter table "participation" add constraint "participation_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id");`,
    );
    this.addSql(
      `alter table "participation" add constraint "participation_person_id_foreign" foreign key ("person_id") references "person" ("id");`,
    );
    this.addSql(
      `alter table "participation" add constraint "participation_organization_id_foreign" foreign key ("organization_id") references "organization" ("id");`,
    );
    this.addSql(
      `alter table "participation" add constraint "participation_role_check" check ("role" in ('CHAIR', 'RAPPORTEUR', 'PARTICIPANT', 'OBSERVER'));`,
    );
    this.addSql(
      `alter table "participation" add constraint "participation_attendance_check" check ("attendance" in ('INVITED', 'CONFIRMED', 'ATTENDED', 'APOLOGIES', 'ABSENT'));`,
    );

    this.addSql(
      `alter table "agenda_item" add constraint "agenda_item_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id");`,
    );
    this.addSql(
      `alter table "agenda_item" add constraint "agenda_item_presenter_id_foreign" foreign key ("presenter_id") references "person" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "minutes_revision" add constraint "minutes_revision_agenda_item_id_foreign" foreign key ("agenda_item_id") references "agenda_item" ("id");`,
    );

    this.addSql(
      `alter table "decision" add constraint "decision_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id");`,
    );
    this.addSql(
      `alter table "decision" add constraint "decision_agenda_item_id_foreign" foreign key ("agenda_item_id") references "agenda_item" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "commitment" add constraint "commitment_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "commitment" add constraint "commitment_decision_id_foreign" foreign key ("decision_id") references "decision" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "commitment" add constraint "commitment_lead_organization_id_foreign" foreign key ("lead_organization_id") references "organization" ("id");`,
    );
    this.addSql(
      `alter table "commitment" add constraint "commitment_assignee_id_foreign" foreign key ("assignee_id") references "person" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "commitment" add constraint "commitment_priority_check" check ("priority" in ('LOW', 'MEDIUM', 'HIGH'));`,
    );
    this.addSql(
      `alter table "commitment" add constraint "commitment_status_check" check ("status" in ('NOT_STARTED', 'IN_PROGRESS', 'AT_RISK', 'COMPLETED', 'VERIFIED', 'CANCELLED'));`,
    );
    this.addSql(
      `alter table "commitment" add constraint "commitment_visibility_check" check ("visibility" in ('INTERNAL', 'PARTNERS', 'PUBLIC'));`,
    );

    this.addSql(
      `alter table "commitment_supporter" add constraint "commitment_supporter_commitment_id_foreign" foreign key ("commitment_id") references "commitment" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "commitment_supporter" add constraint "commitment_supporter_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "plan_goal" add constraint "plan_goal_plan_id_foreign" foreign key ("plan_id") references "plan" ("id");`,
    );

    this.addSql(
      `alter table "plan_objective" add constraint "plan_objective_goal_id_foreign" foreign key ("goal_id") references "plan_goal" ("id");`,
    );

    this.addSql(
      `alter table "commitment_plan_objective" add constraint "commitment_plan_objective_commitment_id_foreign" foreign key ("commitment_id") references "commitment" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "commitment_plan_objective" add constraint "commitment_plan_objective_plan_objective_id_foreign" foreign key ("plan_objective_id") references "plan_objective" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "progress_update" add constraint "progress_update_commitment_id_foreign" foreign key ("commitment_id") references "commitment" ("id");`,
    );
    this.addSql(
      `alter table "progress_update" add constraint "progress_update_author_id_foreign" foreign key ("author_id") references "person" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "progress_update" add constraint "progress_update_status_before_check" check ("status_before" in ('NOT_STARTED', 'IN_PROGRESS', 'AT_RISK', 'COMPLETED', 'VERIFIED', 'CANCELLED'));`,
    );
    this.addSql(
      `alter table "progress_update" add constraint "progress_update_status_check" check ("status" in ('NOT_STARTED', 'IN_PROGRESS', 'AT_RISK', 'COMPLETED', 'VERIFIED', 'CANCELLED'));`,
    );

    this.addSql(
      `alter table "evidence" add constraint "evidence_progress_update_id_foreign" foreign key ("progress_update_id") references "progress_update" ("id");`,
    );
    this.addSql(
      `alter table "evidence" add constraint "evidence_commitment_id_foreign" foreign key ("commitment_id") references "commitment" ("id");`,
    );
    this.addSql(`alter table "evidence" add constraint "evidence_kind_check" check ("kind" in ('LINK', 'FILE'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "meeting" drop constraint "meeting_series_id_foreign";`);
    this.addSql(`alter table "organization" drop constraint "organization_parent_id_foreign";`);
    this.addSql(`alter table "person" drop constraint "person_organization_id_foreign";`);
    this.addSql(`alter table "meeting" drop constraint "meeting_organizer_id_foreign";`);
    this.addSql(`alter table "participation" drop constraint "participation_organization_id_foreign";`);
    this.addSql(`alter table "commitment" drop constraint "commitment_lead_organization_id_foreign";`);
    this.addSql(`alter table "commitment_supporter" drop constraint "commitment_supporter_organization_id_foreign";`);
    this.addSql(`alter table "meeting" drop constraint "meeting_chair_id_foreign";`);
    this.addSql(`alter table "participation" drop constraint "participation_person_id_foreign";`);
    this.addSql(`alter table "agenda_item" drop constraint "agenda_item_presenter_id_foreign";`);
    this.addSql(`alter table "commitment" drop constraint "commitment_assignee_id_foreign";`);
    this.addSql(`alter table "progress_update" drop constraint "progress_update_author_id_foreign";`);
    this.addSql(`alter table "participation" drop constraint "participation_meeting_id_foreign";`);
    this.addSql(`alter table "agenda_item" drop constraint "agenda_item_meeting_id_foreign";`);
    this.addSql(`alter table "decision" drop constraint "decision_meeting_id_foreign";`);
    this.addSql(`alter table "commitment" drop constraint "commitment_meeting_id_foreign";`);
    this.addSql(`alter table "minutes_revision" drop constraint "minutes_revision_agenda_item_id_foreign";`);
    this.addSql(`alter table "decision" drop constraint "decision_agenda_item_id_foreign";`);
    this.addSql(`alter table "commitment" drop constraint "commitment_decision_id_foreign";`);
    this.addSql(`alter table "commitment_supporter" drop constraint "commitment_supporter_commitment_id_foreign";`);
    this.addSql(
      `alter table "commitment_plan_objective" drop constraint "commitment_plan_objective_commitment_id_foreign";`,
    );
    this.addSql(`alter table "progress_update" drop constraint "progress_update_commitment_id_foreign";`);
    this.addSql(`alter table "evidence" drop constraint "evidence_commitment_id_foreign";`);
    this.addSql(`alter table "plan_goal" drop constraint "plan_goal_plan_id_foreign";`);
    this.addSql(`alter table "plan_objective" drop constraint "plan_objective_goal_id_foreign";`);
    this.addSql(
      `alter table "commitment_plan_objective" drop constraint "commitment_plan_objective_plan_objective_id_foreign";`,
    );
    this.addSql(`alter table "evidence" drop constraint "evidence_progress_update_id_foreign";`);

    this.addSql(`drop table if exists "audit_event" cascade;`);
    this.addSql(`drop table if exists "gcm_objective" cascade;`);
    this.addSql(`drop table if exists "meeting_series" cascade;`);
    this.addSql(`drop table if exists "organization" cascade;`);
    this.addSql(`drop table if exists "person" cascade;`);
    this.addSql(`drop table if exists "meeting" cascade;`);
    this.addSql(`drop table if exists "participation" cascade;`);
    this.addSql(`drop table if exists "agenda_item" cascade;`);
    this.addSql(`drop table if exists "minutes_revision" cascade;`);
    this.addSql(`drop table if exists "decision" cascade;`);
    this.addSql(`drop table if exists "commitment" cascade;`);
    this.addSql(`drop table if exists "commitment_supporter" cascade;`);
    this.addSql(`drop table if exists "plan" cascade;`);
    this.addSql(`drop table if exists "plan_goal" cascade;`);
    this.addSql(`drop table if exists "plan_objective" cascade;`);
    this.addSql(`drop table if exists "commitment_plan_objective" cascade;`);
    this.addSql(`drop table if exists "progress_update" cascade;`);
    this.addSql(`drop table if exists "evidence" cascade;`);
  }
}
