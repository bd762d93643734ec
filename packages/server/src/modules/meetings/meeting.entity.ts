import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { baseProperties, trigramIndexes, VISIBILITIES } from '../../db/base.entity.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import { PersonSchema } from '../people/person.entity.js';

export const MEETING_KINDS = ['PLENARY', 'TECHNICAL_WORKING_GROUP', 'CONSULTATION', 'BILATERAL', 'OTHER'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_STATUSES = ['PLANNED', 'HELD', 'MINUTES_APPROVED', 'CANCELLED'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const PARTICIPATION_ROLES = ['CHAIR', 'RAPPORTEUR', 'PARTICIPANT', 'OBSERVER'] as const;
export type ParticipationRole = (typeof PARTICIPATION_ROLES)[number];
export const ATTENDANCES = ['INVITED', 'CONFIRMED', 'ATTENDED', 'APOLOGIES', 'ABSENT'] as const;
export type Attendance = (typeof ATTENDANCES)[number];
/** Sex as recorded for a participant at a meeting, for gender-disaggregated attendance. */
export const SEXES = ['FEMALE', 'MALE', 'OTHER', 'UNDISCLOSED'] as const;
export type Sex = (typeof SEXES)[number];

export const MeetingSeriesSchema = defineEntity({
  name: 'MeetingSeries',
  tableName: 'meeting_series',
  properties: {
    ...baseProperties,
    title: p.text().nullable(),
    titleKm: p.text().nullable(),
    /** The organisation that convenes the series; its meetings default to it. */
    organizer: p.manyToOne(OrganizationSchema).mapToPk().nullable(),
    /** How often it meets: an RFC 5545 RRULE such as FREQ=MONTHLY;INTERVAL=3. */
    cadence: p.text().nullable(),
  },
});
export type MeetingSeries = InferEntity<typeof MeetingSeriesSchema>;

export const MeetingSchema = defineEntity({
  name: 'Meeting',
  tableName: 'meeting',
  indexes: trigramIndexes('meeting', ['title', 'title_km', 'location']),
  checks: [{ name: 'meeting_ends_after_start', expression: 'ends_at is null or ends_at >= starts_at' }],
  properties: {
    ...baseProperties,
    title: p.text().nullable(),
    titleKm: p.text().nullable(),
    kind: p.enum(MEETING_KINDS),
    status: p.enum(MEETING_STATUSES).default('PLANNED'),
    startsAt: p.datetime().columnType('timestamptz').index(),
    endsAt: p.datetime().columnType('timestamptz').nullable(),
    location: p.text().nullable(),
    organizer: p.manyToOne(OrganizationSchema).mapToPk().index(),
    chair: p.manyToOne(PersonSchema).mapToPk().nullable(),
    series: p.manyToOne(MeetingSeriesSchema).mapToPk().nullable().index(),
    visibility: p.enum(VISIBILITIES).default('INTERNAL'),
    cancellationReason: p.text().nullable(),
    minutesApprovedAt: p.datetime().columnType('timestamptz').nullable(),
    version: p.integer().version(),
  },
});
export type Meeting = InferEntity<typeof MeetingSchema>;

export const AgendaItemSchema = defineEntity({
  name: 'AgendaItem',
  tableName: 'agenda_item',
  properties: {
    ...baseProperties,
    meeting: p.manyToOne(MeetingSchema).mapToPk().index(),
    position: p.integer(),
    title: p.text().nullable(),
    titleKm: p.text().nullable(),
    presenter: p.manyToOne(PersonSchema).mapToPk().nullable(),
    minutes: p.text().nullable(),
    minutesKm: p.text().nullable(),
    version: p.integer().version(),
  },
});
export type AgendaItem = InferEntity<typeof AgendaItemSchema>;

/** A correction of approved minutes: the earlier and the new text, who, when and why. */
export const MinutesRevisionSchema = defineEntity({
  name: 'MinutesRevision',
  tableName: 'minutes_revision',
  properties: {
    ...baseProperties,
    agendaItem: p.manyToOne(AgendaItemSchema).mapToPk().index(),
    reason: p.text(),
    minutesBefore: p.text().nullable(),
    minutesKmBefore: p.text().nullable(),
    minutesAfter: p.text().nullable(),
    minutesKmAfter: p.text().nullable(),
  },
});
export type MinutesRevision = InferEntity<typeof MinutesRevisionSchema>;

export const ParticipationSchema = defineEntity({
  name: 'Participation',
  tableName: 'participation',
  uniques: [{ properties: ['meeting', 'person'] }],
  properties: {
    ...baseProperties,
    meeting: p.manyToOne(MeetingSchema).mapToPk().index(),
    person: p.manyToOne(PersonSchema).mapToPk(),
    organization: p.manyToOne(OrganizationSchema).mapToPk().index(),
    role: p.enum(PARTICIPATION_ROLES).default('PARTICIPANT'),
    attendance: p.enum(ATTENDANCES).default('INVITED'),
    /** The position they held at this meeting (personal data: staff and focal points only). */
    positionHeld: p.text().nullable(),
    /** The invited person this one stands in for. */
    onBehalfOf: p.manyToOne(PersonSchema).mapToPk().nullable(),
    /** As recorded for this meeting (personal data: staff and focal points only). */
    sex: p.enum(SEXES).nullable(),
  },
});
export type Participation = InferEntity<typeof ParticipationSchema>;

export const DecisionSchema = defineEntity({
  name: 'Decision',
  tableName: 'decision',
  properties: {
    ...baseProperties,
    meeting: p.manyToOne(MeetingSchema).mapToPk().index(),
    agendaItem: p.manyToOne(AgendaItemSchema).mapToPk().nullable(),
    position: p.integer(),
    text: p.text().nullable(),
    textKm: p.text().nullable(),
  },
});
export type Decision = InferEntity<typeof DecisionSchema>;
