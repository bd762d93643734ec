import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Visibility } from '../../db/base.entity.js';
import { Connection } from '../../graphql/connection.js';
import { graphqlEnum } from '../../graphql/enums.js';
import { Node } from '../../graphql/node.js';
import { type OrderDirection, OrderDirectionEnum } from '../../graphql/order.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { VisibilityEnum } from '../../graphql/visibility.js';
import {
  ATTENDANCES,
  type Attendance,
  MEETING_KINDS,
  MEETING_STATUSES,
  type MeetingKind,
  type MeetingStatus,
  PARTICIPATION_ROLES,
  type ParticipationRole,
  SEXES,
  type Sex,
} from './meeting.entity.js';

export const MeetingKindEnum = graphqlEnum(MEETING_KINDS, 'MeetingKind', 'What sort of meeting this is.', {
  PLENARY: 'A plenary meeting of the whole committee.',
  TECHNICAL_WORKING_GROUP: 'A meeting of a technical working group.',
  CONSULTATION: 'A consultation with partners or the public.',
  BILATERAL: 'A meeting between two organisations.',
  OTHER: 'Any other meeting.',
});

export const MeetingStatusEnum = graphqlEnum(
  MEETING_STATUSES,
  'MeetingStatus',
  'Where a meeting is in its life: PLANNED → HELD → MINUTES_APPROVED, or PLANNED → CANCELLED.',
  {
    PLANNED: 'Scheduled; agenda, participants and draft minutes can change.',
    HELD: 'The meeting took place; minutes are being finalised.',
    MINUTES_APPROVED: 'Minutes approved and frozen; corrections are recorded revisions.',
    CANCELLED: 'Called off before it was held (with a reason).',
  },
);

export const ParticipationRoleEnum = graphqlEnum(
  PARTICIPATION_ROLES,
  'ParticipationRole',
  'The part someone plays in a meeting.',
  {
    CHAIR: 'Chairs the meeting.',
    RAPPORTEUR: 'Takes the minutes.',
    PARTICIPANT: 'Takes part.',
    OBSERVER: 'Observes without taking part in decisions.',
  },
);

export const AttendanceEnum = graphqlEnum(ATTENDANCES, 'Attendance', 'Whether someone came to a meeting.', {
  INVITED: 'Invited; no answer yet.',
  CONFIRMED: 'Said they will come.',
  ATTENDED: 'Was there.',
  APOLOGIES: 'Sent apologies.',
  ABSENT: 'Did not come, without apologies.',
});

export const SexEnum = graphqlEnum(
  SEXES,
  'Sex',
  'Sex of a participant as recorded for a meeting, for the gender-disaggregated attendance partners report.',
  {
    FEMALE: 'Female.',
    MALE: 'Male.',
    OTHER: 'Another sex or gender.',
    UNDISCLOSED: 'The participant chose not to say.',
  },
);

export const MEETING_ORDER_FIELDS = ['STARTS_AT', 'TITLE', 'UPDATED_AT'] as const;
export type MeetingOrderField = (typeof MEETING_ORDER_FIELDS)[number];
export const MeetingOrderFieldEnum = graphqlEnum(
  MEETING_ORDER_FIELDS,
  'MeetingOrderField',
  'What to sort meetings by.',
  {
    STARTS_AT: 'When the meeting starts.',
    TITLE: 'The English title (then the Khmer one).',
    UPDATED_AT: 'When the meeting record last changed.',
  },
);

