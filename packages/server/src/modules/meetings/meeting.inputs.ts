import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { Visibility } from '../../db/base.entity.js';
import { Connection } from '../../graphql/connection.js';
import { inputFields } from '../../graphql/decode.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { VisibilityEnum } from '../../graphql/visibility.js';
import type { Attendance, MeetingKind, ParticipationRole, Sex } from './meeting.entity.js';
import {
  AgendaItemType,
  AttendanceEnum,
  DecisionType,
  MeetingKindEnum,
  MeetingSeriesType,
  MeetingType,
  MinutesRevisionType,
  ParticipationRoleEnum,
  ParticipationType,
  SexEnum,
} from './meeting.type.js';

/** The fields of a meeting that createMeeting and updateMeeting take. */
const MeetingFields = inputFields((required) => {
  // Not itself in the schema: only the inputs that extend it are.
  @InputType()
  abstract class Fields {
    @Field(() => String, {
      nullable: true,
      description: required ? 'Title in English (this or titleKm is required).' : 'Title in English.',
    })
    title?: string | null;

    @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
    titleKm?: string | null;

    @Field(() => MeetingKindEnum, { nullable: !required, description: 'What sort of meeting.' })
    kind!: MeetingKind;

    @Field(() => DateTimeScalar, { nullable: !required, description: 'When it starts.' })
    startsAt!: Date;

    @Field(() => DateTimeScalar, { nullable: true, description: 'When it ends (after startsAt).' })
    endsAt?: Date | null;

    @Field(() => String, { nullable: true, description: 'Where it takes place.' })
    location?: string | null;

    @Field(() => ID, { nullable: !required, description: 'The organisation that organises it.' })
    organizerId!: string;

    @Field(() => ID, { nullable: true, description: 'The person who chairs it.' })
    chairId?: string | null;

    @Field(() => ID, { nullable: true, description: 'The series it belongs to.' })
    seriesId?: string | null;

    @Field(() => VisibilityEnum, {
      nullable: true,
      description: required ? 'Who may read it (default INTERNAL).' : 'Who may read it.',
    })
    visibility?: Visibility | null;
  }
  return Fields;
});

@InputType({ description: 'A new meeting; it starts PLANNED.' })
export class CreateMeetingInput extends MeetingFields.Create {}

@InputType({ description: 'Changes to a meeting; only the fields given change (null clears an optional one).' })
export class UpdateMeetingInput extends MeetingFields.Update {
  @Field(() => ID, { description: 'The meeting to change.' })
  id!: string;

  @Field(() => Int, { description: 'The version you last read; a stale one is refused with CONFLICT.' })
  version!: number;
}

@ObjectType({ description: 'The result of createMeeting.' })
export class CreateMeetingPayload {
  @Field(() => MeetingType, { description: 'The new meeting.' })
  meeting!: MeetingType;
}

@ObjectType({ description: 'The result of updateMeeting.' })
export class UpdateMeetingPayload {
  @Field(() => MeetingType, { description: 'The meeting as it is now.' })
  meeting!: MeetingType;
}

@InputType({ description: 'A meeting to change the status of, at the version last read.' })
export class MeetingTransitionInput {
  @Field(() => ID, { description: 'The meeting.' })
  id!: string;

  @Field(() => Int, { description: 'The version you last read; a stale one is refused with CONFLICT.' })
  version!: number;
}

@InputType({ description: 'Marks a PLANNED meeting as held.' })
export class MarkMeetingHeldInput extends MeetingTransitionInput {}

@InputType({ description: 'Approves the minutes of a HELD meeting, which freezes them.' })
export class ApproveMinutesInput extends MeetingTransitionInput {}

@InputType({ description: 'Cancels a PLANNED meeting.' })
export class CancelMeetingInput extends MeetingTransitionInput {
  @Field(() => String, { description: 'Why the meeting is called off.' })
  reason!: string;
}

@ObjectType({ description: 'The result of markMeetingHeld.' })
export class MarkMeetingHeldPayload {
  @Field(() => MeetingType, { description: 'The meeting, now HELD.' })
  meeting!: MeetingType;
}

@ObjectType({ description: 'The result of approveMinutes.' })
export class ApproveMinutesPayload {
  @Field(() => MeetingType, { description: 'The meeting, now MINUTES_APPROVED.' })
  meeting!: MeetingType;
}

@ObjectType({ description: 'The result of cancelMeeting.' })
export class CancelMeetingPayload {
  @Field(() => MeetingType, { description: 'The meeting, now CANCELLED.' })
  meeting!: MeetingType;
}

@InputType({ description: 'A new meeting series.' })
export class CreateMeetingSeriesInput {
  @Field(() => String, { nullable: true, description: 'Title in English (this or titleKm is required).' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
  titleKm?: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation that convenes it.' })
  organizerId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'How often it meets: an RFC 5545 RRULE, e.g. FREQ=MONTHLY;INTERVAL=3 for quarterly.',
  })
  cadence?: string | null;
}

@InputType({ description: 'Changes to a meeting series (secretariat); only the fields given change.' })
export class UpdateMeetingSeriesInput extends CreateMeetingSeriesInput {
  @Field(() => ID, { description: 'The series to change.' })
  id!: string;
}

