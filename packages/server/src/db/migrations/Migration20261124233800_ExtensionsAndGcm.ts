import { Migration } from '@mikro-orm/migrations';

/** What entity definitions cannot say: the pg_trgm extension, and the 23 GCM objectives (titles in English). */
export class Migration20261124233800_ExtensionsAndGcm extends Migration {
  override name = 'Migration20261124233800_ExtensionsAndGcm';

  override up(): void {
    this.addSql('create extension if not exists pg_trgm;');
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
