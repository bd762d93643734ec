import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isStaff, type Viewer } from '../../auth/viewer.js';
import type { Context } from '../../graphql/context.js';
import { decode } from '../../graphql/decode.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import { ViewerType } from '../accounts/account.type.js';
import type { Commitment } from '../commitments/commitment.entity.js';
import {
  personWithOrganizationLoader,
  visibleCommitmentLoader,
  visibleMeetingLoader,
} from '../commitments/commitment.loaders.js';
import { CommitmentType } from '../commitments/commitment.type.js';
import type { Meeting } from '../meetings/meeting.entity.js';
import { MeetingType } from '../meetings/meeting.type.js';
import type { Person } from '../people/person.entity.js';
import { PersonType } from '../people/person.type.js';
import { followersLoader } from './notification.loaders.js';
import { type Notification, NotificationSchema } from './notification.entity.js';
import {
  listNotifications,
  markNotificationsRead,
  setFollowing,
  unreadNotificationCount,
} from './notification.service.js';
import {
  FollowCommitmentInput,
  FollowCommitmentPayload,
  MarkNotificationsReadInput,
  MarkNotificationsReadPayload,
  NotificationConnection,
  NotificationType,
} from './notification.type.js';

@ArgsType()
class NotificationsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True lists only the unread ones.' })
  unreadOnly?: boolean | null;
}

registerNodeType('Notification', async (ctx, id) => {
  if (!ctx.viewer.personId) return null;
  const notification = await ctx.loaders.byId(NotificationSchema).load(id);
  if (!notification || notification.recipient !== ctx.viewer.personId) return null;
  if (notification.commitment && !(await visibleCommitmentLoader(ctx).load(notification.commitment))) return null;
  if (notification.meeting && !(await visibleMeetingLoader(ctx).load(notification.meeting))) return null;
  return notification;
});

@Resolver(() => NotificationType)
export class NotificationResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() notification: Notification): string {
    return toGlobalId('Notification', notification.id);
  }

  @FieldResolver(() => CommitmentType, { nullable: true, description: 'The commitment it is about, if any.' })
  async commitment(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Commitment | null> {
    return notification.commitment ? visibleCommitmentLoader(ctx).load(notification.commitment) : null;
  }

  @FieldResolver(() => MeetingType, { nullable: true, description: 'The meeting it is about, if any.' })
  async meeting(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Meeting | null> {
    return notification.meeting ? visibleMeetingLoader(ctx).load(notification.meeting) : null;
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'Who did what it tells of (null: the system).' })
  async actor(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Person | null> {
    return notification.actor ? personWithOrganizationLoader(ctx).load(notification.actor) : null;
  }

  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  notifications(@Args(() => NotificationsArgs) args: NotificationsArgs, @Ctx() ctx: Context) {
    return listNotifications(ctx, args.unreadOnly ?? false, args);
  }

  @Mutation(() => MarkNotificationsReadPayload, { description: 'Marks some or all of your notifications read.' })
  async markNotificationsRead(
    @Arg('input', () => MarkNotificationsReadInput) input: MarkNotificationsReadInput,
    @Ctx() ctx: Context,
  ) {
    const ids = decode((d) => {
      if (!input.all && !input.ids?.length)
        d.problems.add('ids', 'give the ids to mark read, or all: true', 'REQUIRED');
      return d.ids(input.ids ?? [], 'Notification', 'ids');
    });
    return { unreadCount: await markNotificationsRead(ctx, { ids, all: input.all ?? false }) };
  }
}

async function follow(ctx: Context, input: FollowCommitmentInput, following: boolean) {
  const id = decode((d) => d.id(input.commitmentId, 'Commitment', 'commitmentId'));
  await setFollowing(ctx, id, following, (commitmentId) => visibleCommitmentLoader(ctx).load(commitmentId));
  followersLoader(ctx).clear(id);
  return { commitment: await visibleCommitmentLoader(ctx).load(id) };
}

@Resolver(() => CommitmentType)
export class CommitmentFollowResolver {
  @FieldResolver(() => Boolean, {
    description:
      'Whether you follow it: as its assignee, a focal point of its lead organisation, its creator, or by hand.',
  })
  async viewerIsFollowing(@Root() commitment: Commitment, @Ctx() ctx: Context): Promise<boolean> {
    const person = ctx.viewer.personId;
    return person ? (await followersLoader(ctx).load(commitment.id)).includes(person) : false;
  }

  @FieldResolver(() => [PersonType], {
    description: 'Who follows it (the secretariat only; others get an empty list).',
  })
  async followers(@Root() commitment: Commitment, @Ctx() ctx: Context): Promise<Person[]> {
    if (!isStaff(ctx.viewer)) return [];
    const ids = await followersLoader(ctx).load(commitment.id);
    const people = await personWithOrganizationLoader(ctx).loadMany(ids);
    return people.filter((p): p is Person => p !== null && !(p instanceof Error));
  }

  @Mutation(() => FollowCommitmentPayload, { description: 'Follow a commitment: hear of every change to it.' })
  followCommitment(@Arg('input', () => FollowCommitmentInput) input: FollowCommitmentInput, @Ctx() ctx: Context) {
    return follow(ctx, input, true);
  }

  @Mutation(() => FollowCommitmentPayload, {
    description: 'Stop following a commitment, even one you follow by role (assignee, focal point, creator).',
  })
  unfollowCommitment(@Arg('input', () => FollowCommitmentInput) input: FollowCommitmentInput, @Ctx() ctx: Context) {
    return follow(ctx, input, false);
  }
}

@Resolver(() => ViewerType)
export class ViewerNotificationsResolver {
  @FieldResolver(() => Int, { description: 'How many of your notifications are unread.' })
  unreadNotificationCount(@Root() viewer: Viewer, @Ctx() ctx: Context): Promise<number> {
    return unreadNotificationCount({ em: ctx.em, viewer });
  }
}