@ObjectType({ description: 'The result of updateMeetingSeries.' })
export class UpdateMeetingSeriesPayload {
  @Field(() => MeetingSeriesType, { description: 'The series.' })
  series!: MeetingSeriesType;
}

@InputType({ description: 'The next meeting of a series.' })
export class ScheduleNextMeetingInput {
  @Field(() => ID, { description: 'The series.' })
  seriesId!: string;

  @Field(() => DateTimeScalar, { description: 'When it starts.' })
  startsAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it ends.' })
  endsAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Where it takes place (default: where the last one did).' })
  location?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: 'Invite the participants of the latest meeting again (default true).',
  })
  copyParticipants?: boolean | null;
}

@ObjectType({ description: 'The result of scheduleNextMeeting.' })
export class ScheduleNextMeetingPayload {
  @Field(() => MeetingType, { description: 'The new meeting, PLANNED, opening with the matters arising.' })
  meeting!: MeetingType;
}

@ObjectType({ description: 'The result of createMeetingSeries.' })
export class CreateMeetingSeriesPayload {
  @Field(() => MeetingSeriesType, { description: 'The new series.' })
  series!: MeetingSeriesType;
}

@InputType({ description: 'A new agenda item.' })
export class AddAgendaItemInput {
  @Field(() => ID, { description: 'The meeting.' })
  meetingId!: string;

  @Field(() => String, { nullable: true, description: 'Title in English (this or titleKm is required).' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
  titleKm?: string | null;

  @Field(() => ID, { nullable: true, description: 'The person who presents it.' })
  presenterId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Where to insert it, from 1 (default: at the end).' })
  position?: number | null;
}

@ObjectType({ description: 'The result of addAgendaItem.' })
export class AddAgendaItemPayload {
  @Field(() => AgendaItemType, { description: 'The new item.' })
  agendaItem!: AgendaItemType;

  @Field(() => MeetingType, { description: 'Its meeting.' })
  meeting!: MeetingType;
}

@InputType({
  description:
    'Changes to an agenda item (also the minutes autosave); only the fields given change. Minutes are frozen once approved: use reviseMinutes.',
})
export class UpdateAgendaItemInput {
  @Field(() => ID, { description: 'The agenda item.' })
  id!: string;

  @Field(() => Int, { description: 'The version you last read; a stale one is refused with CONFLICT.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Title in English.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
  titleKm?: string | null;

  @Field(() => ID, { nullable: true, description: 'The person who presents it (null for nobody).' })
  presenterId?: string | null;

  @Field(() => String, { nullable: true, description: 'Minutes in English (Markdown).' })
  minutes?: string | null;

  @Field(() => String, { nullable: true, description: 'Minutes in Khmer (Markdown).' })
  minutesKm?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A key the client makes once per change (a UUID, say); a change sent again with the same key is not applied twice and answers with the record as it is now.',
  })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of updateAgendaItem.' })
export class UpdateAgendaItemPayload {
  @Field(() => AgendaItemType, { description: 'The item as it is now.' })
  agendaItem!: AgendaItemType;
}

@InputType({ description: 'A new order for the whole agenda of a meeting.' })
export class ReorderAgendaItemsInput {
  @Field(() => ID, { description: 'The meeting.' })
  meetingId!: string;

  @Field(() => [ID], { description: 'Every agenda item of the meeting, in the new order.' })
  agendaItemIds!: string[];
}

@ObjectType({ description: 'The result of reorderAgendaItems.' })
export class ReorderAgendaItemsPayload {
  @Field(() => MeetingType, { description: 'The meeting with its agenda in the new order.' })
  meeting!: MeetingType;
}

@InputType({ description: 'An agenda item to remove.' })
export class RemoveAgendaItemInput {
  @Field(() => ID, { description: 'The agenda item.' })
  id!: string;
}

@ObjectType({ description: 'The result of removeAgendaItem.' })
export class RemoveAgendaItemPayload {
  @Field(() => MeetingType, { description: 'The meeting without the item.' })
  meeting!: MeetingType;
}

@InputType({ description: 'A correction of approved minutes, recorded with the earlier text and the reason.' })
export class ReviseMinutesInput {
  @Field(() => ID, { description: 'The agenda item whose minutes to correct.' })
  agendaItemId!: string;

  @Field(() => Int, { description: 'The version of the item you last read; a stale one is refused with CONFLICT.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Corrected minutes in English (omit to keep them).' })
  minutes?: string | null;

  @Field(() => String, { nullable: true, description: 'Corrected minutes in Khmer (omit to keep them).' })
  minutesKm?: string | null;

  @Field(() => String, { description: 'Why the approved minutes are corrected.' })
  reason!: string;
}

@ObjectType({ description: 'The result of reviseMinutes.' })
export class ReviseMinutesPayload {
  @Field(() => AgendaItemType, { description: 'The item with the corrected minutes.' })
  agendaItem!: AgendaItemType;

  @Field(() => MinutesRevisionType, { description: 'The recorded revision.' })
  revision!: MinutesRevisionType;
}

@InputType({ description: "Adds or changes someone's participation in a meeting." })
export class SetParticipationInput {
  @Field(() => ID, { description: 'The meeting.' })
  meetingId!: string;

  @Field(() => ID, { description: 'The person.' })
  personId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The organisation they represent (default: the person's organisation).",
  })
  organizationId?: string | null;

  @Field(() => ParticipationRoleEnum, { description: 'The part they play.' })
  role!: ParticipationRole;

  @Field(() => AttendanceEnum, { description: 'Whether they came.' })
  attendance!: Attendance;

  @Field(() => String, {
    nullable: true,
    description: 'The position they held at this meeting (omitted: unchanged; null or empty: cleared).',
  })
  positionHeld?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The invited person this one stands in for (a participant of the same meeting; omitted: unchanged; null: nobody).',
  })
  onBehalfOfId?: string | null;

