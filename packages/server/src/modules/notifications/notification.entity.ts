import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { CommitmentSchema } from '../commitments/commitment.entity.js';
import { MeetingSchema } from '../meetings/meeting.entity.js';
import { PersonSchema } from '../people/person.entity.js';

export const NOTIFICATION_KINDS = [
  'ASSIGNED',
  'STATUS_CHANGED',
  'PROGRESS_REPORTED',
  'AWAITING_VERIFICATION',
  'VERIFIED',
  'RETURNED',
  'DUE_SOON',
  'OVERDUE',
  'MEETING_INVITATION',
  'MINUTES_APPROVED',
  'DUE_DATE_CHANGE_REQUESTED',
  'DUE_DATE_CHANGE_DECIDED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Something that happened, told to one person in the product. `key` is unique: a retried job,
 * a second worker or a second sweep writes the same key and is ignored.
 */
export const NotificationSchema = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  indexes: [{ name: 'notification_recipient_at', properties: ['recipient', 'at'] }],
  properties: {
    id: p.uuid().primary(),
    key: p.text().unique(),
    recipient: p.manyToOne(PersonSchema).mapToPk().deleteRule('cascade'),
    kind: p.enum(NOTIFICATION_KINDS),
    at: p.datetime().columnType('timestamptz'),
    readAt: p.datetime().columnType('timestamptz').nullable(),
    commitment: p.manyToOne(CommitmentSchema).mapToPk().nullable().index().deleteRule('cascade'),
    meeting: p.manyToOne(MeetingSchema).mapToPk().nullable().index().deleteRule('cascade'),
    actor: p.manyToOne(PersonSchema).mapToPk().nullable(),
    message: p.text(),
    messageKm: p.text(),
  },
});
export type Notification = InferEntity<typeof NotificationSchema>;

/**
 * A person's own choice about a commitment: following by hand (true) or no longer following
 * one they follow by role, as assignee, focal point or creator (false).
 */
export const CommitmentFollowSchema = defineEntity({
  name: 'CommitmentFollow',
  tableName: 'commitment_follow',
  properties: {
    commitment: p.manyToOne(CommitmentSchema).mapToPk().primary().deleteRule('cascade'),
    person: p.manyToOne(PersonSchema).mapToPk().primary().index().deleteRule('cascade'),
    following: p.boolean(),
    at: p.datetime().columnType('timestamptz'),
  },
});
export type CommitmentFollow = InferEntity<typeof CommitmentFollowSchema>;
