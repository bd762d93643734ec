import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../graphql/connection.js';
import { graphqlEnum } from '../../graphql/enums.js';
import { Node } from '../../graphql/node.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { CommitmentType } from '../commitments/commitment.type.js';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification.entity.js';

export const NotificationKindEnum = graphqlEnum(
  NOTIFICATION_KINDS,
  'NotificationKind',
  'What a notification is about.',
  {
    ASSIGNED: 'A commitment was assigned to you.',
    STATUS_CHANGED: 'A commitment you follow changed status.',
    PROGRESS_REPORTED: 'Progress was reported on a commitment you follow (the secretariat hears of every report).',
    AWAITING_VERIFICATION: 'A commitment was reported completed and waits for the secretariat to verify it.',
    VERIFIED: 'A commitment you follow was verified.',
    RETURNED: 'A commitment you follow was returned to IN_PROGRESS, with the reason.',
    DUE_SOON: 'A commitment you are responsible for is due in 7 days, or tomorrow.',
    OVERDUE: 'A commitment you are responsible for is overdue (the day after, then every 7 days).',
    MEETING_INVITATION: 'You were invited to a meeting.',
    MINUTES_APPROVED: 'The minutes of a meeting your organisation took part in were approved.',
    DUE_DATE_CHANGE_REQUESTED: 'A focal point asked to move the due date of a commitment.',
    DUE_DATE_CHANGE_DECIDED: 'The secretariat decided on a due-date change you asked for.',
  },
);

@ObjectType('Notification', {
  implements: Node,
  description: 'Something that happened, told to you. You only ever see notifications about records you may see now.',
})
export class NotificationType extends Node {
  @Field(() => NotificationKindEnum, { description: 'What it is about.' })
  kind!: NotificationKind;

  @Field(() => DateTimeScalar, { description: 'When it happened.' })
  at!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When you marked it read; null while unread.' })
  readAt!: Date | null;

  @Field(() => String, { description: 'What happened, in English.' })
  message!: string;

  @Field(() => String, { description: 'What happened, in Khmer.' })
  messageKm!: string;
}

@ObjectType({ description: 'A page of notifications, newest first.' })
export class NotificationConnection extends Connection(NotificationType, 'Notification') {}

@InputType({ description: 'Which of your notifications to mark read: some by id, or all.' })
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'Notification ids (ids of others’ notifications are ignored).' })
  ids?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'True marks every unread notification read.' })
  all?: boolean | null;
}

@ObjectType({ description: 'The result of markNotificationsRead.' })
export class MarkNotificationsReadPayload {
  @Field(() => Int, { description: 'How many unread notifications you have now.' })
  unreadCount!: number;
}

@InputType({ description: 'The commitment to follow or unfollow.' })
export class FollowCommitmentInput {
  @Field(() => ID, { description: 'The commitment.' })
  commitmentId!: string;
}

@ObjectType({ description: 'The result of followCommitment and unfollowCommitment.' })
export class FollowCommitmentPayload {
  @Field(() => CommitmentType, { description: 'The commitment, with viewerIsFollowing updated.' })
  commitment!: unknown;
}
