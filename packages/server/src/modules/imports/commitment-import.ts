import ExcelJS from 'exceljs';
import { requireStaff } from '../../auth/permissions.js';
import { InvalidInputError } from '../../errors.js';
import type { CommitmentFields } from '../commitments/commitment.service.js';
import { createCommitment } from '../commitments/commitment.service.js';
import { PRIORITIES, type Priority } from '../commitments/commitment.entity.js';
import { VISIBILITIES, type Visibility } from '../../db/base.entity.js';
import type { Scope } from '../organizations/organization.service.js';
import { type ImportLanguage, type ImportProblem, problem } from './import.messages.js';
import { addAllowedValues, characterProblems, type ImportResult, readUpload, styleHeader } from './import.shared.js';
import { listOf, type SheetRow } from './sheet-reader.js';

/** The template's columns (DESIGN.md §8), in order. Lists are separated by `;`. */
export const COMMITMENT_COLUMNS = [
  'title',
  'titleKm',
  'description',
  'descriptionKm',
  'leadOrganization',
  'supportingOrganizations',
  'assigneeEmail',
  'dueDate',
  'priority',
  'gcmObjectives',
  'planObjectives',
  'meeting',
  'visibility',
] as const;
type Column = (typeof COMMITMENT_COLUMNS)[number];

const LIMITS: Partial<Record<Column, number>> = {
  title: 500,
  titleKm: 500,
  description: 10_000,
  descriptionKm: 10_000,
};

