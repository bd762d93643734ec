import { CompletionLevel, type DueDateChangeStatus } from '../../graphql/generated.js';
import { enumValues } from '../../lib/enums.js';

/** How far a due date moved from the first one: later, earlier, or back on it (null when it never moved). */
export type Slip = { direction: 'later' | 'earlier'; days: number } | { direction: 'none'; days: 0 };

/** Reads `slippedDays` (null without both dates, or when nothing moved it). */
export function slipOf(slippedDays: number | null | undefined, changes = 0): Slip | null {
  if (slippedDays === null || slippedDays === undefined) return null;
  if (slippedDays > 0) return { direction: 'later', days: slippedDays };
  if (slippedDays < 0) return { direction: 'earlier', days: -slippedDays };
  // Moved and moved back: worth saying; never moved: nothing to say.
  return changes > 0 ? { direction: 'none', days: 0 } : null;
}

/** The request that waits for the secretariat, if any (the server allows one at a time). */
export function pendingRequest<T extends { status: DueDateChangeStatus }>(changes: readonly T[]): T | undefined {
  return changes.find((change) => change.status === 'REQUESTED');
}

/** Newest first, for the timeline; the server gives them oldest first. */
export function newestFirst<T extends { at: string }>(changes: readonly T[]): T[] {
  return [...changes].sort((a, b) => b.at.localeCompare(a.at));
}

/** The calendar day `days` after a date ('YYYY-MM-DD'). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The commitment statuses whose due date may still move. */
export function dueDateMayMove(status: string): boolean {
  return status !== 'VERIFIED' && status !== 'CANCELLED';
}

/** The OGP IRM levels, lowest first (completion.meaning.* says what share of the work each stands for). */
export const completionLevels: readonly CompletionLevel[] = enumValues(CompletionLevel, {
  NOT_STARTED: 0,
  LIMITED: 1,
  SUBSTANTIAL: 2,
  COMPLETE: 3,
});

/**
 * High completion as the IRM counts it (SUBSTANTIAL + COMPLETE) over the commitments that count: cancelled ones
 * count in no denominator. `percent` is null when nothing counts.
 */
export function highCompletionShare(group: {
  total: number;
  highCompletion: number;
  byStatus: readonly { status: string; count: number }[];
}): { count: number; of: number; percent: number | null } {
  const cancelled = group.byStatus.find((s) => s.status === 'CANCELLED')?.count ?? 0;
  const of = Math.max(0, group.total - cancelled);
  return { count: group.highCompletion, of, percent: of === 0 ? null : Math.round((group.highCompletion / of) * 100) };
}

/** The groups of a grouping added up (ORGANIZATION groups count every commitment once). */
export function sumGroups(
  groups: readonly { total: number; highCompletion: number; byStatus: readonly { status: string; count: number }[] }[],
): { total: number; highCompletion: number; byStatus: { status: string; count: number }[] } {
  const byStatus = new Map<string, number>();
  for (const group of groups)
    for (const s of group.byStatus) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + s.count);
  return {
    total: groups.reduce((sum, g) => sum + g.total, 0),
    highCompletion: groups.reduce((sum, g) => sum + g.highCompletion, 0),
    byStatus: [...byStatus].map(([status, count]) => ({ status, count })),
  };
}

export type DueDateProblem = 'required' | 'invalid' | 'unchanged';

/** What keeps a new due date from being asked for or set: a real day other than the current one, and a reason. */
export function newDueDateProblems(input: { dueDate: string; current: string | null; reason: string }): {
  dueDate?: DueDateProblem;
  reason?: 'required';
} {
  const problems: { dueDate?: DueDateProblem; reason?: 'required' } = {};
  const day = new Date(`${input.dueDate}T00:00:00Z`);
  if (!input.dueDate) problems.dueDate = 'required';
  else if (
    !/^\d{4}-\d{2}-\d{2}$/.test(input.dueDate) ||
    Number.isNaN(day.getTime()) ||
    day.toISOString().slice(0, 10) !== input.dueDate
  )
    problems.dueDate = 'invalid';
  else if (input.dueDate === input.current) problems.dueDate = 'unchanged';
  if (!input.reason.trim()) problems.reason = 'required';
  return problems;
}

/** Whether a completion level says more than the status beside it ("Not started" twice, or "Complete" on a completed one, says nothing). */
export function completionAddsToStatus(status: string, level: CompletionLevel): boolean {
  if (status === 'CANCELLED') return false;
  if (level === 'NOT_STARTED' && status === 'NOT_STARTED') return false;
  if (level === 'COMPLETE' && (status === 'COMPLETED' || status === 'VERIFIED')) return false;
  return true;
}
