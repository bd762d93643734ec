import type { ProgressChange, StatsGroupBy } from '../../graphql/generated.js';
import { khmerDigits } from '../../lib/format.js';

/** What a report covers: a reporting period, or a range of calendar days (both included). */
export type ReportSelection = { kind: 'period'; periodId: string } | { kind: 'range'; from: string; to: string };

/** The groupings the reports page offers. */
export const reportGroupings: readonly StatsGroupBy[] = ['ORGANIZATION', 'PLAN_GOAL', 'GCM_OBJECTIVE'];

/** The figures of a report, in the order shown, with the change that lists the commitments behind each. */
export const reportFigures = [
  { field: 'created', change: 'CREATED' },
  { field: 'completed', change: 'COMPLETED' },
  { field: 'verified', change: 'VERIFIED' },
  { field: 'becameOverdue', change: 'BECAME_OVERDUE' },
  { field: 'withoutUpdate', change: 'WITHOUT_UPDATE' },
] as const satisfies readonly { field: string; change: ProgressChange }[];

export const progressChanges: readonly ProgressChange[] = [...reportFigures.map((f) => f.change), 'ADVANCED'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a text is a real calendar day 'YYYY-MM-DD'. */
export function isDay(value: string | null | undefined): value is string {
  if (!value || !DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export type RangeProblem = 'required' | 'invalid' | 'beforeStart';

/** What is wrong with a from–to range, by field, before it is sent (the server checks too). */
export function rangeProblems(from: string, to: string): { from?: RangeProblem; to?: RangeProblem } {
  const problems: { from?: RangeProblem; to?: RangeProblem } = {};
  if (!from) problems.from = 'required';
  else if (!isDay(from)) problems.from = 'invalid';
  if (!to) problems.to = 'required';
  else if (!isDay(to)) problems.to = 'invalid';
  else if (!problems.from && to < from) problems.to = 'beforeStart';
  return problems;
}

/** The calendar quarter a day falls in: its number, year and first and last days. */
export function quarterOf(day: string): { quarter: number; year: number; startsOn: string; endsOn: string } {
  const year = Number(day.slice(0, 4));
  const quarter = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
  const first = new Date(Date.UTC(year, (quarter - 1) * 3, 1));
  const last = new Date(Date.UTC(year, quarter * 3, 0));
  return { quarter, year, startsOn: first.toISOString().slice(0, 10), endsOn: last.toISOString().slice(0, 10) };
}

/** The quarter before the one a day falls in. */
export function previousQuarter(day: string) {
  const { startsOn } = quarterOf(day);
  const before = new Date(`${startsOn}T00:00:00Z`);
  before.setUTCDate(0);
  return quarterOf(before.toISOString().slice(0, 10));
}

/** The range shown before anyone chooses: the year so far. */
export function defaultRange(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/** The server's XLSX download of a report (docs/api.md); a period's gives its frozen report once closed. */
export function reportExportUrl(selection: ReportSelection, groupBy: StatsGroupBy): string {
  if (selection.kind === 'period') {
    return `/exports/reporting-periods/${encodeURIComponent(selection.periodId)}.xlsx?groupBy=${groupBy}`;
  }
  const query = new URLSearchParams({ from: selection.from, to: selection.to, groupBy });
  return `/exports/reports.xlsx?${query.toString()}`;
}

/** The report chosen in the address: `period=<id>`, else `from` and `to`; null when neither is usable. */
export function selectionOfParams(params: URLSearchParams): ReportSelection | null {
  const period = params.get('period');
  if (period) return { kind: 'period', periodId: period };
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (Object.keys(rangeProblems(from, to)).length === 0) return { kind: 'range', from, to };
  return null;
}

/** The grouping in the address, organisation by default. */
export function groupingOfParams(params: URLSearchParams): StatsGroupBy {
  const value = params.get('groupBy') as StatsGroupBy | null;
  return value && reportGroupings.includes(value) ? value : 'ORGANIZATION';
}

/** The figure opened in the address, if any. */
export function changeOfParams(params: URLSearchParams): ProgressChange | null {
  const value = params.get('change') as ProgressChange | null;
  return value && progressChanges.includes(value) ? value : null;
}

/** A quarter's name for a new reporting period, in both languages: "Q4 2026", "ត្រីមាសទី៤ ឆ្នាំ២០២៦". */
export function quarterTitle(quarter: { quarter: number; year: number }): { title: string; titleKm: string } {
  return {
    title: `Q${quarter.quarter} ${quarter.year}`,
    titleKm: `ត្រីមាសទី${khmerDigits(String(quarter.quarter))} ឆ្នាំ${khmerDigits(String(quarter.year))}`,
  };
}
