import type { EntityManager } from '@mikro-orm/postgresql';
import { checkText } from '../../validation.js';
import type ExcelJS from 'exceljs';
import { type ImportLanguage, type ImportProblem, problem } from './import.messages.js';
import { readSheets, type Sheet, type SheetRow } from './sheet-reader.js';

/** What an import answers: rows read, records created (0 in a preview or when any row has a problem), every problem. */
export interface ImportResult {
  rows: number;
  created: number;
  problems: ImportProblem[];
  /** The references of the commitments created (commitment imports). */
  references: string[];
}

/** At most this many rows in one import. */
export const MAX_ROWS = 5000;

/**
 * Reads an upload's sheet (`sheetName`, else the first one) and checks its header against the
 * template's columns: unknown columns and missing required ones are problems on row 1.
 */
export async function readUpload(
  bytes: Buffer,
  lang: ImportLanguage,
  columns: readonly string[],
  required: readonly string[],
  sheetName: string,
): Promise<{ sheet: Sheet; headerProblems: ImportProblem[] } | { problems: ImportProblem[] }> {
  let sheets: Sheet[];
  try {
    sheets = await readSheets(bytes);
  } catch {
    return { problems: [problem(lang, 0, '', 'unreadable')] };
  }
  const sheet = sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase()) ?? sheets[0];
  if (!sheet) return { problems: [problem(lang, 0, '', 'unreadable')] };
  return checkSheet(sheet, lang, columns, required);
}

/** The header checks of readUpload, for a sheet already read. */
export function checkSheet(
  sheet: Sheet,
  lang: ImportLanguage,
  columns: readonly string[],
  required: readonly string[],
): { sheet: Sheet; headerProblems: ImportProblem[] } | { problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  for (const header of sheet.headers)
    if (header && !columns.includes(header))
      problems.push(problem(lang, 1, header, 'unknownColumn', { value: header, allowed: columns.join(', ') }));
  for (const column of required)
    if (!sheet.headers.includes(column)) problems.push(problem(lang, 1, column, 'missingColumn'));
  if (sheet.rows.length === 0) problems.push(problem(lang, 2, '', 'noRows'));
  if (sheet.rows.length > MAX_ROWS)
    problems.push(problem(lang, MAX_ROWS + 2, '', 'tooManyRows', { count: sheet.rows.length, max: MAX_ROWS }));
  if (problems.some((p) => p.code !== 'UNKNOWN_FIELD')) return { problems };
  return { sheet, headerProblems: problems };
}

/** A bold, shaded, frozen header row. */
export function styleHeader(sheet: ExcelJS.Worksheet): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
}

/**
 * The template's second sheet: what each column takes, then the values that exist here now
 * (organisations, GCM objectives, plan objectives, recent meetings).
 */
export async function addAllowedValues(
  workbook: ExcelJS.Workbook,
  em: EntityManager,
  notes: Record<string, string>,
  extra: { title: string; values: string[][] }[] = [],
): Promise<void> {
  const sheet = workbook.addWorksheet('Allowed values');
  sheet.columns = [{ width: 28 }, { width: 60 }, { width: 50 }];
  const section = (title: string, rows: string[][]) => {
    const heading = sheet.addRow([title]);
    heading.font = { bold: true, size: 12 };
    for (const row of rows) sheet.addRow(row);
    sheet.addRow([]);
  };
  section(
    'Column',
    Object.entries(notes).map(([column, note]) => [column, note]),
  );
  for (const block of extra) section(block.title, block.values);
  const [organizations, gcm, objectives, meetings] = await Promise.all([
    em.execute<{ acronym: string; name: string | null; name_km: string | null }[]>(
      'select acronym, name, name_km from organization order by acronym',
    ),
    em.execute<{ number: number; title: string; title_km: string | null }[]>(
      'select number, title, title_km from gcm_objective order by number',
    ),
    em.execute<{ code: string; title: string | null; title_km: string | null }[]>(
      'select code, title, title_km from plan_objective order by code',
    ),
    em.execute<{ prefix: string; day: string; title: string | null }[]>(
      `select upper(o.acronym) || '-' || to_char((m.starts_at at time zone 'Asia/Phnom_Penh')::date, 'YYYY-MM-DD') as prefix,
              to_char((m.starts_at at time zone 'Asia/Phnom_Penh')::date, 'YYYY-MM-DD') as day, coalesce(m.title, m.title_km) as title
         from meeting m join organization o on o.id = m.organizer_id where m.status <> 'CANCELLED'
        order by m.starts_at desc limit 200`,
    ),
  ]);
  section(
    'Organisations (acronym)',
    organizations.map((o) => [o.acronym, o.name ?? '', o.name_km ?? '']),
  );
  section(
    'GCM objectives (number)',
    gcm.map((g) => [String(g.number), g.title, g.title_km ?? '']),
  );
  section(
    'Plan objectives (code)',
    objectives.map((o) => [o.code, o.title ?? '', o.title_km ?? '']),
  );
  section(
    'Meetings (date or reference prefix)',
    meetings.map((m) => [m.prefix, m.day, m.title ?? '']),
  );
}

/**
 * Every cell checked as all text entering the product is (validation.ts checkText): a cell holding U+0000 or a
 * lone UTF-16 surrogate is a problem; the others are NFC-normalised in place.
 */
export function characterProblems(rows: SheetRow[], lang: ImportLanguage): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const row of rows) {
    for (const [column, value] of Object.entries(row.cells)) {
      const checked = checkText(value);
      if ('problem' in checked) problems.push(problem(lang, row.row, column, 'badCharacter'));
      else row.cells[column] = checked.text;
    }
  }
  return problems;
}
