import ExcelJS from 'exceljs';
import { requireStaff } from '../../auth/permissions.js';
import { InvalidInputError } from '../../errors.js';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../organizations/organization.entity.js';
import { createOrganization, type Scope } from '../organizations/organization.service.js';
import { createPerson } from '../people/person.service.js';
import { type ImportLanguage, type ImportProblem, problem } from './import.messages.js';
import { addAllowedValues, characterProblems, checkSheet, type ImportResult, styleHeader } from './import.shared.js';
import { readSheets, type Sheet, type SheetRow } from './sheet-reader.js';

export const ORGANIZATION_COLUMNS = ['acronym', 'name', 'nameKm', 'kind', 'parent'] as const;
export const PERSON_COLUMNS = [
  'fullName',
  'fullNameKm',
  'position',
  'positionKm',
  'organization',
  'email',
  'phone',
  'focalPoint',
] as const;

const ACRONYM = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const YES = ['yes', 'y', 'true', '1', 'x'];
const NO = ['no', 'n', 'false', '0', ''];

class RolledBack extends Error {}

/** Which table a sheet holds: by its name, else by its header (a CSV has one table). */
function kindOf(sheet: Sheet): 'organizations' | 'people' | undefined {
  const name = sheet.name.toLowerCase();
  if (name.startsWith('organi')) return 'organizations';
  if (name.startsWith('people') || name.startsWith('person')) return 'people';
  if (sheet.headers.includes('acronym')) return 'organizations';
  if (sheet.headers.includes('fullName') || sheet.headers.includes('email')) return 'people';
  return undefined;
}

/**
 * Previews (dryRun) or imports organisations and people: organisations matched by acronym, people by
 * e-mail; one already in the directory is a problem (the import adds, it never overwrites). A commit
 * creates every row through the directory's services (validation, audit events) in one transaction.
 */
