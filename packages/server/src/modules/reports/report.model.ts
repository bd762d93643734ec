import { toGlobalId } from '../../graphql/global-id.js';
import { COMMITMENT_STATUSES, type CommitmentStatus } from '../commitments/commitment.entity.js';
import type { StatsGroup, StatsGroupByValue } from '../commitments/commitment-stats.service.js';
import { completionLevel } from '../commitments/commitment.sql.js';
import type { ReportRow } from './report.service.js';
import type { ProgressChange } from './report.type.js';

/** A progress report: the range and its rows; the figures are derived from the rows alone. */
export interface ProgressReport {
  from: string;
  to: string;
  rows: ReportRow[];
  groupBy?: StatsGroupByValue | null;
}

/** Whether a row counts under a change of the report. */
export function hasChange(row: ReportRow, change: ProgressChange): boolean {
  switch (change) {
    case 'CREATED':
      return row.created;
    case 'COMPLETED':
      return row.completed;
    case 'VERIFIED':
      return row.verified;
    case 'BECAME_OVERDUE':
      return row.becameOverdue;
    case 'WITHOUT_UPDATE':
      return row.withoutUpdate;
    case 'ADVANCED':
      return row.progress > (row.progressAtStart ?? 0);
  }
}

/** The raw keys of the groups a row counts in (a commitment counts in each plan goal or GCM objective it links to). */
export function groupKeysOf(row: ReportRow, groupBy: StatsGroupByValue): string[] {
  switch (groupBy) {
    case 'ORGANIZATION':
      return [row.leadOrganization];
    case 'STATUS':
      return [row.status];
    case 'PLAN_GOAL':
      return row.planGoals;
    case 'GCM_OBJECTIVE':
      return row.gcmObjectives.map(String);
  }
}

/** The public key of a group, as CommitmentStatsGroup.key has it. */
export function publicKey(groupBy: StatsGroupByValue, key: string): string {
  if (groupBy === 'ORGANIZATION') return toGlobalId('Organization', key);
  if (groupBy === 'PLAN_GOAL') return toGlobalId('PlanGoal', key);
  return key;
}

type Counts = Omit<StatsGroup, 'key' | 'label' | 'labelKm'>;

/** Dashboard counts of rows, as they stood at the start or at the end of the range. */
export function countsOf(rows: ReportRow[], when: 'start' | 'end'): Counts {
  const states = rows.map((row) =>
    when === 'start'
      ? {
          status: row.statusAtStart as CommitmentStatus,
          progress: row.progressAtStart ?? 0,
          overdue: row.overdueAtStart,
        }
      : { status: row.status, progress: row.progress, overdue: row.overdue },
  );
  const average = states.length ? states.reduce((sum, s) => sum + s.progress, 0) / states.length : 0;
  return {
    total: states.length,
    overdue: states.filter((s) => s.overdue).length,
    averageProgress: Math.round(average * 10) / 10,
    highCompletion: states.filter(
      (s) => s.status !== 'CANCELLED' && ['SUBSTANTIAL', 'COMPLETE'].includes(completionLevel(s.status, s.progress)),
    ).length,
    byStatus: COMMITMENT_STATUSES.map((status) => ({
      status,
      count: states.filter((s) => s.status === status).length,
    })).filter((s) => s.count > 0),
  };
}

/** Rows per group key, in first-seen order. */
export function groupRows(rows: ReportRow[], groupBy: StatsGroupByValue): Map<string, ReportRow[]> {
  const groups = new Map<string, ReportRow[]>();
  for (const row of rows)
    for (const key of groupKeysOf(row, groupBy)) {
      const list = groups.get(key) ?? [];
      list.push(row);
      groups.set(key, list);
    }
  return groups;
}

/** Average progress gained by the rows over the range, in percentage points. */
export function progressDelta(rows: ReportRow[]): number {
  if (rows.length === 0) return 0;
  const gained = rows.reduce((sum, row) => sum + row.progress - (row.progressAtStart ?? 0), 0) / rows.length;
  return Math.round(gained * 10) / 10;
}