@ObjectType('Meeting', {
  implements: Node,
  description: 'A meeting of the committee or its working groups: agenda, attendance, minutes and decisions.',
})
export class MeetingType extends Node {
  @Field(() => String, { nullable: true, description: 'Title in English.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
  titleKm!: string | null;

  @Field(() => MeetingKindEnum, { description: 'What sort of meeting this is.' })
  kind!: MeetingKind;

  @Field(() => MeetingStatusEnum, { description: 'Where the meeting is in its life.' })
  status!: MeetingStatus;

  @Field(() => DateTimeScalar, { description: 'When it starts (an instant; shown in Asia/Phnom_Penh).' })
  startsAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it ends, if known.' })
  endsAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Where it takes place.' })
  location!: string | null;

  @Field(() => VisibilityEnum, { description: 'Who may read this meeting and its content.' })
  visibility!: Visibility;

  @Field(() => Int, { description: 'Changes with every change of the meeting; send it back when changing it.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Why the meeting was cancelled (CANCELLED only).' })
  cancellationReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the minutes were approved.' })
  minutesApprovedAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When this record was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When this record last changed.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'A page of meetings.' })
export class MeetingConnection extends Connection(MeetingType, 'Meeting') {}

@ObjectType('MeetingSeries', {
  implements: Node,
  description: 'Recurring meetings that belong together, such as a quarterly working group.',
})
export class MeetingSeriesType extends Node {
  @Field(() => String, { nullable: true, description: 'Title in English.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
  titleKm!: string | null;

  @Field(() => DateTimeScalar, { description: 'When this record was created.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of meeting series.' })
export class MeetingSeriesConnection extends Connection(MeetingSeriesType, 'MeetingSeries') {}

@ObjectType('AgendaItem', { implements: Node, description: 'An item of a meeting agenda, with its minutes.' })
export class AgendaItemType extends Node {
  @Field(() => Int, { description: 'Place in the agenda, from 1.' })
  position!: number;

  @Field(() => String, { nullable: true, description: 'Title in English.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
  titleKm!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Minutes of this item in English (Markdown; render it safely, without raw HTML).',
  })
  minutes!: string | null;

  @Field(() => String, { nullable: true, description: 'Minutes of this item in Khmer (Markdown).' })
  minutesKm!: string | null;

  @Field(() => Int, { description: 'Changes with every change of the item; send it back when changing it.' })
  version!: number;

  @Field(() => DateTimeScalar, { description: 'When this item last changed.' })
  updatedAt!: Date;
}

@ObjectType('MinutesRevision', {
  description: 'A recorded correction of approved minutes: the earlier and the new text, who, when and why.',
})
export class MinutesRevisionType {
  @Field(() => String, { description: 'Why the approved minutes were corrected.' })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'English minutes before the correction.' })
  minutesBefore!: string | null;

  @Field(() => String, { nullable: true, description: 'Khmer minutes before the correction.' })
  minutesKmBefore!: string | null;

  @Field(() => String, { nullable: true, description: 'English minutes after the correction.' })
  minutesAfter!: string | null;

  @Field(() => String, { nullable: true, description: 'Khmer minutes after the correction.' })
  minutesKmAfter!: string | null;
}

@ObjectType('Participation', {
  description: 'A person invited to or present at a meeting, and the organisation they represented.',
})
export class ParticipationType {
  @Field(() => ParticipationRoleEnum, { description: 'The part they play in the meeting.' })
  role!: ParticipationRole;

  @Field(() => AttendanceEnum, { description: 'Whether they came.' })
  attendance!: Attendance;
}

@ObjectType('SexCount', { description: 'How many people who attended a meeting were recorded with one sex.' })
export class SexCountType {
  @Field(() => SexEnum, {
    nullable: true,
    description: 'The sex recorded; null counts the attendees whose sex was not recorded.',
  })
  sex!: Sex | null;

  @Field(() => Int, { description: 'How many attended.' })
  count!: number;
}

@ObjectType('Decision', { implements: Node, description: 'A decision taken in a meeting; commitments follow from it.' })
export class DecisionType extends Node {
  @Field(() => String, { nullable: true, description: 'The decision in English.' })
  text!: string | null;

  @Field(() => String, { nullable: true, description: 'The decision in Khmer.' })
  textKm!: string | null;

  @Field(() => Int, { description: 'Order among the decisions of the meeting, from 1.' })
  position!: number;

  @Field(() => DateTimeScalar, { description: 'When the decision was recorded.' })
  createdAt!: Date;
}

@InputType({ description: 'Which meetings to list.' })
export class MeetingFilter {
  @Field(() => DateTimeScalar, { nullable: true, description: 'Only meetings starting at or after this instant.' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only meetings starting at or before this instant.' })
  to?: Date | null;

  @Field(() => [MeetingStatusEnum], { nullable: true, description: 'Only meetings in these statuses.' })
  status?: MeetingStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'Only meetings organised by this organisation.' })
  organizerId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only meetings where someone represented this organisation.',
  })
  participantOrganizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only meetings of this series.' })
  seriesId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Text in the title (English or Khmer) or the location.',
  })
  search?: string | null;
}

@InputType({ description: 'How to sort meetings.' })
export class MeetingOrder {
  @Field(() => MeetingOrderFieldEnum, { description: 'What to sort by.' })
  field!: MeetingOrderField;

  @Field(() => OrderDirectionEnum, { description: 'Ascending or descending.' })
  direction!: OrderDirection;
}
