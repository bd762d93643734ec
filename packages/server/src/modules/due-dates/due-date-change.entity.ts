import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity.js';
import { CommitmentSchema } from '../commitments/commitment.entity.js';
import { PersonSchema } from '../people/person.entity.js';

/** REQUESTED by a focal point, then ACCEPTED or DECLINED by the secretariat; APPLIED: the secretariat changed it. */
export const DUE_DATE_CHANGE_STATUSES = ['REQUESTED', 'ACCEPTED', 'DECLINED', 'APPLIED'] as const;
export type DueDateChangeStatus = (typeof DUE_DATE_CHANGE_STATUSES)[number];

/** One change (or request to change) of a commitment's due date, with its reason: the due date's history. */
export const DueDateChangeSchema = defineEntity({
  name: 'DueDateChange',
  tableName: 'due_date_change',
  properties: {
    ...baseProperties,
    commitment: p.manyToOne(CommitmentSchema).mapToPk().index().deleteRule('cascade'),
    from: p.date().nullable(),
    to: p.date().nullable(),
    reason: p.text().nullable(),
    status: p.enum(DUE_DATE_CHANGE_STATUSES),
    requestedBy: p.manyToOne(PersonSchema).mapToPk().nullable(),
    decidedBy: p.manyToOne(PersonSchema).mapToPk().nullable(),
    /** When it was applied, accepted or declined (null while REQUESTED). */
    decidedAt: p.datetime().columnType('timestamptz').nullable(),
    decisionReason: p.text().nullable(),
  },
});
export type DueDateChange = InferEntity<typeof DueDateChangeSchema>;
