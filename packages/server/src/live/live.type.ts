import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars.js';
import { AgendaItemType, MeetingType } from '../modules/meetings/meeting.type.js';

@ObjectType('MeetingEvent', {
  description:
    'Something changed on a meeting: its agenda, minutes, attendance, decisions, commitments or status. ' +
    'Load what you show again (or read `meeting`): the event says what changed, not the new content.',
})
export class MeetingEventType {
  @Field(() => String, {
    description:
      'What changed: AGENDA_ITEM_ADDED, AGENDA_ITEM_UPDATED, AGENDA_ITEM_REMOVED, AGENDA_REORDERED, MINUTES_UPDATED, ' +
      'MINUTES_REVISED, ATTENDANCE_CHANGED, DECISION_RECORDED, DECISION_UPDATED, COMMITMENT_CREATED, ' +
      'COMMITMENT_UPDATED, COMMITMENT_STATUS_CHANGED, MEETING_UPDATED or STATUS_CHANGED (more may be added).',
  })
  kind!: string;

  @Field(() => DateTimeScalar, { description: 'When the change was made.' })
  at!: Date;
}

@ObjectType('PresenceEntry', { description: 'Someone who has the meeting page open now.' })
export class PresenceEntryType {
  @Field(() => DateTimeScalar, { description: 'Since when they have it open.' })
  since!: Date;
}

@InputType({ description: 'Which agenda item you are editing on a meeting page (none: null).' })
export class SetMeetingPresenceInput {
  @Field(() => ID, { description: 'The meeting whose page you have open.' })
  meetingId!: string;

  @Field(() => ID, { nullable: true, description: 'The agenda item you edit now; null when you edit none.' })
  agendaItemId?: string | null;
}

@ObjectType({ description: 'The result of setMeetingPresence.' })
export class SetMeetingPresencePayload {
  @Field(() => MeetingType, { description: 'The meeting.' })
  meeting!: unknown;

  @Field(() => AgendaItemType, { nullable: true, description: 'The agenda item you edit, if any.' })
  agendaItem!: unknown;
}
