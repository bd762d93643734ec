import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { baseProperties, trigramIndexes, VISIBILITIES } from '../../db/base.entity.js';
import { DecisionSchema, MeetingSchema } from '../meetings/meeting.entity.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import { PersonSchema } from '../people/person.entity.js';
import { PlanObjectiveSchema } from '../plans/plan.entity.js';

export const COMMITMENT_STATUSES = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'AT_RISK',
  'COMPLETED',
  'VERIFIED',
  'CANCELLED',
] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** Statuses in which a commitment is no longer open (so never overdue). */
export const CLOSED_STATUSES: readonly CommitmentStatus[] = ['COMPLETED', 'VERIFIED', 'CANCELLED'];

export const CommitmentSchema = defineEntity({
  name: 'Commitment',
  tableName: 'commitment',
  indexes: [
    ...trigramIndexes('commitment', ['title', 'title_km', 'description', 'description_km', 'reference']),
    {
      name: 'commitment_gcm_objectives_gin',
      expression: 'create index "commitment_gcm_objectives_gin" on "commitment" using gin ("gcm_objectives")',
    },
  ],
  checks: [{ name: 'commitment_progress_range', expression: 'progress >= 0 and progress <= 100' }],
  properties: {
    ...baseProperties,
    reference: p.string().length(80).unique(),
    title: p.text().nullable(),
    titleKm: p.text().nullable(),
    description: p.text().nullable(),
    descriptionKm: p.text().nullable(),
    meeting: p.manyToOne(MeetingSchema).mapToPk().nullable().index(),
    decision: p.manyToOne(DecisionSchema).mapToPk().nullable().index(),
    leadOrganization: p.manyToOne(OrganizationSchema).mapToPk().index(),
    assignee: p.manyToOne(PersonSchema).mapToPk().nullable().index(),
    dueDate: p.date().nullable().index(),
    /** The first due date ever set; never overwritten (each change is a DueDateChange). */
    originalDueDate: p.date().nullable(),
    priority: p.enum(PRIORITIES).default('MEDIUM'),
    status: p.enum(COMMITMENT_STATUSES).default('NOT_STARTED').index(),
    progress: p.integer().default(0),
    /** GCM objective numbers (1–23). */
    gcmObjectives: p.array(Number).columnType('int[]').default([]),
    visibility: p.enum(VISIBILITIES).default('INTERNAL'),
    lastUpdateAt: p.datetime().columnType('timestamptz').nullable(),
    statusReason: p.text().nullable(),
    version: p.integer().version(),
  },
});
export type Commitment = InferEntity<typeof CommitmentSchema>;

export const CommitmentSupporterSchema = defineEntity({
  name: 'CommitmentSupporter',
  tableName: 'commitment_supporter',
  properties: {
    commitment: p.manyToOne(CommitmentSchema).mapToPk().primary().deleteRule('cascade'),
    organization: p.manyToOne(OrganizationSchema).mapToPk().primary().index(),
  },
});
export type CommitmentSupporter = InferEntity<typeof CommitmentSupporterSchema>;

export const CommitmentPlanObjectiveSchema = defineEntity({
  name: 'CommitmentPlanObjective',
  tableName: 'commitment_plan_objective',
  properties: {
    commitment: p.manyToOne(CommitmentSchema).mapToPk().primary().deleteRule('cascade'),
    planObjective: p.manyToOne(PlanObjectiveSchema).mapToPk().primary().index(),
  },
});
export type CommitmentPlanObjective = InferEntity<typeof CommitmentPlanObjectiveSchema>;

/** Append-only: a report of progress, a verification, a return or a cancellation. */
export const ProgressUpdateSchema = defineEntity({
  name: 'ProgressUpdate',
  tableName: 'progress_update',
  checks: [{ name: 'progress_update_progress_range', expression: 'progress >= 0 and progress <= 100' }],
  properties: {
    ...baseProperties,
    commitment: p.manyToOne(CommitmentSchema).mapToPk().index(),
    author: p.manyToOne(PersonSchema).mapToPk().nullable(),
    statusBefore: p.enum(COMMITMENT_STATUSES),
    status: p.enum(COMMITMENT_STATUSES),
    progressBefore: p.integer(),
    progress: p.integer(),
    note: p.text().nullable(),
    noteKm: p.text().nullable(),
  },
});
export type ProgressUpdate = InferEntity<typeof ProgressUpdateSchema>;

export const EVIDENCE_KINDS = ['LINK', 'FILE'] as const;

export const EvidenceSchema = defineEntity({
  name: 'Evidence',
  tableName: 'evidence',
  properties: {
    ...baseProperties,
    progressUpdate: p.manyToOne(ProgressUpdateSchema).mapToPk().index(),
    commitment: p.manyToOne(CommitmentSchema).mapToPk().index(),
    kind: p.enum(EVIDENCE_KINDS).default('LINK'),
    url: p.text().nullable(),
    title: p.text().nullable(),
  },
});
export type Evidence = InferEntity<typeof EvidenceSchema>;