/** createCommitment's field names, as the template calls them. */
const COLUMN_OF_FIELD: Record<string, Column> = {
  title: 'title',
  titleKm: 'title',
  description: 'description',
  descriptionKm: 'descriptionKm',
  leadOrganizationId: 'leadOrganization',
  supportingOrganizationIds: 'supportingOrganizations',
  assigneeId: 'assigneeEmail',
  dueDate: 'dueDate',
  priority: 'priority',
  gcmObjectives: 'gcmObjectives',
  planObjectiveIds: 'planObjectives',
  meetingId: 'meeting',
  decisionId: 'meeting',
  visibility: 'visibility',
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isDate = (value: string) => {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/** What the rows refer to, looked up once for the whole sheet (never a query per row). */
async function lookups(scope: Scope, rows: SheetRow[]) {
  const em = scope.em;
  const emails = [...new Set(rows.map((r) => r.cells.assigneeEmail?.toLowerCase()).filter((e): e is string => !!e))];
  const meetingKeys = [...new Set(rows.map((r) => r.cells.meeting).filter((m): m is string => !!m))];
  const days = [
    ...new Set(
      meetingKeys.map((key) => key.match(/(\d{4}-\d{2}-\d{2})$/)?.[1]).filter((d): d is string => !!d && isDate(d)),
    ),
  ];
  const [organizations, people, gcm, objectives, meetings] = await Promise.all([
    em.execute<{ id: string; acronym: string }[]>('select id, acronym from organization'),
    emails.length
      ? em.execute<{ id: string; email: string }[]>(
          `select id, lower(email) as email from person where lower(email) in (${emails.map(() => '?').join(', ')})`,
          emails,
        )
      : [],
    em.execute<{ number: number }[]>('select number from gcm_objective'),
    em.execute<{ id: string; code: string }[]>('select id, code from plan_objective'),
    days.length
      ? em.execute<{ id: string; day: string; acronym: string }[]>(
          `select m.id, to_char((m.starts_at at time zone 'Asia/Phnom_Penh')::date, 'YYYY-MM-DD') as day, upper(o.acronym) as acronym
             from meeting m join organization o on o.id = m.organizer_id
            where (m.starts_at at time zone 'Asia/Phnom_Penh')::date in (${days.map(() => '?::date').join(', ')})
              and m.status <> 'CANCELLED'`,
          days,
        )
      : [],
  ]);
  const objectiveIds = new Map<string, string[]>();
  for (const o of objectives)
    objectiveIds.set(o.code.toUpperCase(), [...(objectiveIds.get(o.code.toUpperCase()) ?? []), o.id]);
  return {
    organization: new Map(organizations.map((o) => [o.acronym.toUpperCase(), o.id])),
    person: new Map(people.map((p) => [p.email, p.id])),
    gcm: new Set(gcm.map((g) => Number(g.number))),
    objectiveIds,
    meetings,
  };
}

type Lookups = Awaited<ReturnType<typeof lookups>>;

function rowFields(row: SheetRow, found: Lookups, lang: ImportLanguage, problems: ImportProblem[]): CommitmentFields {
  const cell = (column: Column) => row.cells[column] ?? '';
  const add = (column: Column, key: Parameters<typeof problem>[3], params: Record<string, string | number> = {}) =>
    problems.push(problem(lang, row.row, column, key, params));
  for (const [column, max] of Object.entries(LIMITS) as [Column, number][])
    if (cell(column).length > max) add(column, 'tooLong', { max });
  if (!cell('title') && !cell('titleKm')) add('title', 'titleRequired');

  const organization = (value: string, column: Column) => {
    const id = found.organization.get(value.toUpperCase());
    if (!id) add(column, 'noOrganization', { value });
    return id;
  };
  let lead: string | undefined;
  if (!cell('leadOrganization')) add('leadOrganization', 'required');
  else lead = organization(cell('leadOrganization'), 'leadOrganization');
  const supporters = listOf(cell('supportingOrganizations'))
    .map((acronym) => organization(acronym, 'supportingOrganizations'))
    .filter((id): id is string => !!id);
  if (lead && supporters.includes(lead)) add('supportingOrganizations', 'leadAlsoSupporting');

  let assignee: string | undefined;
  if (cell('assigneeEmail')) {
    assignee = found.person.get(cell('assigneeEmail').toLowerCase());
    if (!assignee) add('assigneeEmail', 'noPerson', { value: cell('assigneeEmail') });
  }
  if (cell('dueDate') && !isDate(cell('dueDate'))) add('dueDate', 'badDate', { value: cell('dueDate') });
  const choice = <T extends string>(column: Column, allowed: readonly T[]): T | undefined => {
    const value = cell(column).toUpperCase();
    if (!value) return undefined;
    if (!allowed.includes(value as T)) add(column, 'badChoice', { value: cell(column), allowed: allowed.join(', ') });
    return value as T;
  };
  const priority = choice<Priority>('priority', PRIORITIES);
  const visibility = choice<Visibility>('visibility', VISIBILITIES);
  const gcm = listOf(cell('gcmObjectives')).map((value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || !found.gcm.has(number)) add('gcmObjectives', 'badGcm', { value });
    return number;
  });
  const planObjectives = listOf(cell('planObjectives')).flatMap((code) => {
    const ids = found.objectiveIds.get(code.toUpperCase()) ?? [];
    if (ids.length === 0) add('planObjectives', 'noPlanObjective', { value: code });
    else if (ids.length > 1) add('planObjectives', 'ambiguousPlanObjective', { value: code });
    return ids.slice(0, 1);
  });

  // The meeting: its day (YYYY-MM-DD), or its reference prefix ORGANIZER-YYYY-MM-DD.
  let meeting: string | undefined;
  const key = cell('meeting');
  if (key) {
    const match = /^(?:(.+)-)?(\d{4}-\d{2}-\d{2})$/.exec(key);
    const candidates = match
      ? found.meetings.filter((m) => m.day === match[2] && (!match[1] || m.acronym === match[1].toUpperCase()))
      : [];
    if (candidates.length === 1) meeting = candidates[0]!.id;
    else if (candidates.length > 1) add('meeting', 'ambiguousMeeting', { value: key, count: candidates.length });
    else add('meeting', 'noMeeting', { value: key });
  }

  return {
    title: cell('title') || null,
    titleKm: cell('titleKm') || null,
    description: cell('description') || null,
    descriptionKm: cell('descriptionKm') || null,
    leadOrganization: lead,
    supportingOrganizations: supporters.length ? [...new Set(supporters)] : undefined,
    assignee: assignee ?? null,
    dueDate: cell('dueDate') || null,
    priority,
    gcmObjectives: gcm.length ? gcm : undefined,
    planObjectives: planObjectives.length ? planObjectives : undefined,
    meeting: meeting ?? null,
    visibility,
  };
}

/** Thrown inside the import's transaction to roll every row back. */
class RolledBack extends Error {}

/**
 * Previews (dryRun) or imports a sheet of commitments. Every problem is reported with its row and
 * column; a commit creates every row in one transaction, each through createCommitment (its
 * validation, reference and audit event), or none.
 */
export async function importCommitments(
  scope: Scope,
  bytes: Buffer,
  options: { dryRun: boolean; lang: ImportLanguage },
): Promise<ImportResult> {
  requireStaff(scope.viewer, 'import commitments');
  const { lang } = options;
  const read = await readUpload(bytes, lang, COMMITMENT_COLUMNS, ['leadOrganization'], 'Commitments');
  if ('problems' in read) return { rows: 0, created: 0, problems: read.problems, references: [] };
  const { rows } = read.sheet;
  const problems: ImportProblem[] = [...read.headerProblems, ...characterProblems(rows, lang)];
  const found = await lookups(scope, rows);
  const fields = rows.map((row) => rowFields(row, found, lang, problems));
  if (problems.length > 0 || options.dryRun) return { rows: rows.length, created: 0, problems, references: [] };

  const references: string[] = [];
  try {
    await scope.em.transactional(async (em) => {
      for (const [index, row] of rows.entries()) {
        try {
          // Nested in this transaction (a savepoint each): all rows or none. Each row gets an empty
          // identity map on the transaction's connection, so the thousandth row costs what the first did.
          const rowEm = em.fork({ clear: true });
          rowEm.setTransactionContext(em.getTransactionContext()!);
          const commitment = await createCommitment({ ...scope, em: rowEm }, fields[index]!);
          references.push(commitment.reference);
        } catch (error) {
          if (!(error instanceof InvalidInputError)) throw error;
          for (const field of error.fields)
            problems.push(
              problem(lang, row.row, COLUMN_OF_FIELD[field.field] ?? field.field, 'rejected', { value: field.message }),
            );
        }
      }
      if (problems.length > 0) throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    return { rows: rows.length, created: 0, problems, references: [] };
  }
  return { rows: rows.length, created: references.length, problems, references };
}

/** The template: the header row, an example row, and a second sheet of the allowed values. */
export async function commitmentTemplate(scope: Scope): Promise<Buffer> {
  requireStaff(scope.viewer, 'import commitments');
  const em = scope.em;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Prachum';
  const sheet = workbook.addWorksheet('Commitments', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COMMITMENT_COLUMNS.map((key) => ({
    header: key,
    key,
    width: key.startsWith('description') ? 50 : 24,
  }));
  styleHeader(sheet);
  const [organization] = await em.execute<{ acronym: string }[]>(
    'select acronym from organization order by acronym limit 1',
  );
  const [objective] = await em.execute<{ code: string }[]>('select code from plan_objective order by code limit 1');
  const [meeting] = await em.execute<{ prefix: string }[]>(
    `select upper(o.acronym) || '-' || to_char((m.starts_at at time zone 'Asia/Phnom_Penh')::date, 'YYYY-MM-DD') as prefix
       from meeting m join organization o on o.id = m.organizer_id order by m.starts_at desc limit 1`,
  );
  const example = sheet.addRow({
    title: 'Example: publish the annual migration statistics report (replace or delete this row)',
    titleKm: 'ឧទាហរណ៍៖ ផ្សព្វផ្សាយរបាយការណ៍ស្ថិតិចំណាកស្រុកប្រចាំឆ្នាំ',
    description: 'What is to be done, by whom, and how completion is shown.',
    descriptionKm: '',
    leadOrganization: organization?.acronym ?? 'MOI',
    supportingOrganizations: '',
    assigneeEmail: '',
    dueDate: '2027-06-30',
    priority: 'MEDIUM',
    gcmObjectives: '1;3',
    planObjectives: objective?.code ?? '',
    meeting: meeting?.prefix ?? '',
    visibility: 'INTERNAL',
  });
  example.font = { italic: true, color: { argb: 'FF666666' } };
  await addAllowedValues(workbook, em, {
    leadOrganization: 'organisation acronym (see the list)',
    supportingOrganizations: 'acronyms separated by ;',
    assigneeEmail: "the person's e-mail address as in the directory",
    dueDate: 'YYYY-MM-DD',
    priority: PRIORITIES.join(' | '),
    gcmObjectives: 'numbers 1–23 separated by ;',
    planObjectives: 'plan objective codes separated by ;',
    meeting: 'a meeting date YYYY-MM-DD, or a reference prefix such as NCCT-2023-11-01',
    visibility: VISIBILITIES.join(' | '),
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
