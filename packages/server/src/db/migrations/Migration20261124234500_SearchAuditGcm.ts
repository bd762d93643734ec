import { Migration } from '@mikro-orm/migrations';

/**
 * What the entity definitions cannot say: trigram search indexes (English and Khmer substrings),
 * value checks, the append-only audit trail, and the 23 GCM objectives.
 */
export class Migration20261124234500_SearchAuditGcm extends Migration {
  override name = 'Migration20261124234500_SearchAuditGcm';

  override up(): void {
    this.addSql('create extension if not exists pg_trgm;');
    this.addSql(`create index "organization_name_trgm" on "organization" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create index "organization_name_km_trgm" on "organization" using gin ("name_km" gin_trgm_ops);`);
    this.addSql(`create index "organization_acronym_trgm" on "organization" using gin ("acronym" gin_trgm_ops);`);
    this.addSql(`create index "person_full_name_trgm" on "person" using gin ("full_name" gin_trgm_ops);`);
    this.addSql(`create index "person_full_name_km_trgm" on "person" using gin ("full_name_km" gin_trgm_ops);`);
    this.addSql(`create index "meeting_title_trgm" on "meeting" using gin ("title" gin_trgm_ops);`);
    this.addSql(`create index "meeting_title_km_trgm" on "meeting" using gin ("title_km" gin_trgm_ops);`);
    this.addSql(`create index "meeting_location_trgm" on "meeting" using gin ("location" gin_trgm_ops);`);
    this.addSql(`create index "commitment_title_trgm" on "commitment" using gin ("title" gin_trgm_ops);`);
    this.addSql(`create index "commitment_title_km_trgm" on "commitment" using gin ("title_km" gin_trgm_ops);`);
    this.addSql(`create index "commitment_description_trgm" on "commitment" using gin ("description" gin_trgm_ops);`);
    this.addSql(
      `create index "commitment_description_km_trgm" on "commitment" using gin ("description_km" gin_trgm_ops);`,
    );
    this.addSql(`create index "commitment_reference_trgm" on "commitment" using gin ("reference" gin_trgm_ops);`);

    this.addSql(
      `alter table "commitment" add constraint "commitment_progress_range" check ("progress" between 0 and 100);`,
    );
    this.addSql(
      `alter table "progress_update" add constraint "progress_update_progress_range" check ("progress" between 0 and 100);`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_ends_after_start" check ("ends_at" is null or "ends_at" >= "starts_at");`,
    );
    this.addSql(`create index "commitment_gcm_objectives_gin" on "commitment" using gin ("gcm_objectives");`);

    this.addSql(`create function "audit_event_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception 'audit events are append-only: % is not allowed', tg_op;
      end;
    $$;`);
    this.addSql(`create trigger "audit_event_no_update" before update or delete on "audit_event"
      for each row execute function "audit_event_append_only"();`);
    this.addSql(`create trigger "audit_event_no_truncate" before truncate on "audit_event"
      for each statement execute function "audit_event_append_only"();`);

    this.addSql(`insert into "gcm_objective" ("number", "title") values
      (1, 'Collect and utilize accurate and disaggregated data as a basis for evidence-based policies'),
      (2, 'Minimize the adverse drivers and structural factors that compel people to leave their country of origin'),
      (3, 'Provide accurate and timely information at all stages of migration'),
      (4, 'Ensure that all migrants have proof of legal identity and adequate documentation'),
      (5, 'Enhance availability and flexibility of pathways for regular migration'),
      (6, 'Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work'),
      (7, 'Address and reduce vulnerabilities in migration'),
      (8, 'Save lives and establish coordinated international efforts on missing migrants'),
      (9, 'Strengthen the transnational response to smuggling of migrants'),
      (10, 'Prevent, combat and eradicate trafficking in persons in the context of international migration'),
      (11, 'Manage borders in an integrated, secure and coordinated manner'),
      (12, 'Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral'),
      (13, 'Use migration detention only as a measure of last resort and work towards alternatives'),
      (14, 'Enhance consular protection, assistance and cooperation throughout the migration cycle'),
      (15, 'Provide access to basic services for migrants'),
      (16, 'Empower migrants and societies to realize full inclusion and social cohesion'),
      (17, 'Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration'),
      (18, 'Invest in skills development and facilitate mutual recognition of skills, qualifications and competences'),
      (19, 'Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries'),
      (20, 'Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants'),
      (21, 'Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration'),
      (22, 'Establish mechanisms for the portability of social security entitlements and earned benefits'),
      (23, 'Strengthen international cooperation and global partnerships for safe, orderly and regular migration');`);
  }
}
