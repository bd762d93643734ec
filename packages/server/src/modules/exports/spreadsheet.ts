import ExcelJS from 'exceljs';
import { phnomPenhTime, phnomPenhWallClock } from '../committee/rules.js';
import type { CommitmentExportRow } from './exports.service.js';

/** The columns of the commitment exports, in order: header and how to read a row. */
export const COMMITMENT_COLUMNS = [
  { header: 'Reference', width: 24 },
  { header: 'Title (EN)', width: 50 },
  { header: 'Title (KM)', width: 50 },
  { header: 'Lead organisation', width: 32 },
  { header: 'Supporting organisations', width: 40 },
  { header: 'Assignee', width: 24 },
  { header: 'Due date', width: 12 },
  { header: 'Status', width: 14 },
  { header: 'Progress %', width: 11 },
  { header: 'Overdue', width: 9 },
  { header: 'Meeting', width: 40 },
  { header: 'GCM objectives', width: 16 },
  { header: 'Last update', width: 18 },
] as const;

/** A YYYY-MM-DD date as an Excel date (a Date at UTC midnight, which exceljs writes as that day). */
function excelDate(date: string | null): Date | null {
  return date ? new Date(`${date}T00:00:00Z`) : null;
}

/** The workbook of commitments: one sheet, a frozen header row, dates as Excel dates. */
export async function commitmentsXlsx(rows: CommitmentExportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Prachum';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet('Commitments', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COMMITMENT_COLUMNS.map((column, index) => ({
    header: column.header,
    key: `c${index}`,
    width: column.width,
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow([
      row.reference,
      row.title ?? '',
      row.titleKm ?? '',
      row.leadOrganization,
      row.supportingOrganizations,
      row.assignee,
      excelDate(row.dueDate),
      row.status,
      row.progress,
      row.overdue,
      row.meeting,
      row.gcmObjectives,
      // Excel has no time zones: the wall-clock time in Phnom Penh, where the committee works.
      row.lastUpdateAt ? phnomPenhWallClock(row.lastUpdateAt) : null,
    ]);
  }
  sheet.getColumn(7).numFmt = 'yyyy-mm-dd';
  sheet.getColumn(13).numFmt = 'yyyy-mm-dd hh:mm';
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COMMITMENT_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A CSV field: quoted when needed; text that a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The commitments as CSV: UTF-8 with a byte-order mark (so Excel reads Khmer), CRLF line endings. */
export function commitmentsCsv(rows: CommitmentExportRow[]): string {
  const lines = [COMMITMENT_COLUMNS.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.reference,
        row.title,
        row.titleKm,
        row.leadOrganization,
        row.supportingOrganizations,
        row.assignee,
        row.dueDate,
        row.status,
        row.progress,
        row.overdue ? 'TRUE' : 'FALSE',
        row.meeting,
        row.gcmObjectives,
        row.lastUpdateAt ? phnomPenhTime(row.lastUpdateAt) : null,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
