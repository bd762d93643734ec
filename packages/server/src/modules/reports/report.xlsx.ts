import ExcelJS from 'exceljs';
import type { Loaders } from '../../graphql/loaders.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import { type LabelScope, reportGroups } from './report.groups.js';
import { hasChange, type ProgressReport } from './report.model.js';
import { PROGRESS_CHANGES } from './report.type.js';

const FIGURES: Record<(typeof PROGRESS_CHANGES)[number], string> = {
  CREATED: 'Created',
  COMPLETED: 'Completed',
  VERIFIED: 'Verified',
  BECAME_OVERDUE: 'Became overdue',
  WITHOUT_UPDATE: 'Without update',
  ADVANCED: 'Advanced',
};

const excelDate = (date: string | null) => (date ? new Date(`${date}T00:00:00Z`) : null);

/**
 * A report as a workbook: the figures and groups on a Summary sheet, then every commitment with how it
 * stood at the start and the end and what happened to it (the rows behind each figure).
 */
export async function reportXlsx(
  scope: LabelScope & { loaders: Loaders },
  report: ProgressReport,
  title: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Prachum';
  workbook.created = new Date();
  const summary = workbook.addWorksheet('Summary');
  summary.columns = [{ width: 40 }, { width: 40 }, ...Array.from({ length: 9 }, () => ({ width: 14 }))];
  summary.addRow([title]).font = { bold: true, size: 14 };
  summary.addRow(['From', excelDate(report.from)]);
  summary.addRow(['To', excelDate(report.to)]);
  summary.addRow([]);
  summary.addRow(['Figure', 'Commitments']).font = { bold: true };
  for (const change of PROGRESS_CHANGES)
    summary.addRow([FIGURES[change], report.rows.filter((r) => hasChange(r, change)).length]);
  const groups = await reportGroups(scope, report);
  if (groups.length > 0) {
    summary.addRow([]);
    summary.addRow([
      'Group',
      'Group (KM)',
      'Total at start',
      'Total at end',
      'Average progress at start',
      'Average progress at end',
      'Progress gained',
      'High completion at start',
      'High completion at end',
      'Overdue at end',
    ]).font = { bold: true };
    for (const group of groups) {
      summary.addRow([
        group.label ?? group.key,
        group.labelKm ?? '',
        group.atStart?.total ?? 0,
        group.atEnd.total,
        group.atStart?.averageProgress ?? 0,
        group.atEnd.averageProgress,
        group.progressDelta,
        group.atStart?.highCompletion ?? 0,
        group.atEnd.highCompletion,
        group.atEnd.overdue,
      ]);
    }
  }

  const sheet = workbook.addWorksheet('Commitments', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Reference', width: 24 },
    { header: 'Lead organisation', width: 18 },
    { header: 'Status at start', width: 14 },
    { header: 'Progress % at start', width: 12 },
    { header: 'Status at end', width: 14 },
    { header: 'Progress % at end', width: 12 },
    { header: 'Due date', width: 12 },
    { header: 'Overdue at end', width: 10 },
    ...PROGRESS_CHANGES.map((change) => ({ header: FIGURES[change], width: 12 })),
  ];
  sheet.getRow(1).font = { bold: true };
  const organizations = await scope.loaders
    .byId(OrganizationSchema)
    .loadMany([...new Set(report.rows.map((r) => r.leadOrganization))]);
  const acronyms = new Map(
    organizations.flatMap((o) => (o && !(o instanceof Error) ? [[o.id, o.acronym] as const] : [])),
  );
  for (const row of report.rows) {
    sheet.addRow([
      row.reference,
      acronyms.get(row.leadOrganization) ?? '',
      row.statusAtStart ?? '',
      row.progressAtStart ?? '',
      row.status,
      row.progress,
      excelDate(row.dueDate),
      row.overdue,
      ...PROGRESS_CHANGES.map((change) => hasChange(row, change)),
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
