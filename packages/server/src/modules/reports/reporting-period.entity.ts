import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { baseProperties, VISIBILITIES } from '../../db/base.entity.js';
import { COMMITMENT_STATUSES, CommitmentSchema } from '../commitments/commitment.entity.js';

/** A span the secretariat reports on, e.g. "Q4 2026"; closing it freezes its report. */
export const ReportingPeriodSchema = defineEntity({
  name: 'ReportingPeriod',
  tableName: 'reporting_period',
  checks: [{ name: 'reporting_period_ends_after_start', expression: 'ends_on >= starts_on' }],
  properties: {
    ...baseProperties,
    title: p.text().nullable(),
    titleKm: p.text().nullable(),
    startsOn: p.date(),
    endsOn: p.date(),
    closedAt: p.datetime().columnType('timestamptz').nullable(),
    closedBy: p.uuid().nullable(),
  },
});
export type ReportingPeriod = InferEntity<typeof ReportingPeriodSchema>;

/**
 * One commitment as it stood when its period was closed: its state at the start and end of the
 * period, what happened to it within the period, and the groups it counted in. A closed period's
 * report is computed from these rows alone, so later edits never change it.
 */
export const ReportSnapshotSchema = defineEntity({
  name: 'ReportSnapshot',
  tableName: 'report_snapshot',
  properties: {
    period: p.manyToOne(ReportingPeriodSchema).mapToPk().primary().deleteRule('cascade'),
    commitment: p.manyToOne(CommitmentSchema).mapToPk().primary().index().deleteRule('cascade'),
    leadOrganization: p.uuid().fieldName('lead_organization_id'),
    meeting: p.uuid().fieldName('meeting_id').nullable(),
    visibility: p.enum(VISIBILITIES),
    planGoals: p.array().columnType('uuid[]').default([]),
    gcmObjectives: p.array(Number).columnType('int[]').default([]),
    existedAtStart: p.boolean(),
    statusAtStart: p.enum(COMMITMENT_STATUSES).nullable(),
    progressAtStart: p.integer().nullable(),
    overdueAtStart: p.boolean(),
    status: p.enum(COMMITMENT_STATUSES),
    progress: p.integer(),
    dueDate: p.date().nullable(),
    overdue: p.boolean(),
    created: p.boolean(),
    completed: p.boolean(),
    verified: p.boolean(),
    becameOverdue: p.boolean(),
    withoutUpdate: p.boolean(),
  },
});
export type ReportSnapshot = InferEntity<typeof ReportSnapshotSchema>;
