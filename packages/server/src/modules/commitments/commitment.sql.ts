import type { EntityManager } from '@mikro-orm/postgresql';
import { isStaff, type Viewer } from '../../auth/viewer.js';
import { plainRows } from '../../db/plain.js';
import { likePattern } from '../../validation.js';
import { type Commitment, CommitmentSchema, type CommitmentStatus } from './commitment.entity.js';
import { OPEN_STATUSES_SQL, overdueSql, TODAY_SQL, todayInPhnomPenh } from '../committee/rules.js';

// The committee's rules (open, overdue, today in Phnom Penh) live in committee/rules.ts; re-exported for this module's readers.
export { OPEN_STATUSES_SQL, overdueSql, TODAY_SQL, todayInPhnomPenh };

/** A piece of SQL with `?` placeholders and its parameters, in order. */
import type { SqlPart } from '../../graphql/sql-answers.js';

export type { SqlPart };

/** The OGP Independent Reporting Mechanism's completion scale. */
export const COMPLETION_LEVELS = ['NOT_STARTED', 'LIMITED', 'SUBSTANTIAL', 'COMPLETE'] as const;
export type CompletionLevel = (typeof COMPLETION_LEVELS)[number];

/** COMPLETE once completed or verified; otherwise by progress: 0 none, 1–49 limited, 50–99 substantial. */
export function completionLevel(status: CommitmentStatus, progress: number): CompletionLevel {
  if (status === 'COMPLETED' || status === 'VERIFIED') return 'COMPLETE';
  if (progress >= 50) return 'SUBSTANTIAL';
  return progress > 0 ? 'LIMITED' : 'NOT_STARTED';
}

/** The same scale in SQL, on a status and a progress expression. */
export function completionLevelSql(status: string, progress: string): string {
  return `(case when ${status} in ('COMPLETED', 'VERIFIED') then 'COMPLETE' when ${progress} >= 50 then 'SUBSTANTIAL'
    when ${progress} > 0 then 'LIMITED' else 'NOT_STARTED' end)`;
}

/** True for what the IRM counts as high completion (substantial or complete); CANCELLED counts nowhere. */
export function highCompletionSql(status: string, progress: string): string {
  return `(${status} <> 'CANCELLED' and ${completionLevelSql(status, progress)} in ('SUBSTANTIAL', 'COMPLETE'))`;
}

const partnerMeeting = (alias: string, visibilities: string) =>
  `(${alias}.meeting_id is null or exists (select 1 from meeting vm where vm.id = ${alias}.meeting_id and vm.visibility in (${visibilities})))`;

/**
 * The one rule for which commitments a viewer may read (DESIGN.md §1), as SQL on the
 * commitment aliased `alias`. Every list, count, stat, nested connection and node() uses it.
 * Staff: all. Focal point: what their organisation leads or supports, plus what partners see.
 * Partner: PARTNERS/PUBLIC commitments not from an INTERNAL meeting. Anonymous (public reading
 * on): PUBLIC commitments with no meeting or a PUBLIC one.
 */
export function commitmentVisibilitySql(viewer: Viewer, publicRead: boolean, alias: string): SqlPart {
  if (isStaff(viewer)) return { sql: 'true', params: [] };
  const shared = `(${alias}.visibility in ('PARTNERS', 'PUBLIC') and ${partnerMeeting(alias, `'PARTNERS', 'PUBLIC'`)})`;
  if (viewer.role === 'FOCAL_POINT') {
    if (!viewer.organizationId) return { sql: shared, params: [] };
    return {
      sql: `(${alias}.lead_organization_id = ? or exists (select 1 from commitment_supporter vs where vs.commitment_id = ${alias}.id and vs.organization_id = ?) or ${shared})`,
      params: [viewer.organizationId, viewer.organizationId],
    };
  }
  if (viewer.role === 'PARTNER') return { sql: shared, params: [] };
  if (publicRead)
    return { sql: `(${alias}.visibility = 'PUBLIC' and ${partnerMeeting(alias, `'PUBLIC'`)})`, params: [] };
  return { sql: 'false', params: [] };
}

/** A commitment filter with raw uuids (the resolver decodes the global ids). */
export interface CommitmentFilterValues {
  status?: CommitmentStatus[] | null;
  leadOrganization?: string;
  organization?: string;
  assignee?: string;
  overdue?: boolean | null;
  dueFrom?: string | null;
  dueTo?: string | null;
  meeting?: string;
  planObjective?: string;
  gcmObjective?: number | null;
  search?: string | null;
  dueDateChangeRequested?: boolean | null;
}

/** The filter as SQL conditions on the commitment aliased `alias` (true when empty). */
export function commitmentFilterSql(filter: CommitmentFilterValues | null | undefined, alias: string): SqlPart {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    conditions.push(sql);
    params.push(...values);
  };
  if (!filter) return { sql: 'true', params };
  if (filter.status?.length) add(`${alias}.status in (${filter.status.map(() => '?').join(', ')})`, ...filter.status);
  if (filter.leadOrganization) add(`${alias}.lead_organization_id = ?`, filter.leadOrganization);
  if (filter.organization) {
    add(
      `(${alias}.lead_organization_id = ? or exists (select 1 from commitment_supporter fs where fs.commitment_id = ${alias}.id and fs.organization_id = ?))`,
      filter.organization,
      filter.organization,
    );
  }
  if (filter.assignee) add(`${alias}.assignee_id = ?`, filter.assignee);
  if (filter.overdue === true) add(overdueSql(alias));
  if (filter.overdue === false) add(`not ${overdueSql(alias)}`);
  if (filter.dueFrom) add(`${alias}.due_date >= ?::date`, filter.dueFrom);
  if (filter.dueTo) add(`${alias}.due_date <= ?::date`, filter.dueTo);
  if (filter.meeting) add(`${alias}.meeting_id = ?`, filter.meeting);
  if (filter.planObjective) {
    add(
      `exists (select 1 from commitment_plan_objective fp where fp.commitment_id = ${alias}.id and fp.plan_objective_id = ?)`,
      filter.planObjective,
    );
  }
  if (filter.dueDateChangeRequested != null) {
    const pending = `exists (select 1 from due_date_change fd where fd.commitment_id = ${alias}.id and fd.status = 'REQUESTED')`;
    add(filter.dueDateChangeRequested ? pending : `not ${pending}`);
  }
  if (filter.gcmObjective != null) add(`${alias}.gcm_objectives @> array[?::int]`, filter.gcmObjective);
  const search = filter.search?.trim();
  if (search) {
    const pattern = likePattern(search);
    const columns = ['title', 'title_km', 'description', 'description_km', 'reference'];
    add(`(${columns.map((c) => `${alias}.${c} ilike ?`).join(' or ')})`, ...columns.map(() => pattern));
  }
  return { sql: conditions.length ? conditions.join(' and ') : 'true', params };
}

/** Joins SQL parts with `and`. */
export function andSql(...parts: SqlPart[]): SqlPart {
  return { sql: parts.map((p) => `(${p.sql})`).join(' and '), params: parts.flatMap((p) => p.params) };
}

/** Turns raw `select c.*` rows into plain Commitment objects for reading (extra `__` columns are dropped). */
export function mapCommitments(em: EntityManager, rows: Record<string, unknown>[]): Commitment[] {
  return plainRows(em, CommitmentSchema, rows);
}