  @Field(() => SexEnum, { nullable: true, description: 'Sex as recorded for this meeting (omitted: unchanged).' })
  sex?: Sex | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A key the client makes once per change (a UUID, say); a change sent again with the same key is not applied twice and answers with the record as it is now.',
  })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of setParticipation.' })
export class SetParticipationPayload {
  @Field(() => ParticipationType, { description: 'The participation as it is now.' })
  participation!: ParticipationType;

  @Field(() => MeetingType, { description: 'The meeting.' })
  meeting!: MeetingType;
}

@InputType({ description: "Removes someone's participation in a meeting." })
export class RemoveParticipationInput {
  @Field(() => ID, { description: 'The meeting.' })
  meetingId!: string;

  @Field(() => ID, { description: 'The person.' })
  personId!: string;
}

@ObjectType({ description: 'The result of removeParticipation.' })
export class RemoveParticipationPayload {
  @Field(() => MeetingType, { description: 'The meeting.' })
  meeting!: MeetingType;
}

@ObjectType({ description: 'A page of participations (your invitations).' })
export class ParticipationConnection extends Connection(ParticipationType, 'Participation') {}

@InputType({ description: 'Your answer to an invitation to a meeting.' })
export class RespondToInvitationInput {
  @Field(() => ID, { description: 'The meeting you are invited to.' })
  meetingId!: string;

  @Field(() => AttendanceEnum, { description: 'CONFIRMED (you will come) or APOLOGIES (you cannot).' })
  attendance!: Attendance;
}

@ObjectType({ description: 'The result of respondToInvitation.' })
export class RespondToInvitationPayload {
  @Field(() => ParticipationType, { description: 'Your participation as it is now.' })
  participation!: ParticipationType;

  @Field(() => MeetingType, { description: 'The meeting.' })
  meeting!: MeetingType;
}

@InputType({ description: 'A meeting created by mistake, to delete.' })
export class DeleteMeetingInput {
  @Field(() => ID, { description: 'The meeting: PLANNED, without minutes, decisions or commitments.' })
  id!: string;

  @Field(() => Int, { description: 'The version you last read; a stale one is refused with CONFLICT.' })
  version!: number;
}

@ObjectType({ description: 'The result of deleteMeeting.' })
export class DeleteMeetingPayload {
  @Field(() => ID, { description: 'The id of the meeting that was deleted (its audit trail stays).' })
  deletedMeetingId!: string;
}

@InputType({ description: 'A decision recorded by mistake, to remove.' })
export class RemoveDecisionInput {
  @Field(() => ID, { description: 'The decision: without commitments, in a meeting whose minutes are not approved.' })
  id!: string;
}

@ObjectType({ description: 'The result of removeDecision.' })
export class RemoveDecisionPayload {
  @Field(() => MeetingType, { description: 'The meeting, with its remaining decisions renumbered.' })
  meeting!: MeetingType;
}

@InputType({ description: 'A decision taken in a meeting.' })
export class RecordDecisionInput {
  @Field(() => ID, { description: 'The meeting.' })
  meetingId!: string;

  @Field(() => ID, { nullable: true, description: 'The agenda item it was taken under (of the same meeting).' })
  agendaItemId?: string | null;

  @Field(() => String, { nullable: true, description: 'The decision in English (this or textKm is required).' })
  text?: string | null;

  @Field(() => String, { nullable: true, description: 'The decision in Khmer.' })
  textKm?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A key the client makes once per change (a UUID, say); a change sent again with the same key is not applied twice and answers with the record as it is now.',
  })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'The result of recordDecision.' })
export class RecordDecisionPayload {
  @Field(() => DecisionType, { description: 'The new decision.' })
  decision!: DecisionType;
}

@InputType({ description: 'Changes to a decision; only the fields given change.' })
export class UpdateDecisionInput {
  @Field(() => ID, { description: 'The decision.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The decision in English.' })
  text?: string | null;

  @Field(() => String, { nullable: true, description: 'The decision in Khmer.' })
  textKm?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The agenda item it belongs to (of the same meeting; null to detach it).',
  })
  agendaItemId?: string | null;
}

@ObjectType({ description: 'The result of updateDecision.' })
export class UpdateDecisionPayload {
  @Field(() => DecisionType, { description: 'The decision as it is now.' })
  decision!: DecisionType;
}
