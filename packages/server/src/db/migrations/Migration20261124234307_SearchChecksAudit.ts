import { Migration } from '@mikro-orm/migrations';

export class Migration20261124234307_SearchChecksAudit extends Migration {
  override name = 'Migration20261124234307_SearchChecksAudit';

  override up(): void | Promise<void> {
    this.addSql(
      `create or replace function "audit_event_audit_event_no_change_fn"() returns trigger as \$\$ begin raise exception 'audit events are append-only: % is not allowed', tg_op; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "audit_event_no_change" BEFORE UPDATE OR DELETE on "audit_event" for each ROW execute function "audit_event_audit_event_no_change_fn"();`,
    );

    this.addSql(`create index "organization_name_trgm" on "organization" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create index "organization_name_km_trgm" on "organization" using gin ("name_km" gin_trgm_ops);`);
    this.addSql(`create index "organization_acronym_trgm" on "organization" using gin ("acronym" gin_trgm_ops);`);

    this.addSql(`create index "person_full_name_trgm" on "person" using gin ("full_name" gin_trgm_ops);`);
    this.addSql(`create index "person_full_name_km_trgm" on "person" using gin ("full_name_km" gin_trgm_ops);`);

    this.addSql(`create index "meeting_title_trgm" on "meeting" using gin ("title" gin_trgm_ops);`);
    this.addSql(`create index "meeting_title_km_trgm" on "meeting" using gin ("title_km" gin_trgm_ops);`);
    this.addSql(`create index "meeting_location_trgm" on "meeting" using gin ("location" gin_trgm_ops);`);
    this.addSql(
      `alter table "meeting" add constraint "meeting_ends_after_start" check (ends_at is null or ends_at >= starts_at);`,
    );

    this.addSql(`create index "commitment_title_trgm" on "commitment" using gin ("title" gin_trgm_ops);`);
    this.addSql(`create index "commitment_title_km_trgm" on "commitment" using gin ("title_km" gin_trgm_ops);`);
    this.addSql(`create index "commitment_description_trgm" on "commitment" using gin ("description" gin_trgm_ops);`);
    this.addSql(
      `create index "commitment_description_km_trgm" on "commitment" using gin ("description_km" gin_trgm_ops);`,
    );
    this.addSql(`create index "commitment_reference_trgm" on "commitment" using gin ("reference" gin_trgm_ops);`);
    this.addSql(`create index "commitment_gcm_objectives_gin" on "commitment" using gin ("gcm_objectives");`);
    this.addSql(
      `alter table "commitment" add constraint "commitment_progress_range" check (progress >= 0 and progress <= 100);`,
    );

    this.addSql(
      `alter table "progress_update" add constraint "progress_update_progress_range" check (progress >= 0 and progress <= 100);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "audit_event_no_change" on "audit_event";`);
    this.addSql(`drop function if exists "audit_event_audit_event_no_change_fn"();`);

    this.addSql(`drop index "commitment_title_trgm";`);
    this.addSql(`drop index "commitment_title_km_trgm";`);
    this.addSql(`drop index "commitment_description_trgm";`);
    this.addSql(`drop index "commitment_description_km_trgm";`);
    this.addSql(`drop index "commitment_reference_trgm";`);
    this.addSql(`drop index "commitment_gcm_objectives_gin";`);
    this.addSql(`alter table "commitment" drop constraint "commitment_progress_range";`);

    this.addSql(`drop index "meeting_title_trgm";`);
    this.addSql(`drop index "meeting_title_km_trgm";`);
    this.addSql(`drop index "meeting_location_trgm";`);
    this.addSql(`alter table "meeting" drop constraint "meeting_ends_after_start";`);

    this.addSql(`drop index "organization_name_trgm";`);
    this.addSql(`drop index "organization_name_km_trgm";`);
    this.addSql(`drop index "organization_acronym_trgm";`);

    this.addSql(`drop index "person_full_name_trgm";`);
    this.addSql(`drop index "person_full_name_km_trgm";`);

    this.addSql(`alter table "progress_update" drop constraint "progress_update_progress_range";`);
  }
}