export async function importDirectory(
  scope: Scope,
  bytes: Buffer,
  options: { dryRun: boolean; lang: ImportLanguage },
): Promise<ImportResult> {
  requireStaff(scope.viewer, 'import the directory');
  const { lang } = options;
  let sheets: Sheet[];
  try {
    sheets = await readSheets(bytes);
  } catch {
    return { rows: 0, created: 0, problems: [problem(lang, 0, '', 'unreadable')], references: [] };
  }
  const organizationsSheet = sheets.find((s) => kindOf(s) === 'organizations' && s.rows.length > 0);
  const peopleSheet = sheets.find((s) => kindOf(s) === 'people' && s.rows.length > 0);
  if (!organizationsSheet && !peopleSheet)
    return { rows: 0, created: 0, problems: [problem(lang, 0, '', 'noSheet')], references: [] };

  const problems: ImportProblem[] = [];
  const onSheet = (sheet: Sheet) => (p: ImportProblem) => problems.push({ ...p, sheet: sheet.name });
  const organizations: SheetRow[] = [];
  const people: SheetRow[] = [];
  for (const [sheet, columns, required, into] of [
    [organizationsSheet, ORGANIZATION_COLUMNS, ['acronym', 'kind'], organizations],
    [peopleSheet, PERSON_COLUMNS, [], people],
  ] as const) {
    if (!sheet) continue;
    const checked = checkSheet(sheet, lang, columns, required);
    if ('problems' in checked) checked.problems.forEach(onSheet(sheet));
    else {
      checked.headerProblems.forEach(onSheet(sheet));
      into.push(...sheet.rows);
    }
  }

  const em = scope.em;
  const existing = await em.execute<{ id: string; acronym: string }[]>('select id, acronym from organization');
  const orgId = new Map(existing.map((o) => [o.acronym.toUpperCase(), o.id]));
  const emails = people.map((p) => p.cells.email?.toLowerCase()).filter((e): e is string => !!e);
  const takenEmails = new Set(
    emails.length
      ? (
          await em.execute<{ email: string }[]>(
            `select lower(email) as email from person where lower(email) in (${emails.map(() => '?').join(', ')})`,
            emails,
          )
        ).map((r) => r.email)
      : [],
  );

  // Organisations: acronym unique (here and in the file), kind, a parent that exists or comes in the file.
  const addOrg = onSheet(organizationsSheet ?? ({ name: 'Organizations' } as Sheet));
  const inFile = new Map<string, number>();
  for (const row of organizations) {
    const acronym = row.cells.acronym ?? '';
    if (!acronym) addOrg(problem(lang, row.row, 'acronym', 'required'));
    else if (!ACRONYM.test(acronym)) addOrg(problem(lang, row.row, 'acronym', 'badAcronym'));
    else if (orgId.has(acronym.toUpperCase()))
      addOrg(problem(lang, row.row, 'acronym', 'duplicate', { value: acronym }));
    else if (inFile.has(acronym.toUpperCase()))
      addOrg(
        problem(lang, row.row, 'acronym', 'duplicateInFile', {
          value: acronym,
          other: inFile.get(acronym.toUpperCase())!,
        }),
      );
    else inFile.set(acronym.toUpperCase(), row.row);
    if (!row.cells.name && !row.cells.nameKm) addOrg(problem(lang, row.row, 'name', 'required'));
    const kind = (row.cells.kind ?? '').toUpperCase();
    if (!kind) addOrg(problem(lang, row.row, 'kind', 'required'));
    else if (!ORGANIZATION_KINDS.includes(kind as OrganizationKind))
      addOrg(
        problem(lang, row.row, 'kind', 'badChoice', { value: row.cells.kind!, allowed: ORGANIZATION_KINDS.join(', ') }),
      );
  }
  for (const row of organizations) {
    const parent = row.cells.parent;
    if (parent && !orgId.has(parent.toUpperCase()) && !inFile.has(parent.toUpperCase()))
      addOrg(problem(lang, row.row, 'parent', 'noOrganization', { value: parent }));
  }
  // People: a name, an organisation that exists or comes in the file, an e-mail not used yet.
  const addPerson = onSheet(peopleSheet ?? ({ name: 'People' } as Sheet));
  const emailRows = new Map<string, number>();
  for (const row of people) {
    if (!row.cells.fullName && !row.cells.fullNameKm) addPerson(problem(lang, row.row, 'fullName', 'required'));
    const organization = row.cells.organization;
    if (organization && !orgId.has(organization.toUpperCase()) && !inFile.has(organization.toUpperCase()))
      addPerson(problem(lang, row.row, 'organization', 'noOrganization', { value: organization }));
    const email = row.cells.email?.toLowerCase();
    if (email) {
      if (!EMAIL.test(email)) addPerson(problem(lang, row.row, 'email', 'badEmail', { value: row.cells.email! }));
      else if (takenEmails.has(email))
        addPerson(problem(lang, row.row, 'email', 'duplicate', { value: row.cells.email! }));
      else if (emailRows.has(email))
        addPerson(
          problem(lang, row.row, 'email', 'duplicateInFile', { value: row.cells.email!, other: emailRows.get(email)! }),
        );
      else emailRows.set(email, row.row);
    }
    const focal = (row.cells.focalPoint ?? '').toLowerCase();
    if (!YES.includes(focal) && !NO.includes(focal))
      addPerson(problem(lang, row.row, 'focalPoint', 'badYesNo', { value: row.cells.focalPoint! }));
  }
  for (const p of characterProblems(organizations, lang)) addOrg(p);
  for (const p of characterProblems(people, lang)) addPerson(p);
  const rows = organizations.length + people.length;
  if (problems.length > 0 || options.dryRun) return { rows, created: 0, problems, references: [] };

  let created = 0;
  try {
    await em.transactional(async (tx) => {
      const nested = { ...scope, em: tx };
      const rejected = (sheet: string, row: SheetRow, error: unknown) => {
        if (!(error instanceof InvalidInputError)) throw error;
        for (const field of error.fields)
          problems.push({
            ...problem(lang, row.row, field.field.replace(/Id$/, ''), 'rejected', { value: field.message }),
            sheet,
          });
      };
      // Parents before their children.
      const pending = [...organizations];
      while (pending.length > 0) {
        const index = pending.findIndex((row) => !row.cells.parent || orgId.has(row.cells.parent.toUpperCase()));
        const row = pending.splice(index === -1 ? 0 : index, 1)[0]!;
        try {
          const organization = await createOrganization(nested, {
            acronym: row.cells.acronym,
            name: row.cells.name || null,
            nameKm: row.cells.nameKm || null,
            kind: row.cells.kind!.toUpperCase() as OrganizationKind,
            parent: row.cells.parent ? (orgId.get(row.cells.parent.toUpperCase()) ?? null) : null,
          });
          orgId.set(organization.acronym.toUpperCase(), organization.id);
          created += 1;
        } catch (error) {
          rejected(organizationsSheet!.name, row, error);
        }
      }
      for (const row of people) {
        try {
          await createPerson(nested, {
            fullName: row.cells.fullName || null,
            fullNameKm: row.cells.fullNameKm || null,
            position: row.cells.position || null,
            positionKm: row.cells.positionKm || null,
            organization: row.cells.organization ? (orgId.get(row.cells.organization.toUpperCase()) ?? null) : null,
            email: row.cells.email || null,
            phone: row.cells.phone || null,
            isFocalPoint: YES.includes((row.cells.focalPoint ?? '').toLowerCase()),
          });
          created += 1;
        } catch (error) {
          rejected(peopleSheet!.name, row, error);
        }
      }
      if (problems.length > 0) throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    return { rows, created: 0, problems, references: [] };
  }
  return { rows, created, problems, references: [] };
}

/** The directory template: an Organizations and a People sheet (header and example row each), and the allowed values. */
export async function directoryTemplate(scope: Scope): Promise<Buffer> {
  requireStaff(scope.viewer, 'import the directory');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Prachum';
  const organizations = workbook.addWorksheet('Organizations', { views: [{ state: 'frozen', ySplit: 1 }] });
  organizations.columns = ORGANIZATION_COLUMNS.map((key) => ({
    header: key,
    key,
    width: key.startsWith('name') ? 44 : 18,
  }));
  styleHeader(organizations);
  organizations.addRow({
    acronym: 'EXAMPLE',
    name: 'Example department (replace or delete this row)',
    nameKm: 'នាយកដ្ឋានឧទាហរណ៍',
    kind: 'GOVERNMENT',
    parent: '',
  }).font = { italic: true, color: { argb: 'FF666666' } };
  const people = workbook.addWorksheet('People', { views: [{ state: 'frozen', ySplit: 1 }] });
  people.columns = PERSON_COLUMNS.map((key) => ({ header: key, key, width: key === 'focalPoint' ? 12 : 28 }));
  styleHeader(people);
  people.addRow({
    fullName: 'Example Person (replace or delete this row)',
    fullNameKm: '',
    position: 'Deputy Director',
    positionKm: '',
    organization: 'EXAMPLE',
    email: 'example.person@example.gov.kh',
    phone: '+855 12 345 678',
    focalPoint: 'yes',
  }).font = { italic: true, color: { argb: 'FF666666' } };
  await addAllowedValues(
    workbook,
    scope.em,
    {
      acronym: 'unique; letters, digits, . - _ (at most 40)',
      kind: ORGANIZATION_KINDS.join(' | '),
      parent: 'acronym of an organisation in the directory or on this sheet',
      organization: 'acronym of an organisation in the directory or on the Organizations sheet',
      email: 'unique in the directory',
      focalPoint: 'yes | no',
    },
    [{ title: 'Organisation kinds', values: ORGANIZATION_KINDS.map((kind) => [kind]) }],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
