import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { requireWriteScope } from '../auth/permissions.js';
import { NotFoundError, Problems, UnauthenticatedError } from '../errors.js';
import type { Context } from '../graphql/context.js';
import { decodeId, fromGlobalId } from '../graphql/global-id.js';
import { loadVisibleNode } from '../graphql/node.js';
import { personWithOrganizationLoader, visibleCommitmentLoader } from '../modules/commitments/commitment.loaders.js';
import type { Commitment } from '../modules/commitments/commitment.entity.js';
import { CommitmentType } from '../modules/commitments/commitment.type.js';
import { type AgendaItem, AgendaItemSchema, type Meeting } from '../modules/meetings/meeting.entity.js';
import { visibleMeetingLoader } from '../modules/meetings/meeting.loaders.js';
import { AgendaItemType, MeetingType } from '../modules/meetings/meeting.type.js';
import type { Notification } from '../modules/notifications/notification.entity.js';
import { NotificationType } from '../modules/notifications/notification.type.js';
import type { Person } from '../modules/people/person.entity.js';
import { PersonType } from '../modules/people/person.type.js';
import { LiveStream, liveOf, type LiveRuntime } from './live.context.js';
import type { MeetingEventPayload, PresenceValue } from './live.hub.js';
import {
  MeetingEventType,
  PresenceEntryType,
  SetMeetingPresenceInput,
  SetMeetingPresencePayload,
} from './live.type.js';

type Data = SubscribeResolverData<unknown, { id?: string }, Context>;

function runtimeOf(context: Context): LiveRuntime {
  const runtime = liveOf(context);
  // Subscriptions only exist over the WebSocket, where every context has its runtime.
  if (!runtime) throw new Error('Subscriptions are served over WebSocket (graphql-transport-ws) at /graphql');
  return runtime;
}

/** The meeting of a subscription's `id`: refused exactly like a missing one when the viewer may not see it. */
async function visibleMeetingOrRefuse(context: Context, globalId: string | undefined): Promise<string> {
  const id = fromGlobalId(globalId ?? '', 'Meeting', 'id');
  if (!(await visibleMeetingLoader(context).load(id))) throw new NotFoundError('Meeting', id);
  return id;
}

async function meetingEvents({ args, context }: Data): Promise<AsyncIterable<MeetingEventPayload>> {
  const runtime = runtimeOf(context);
  const id = await visibleMeetingOrRefuse(context, args.id);
  return new LiveStream<MeetingEventPayload>(runtime, [`meeting:${id}`], context, async (payload, ctx) =>
    (await visibleMeetingLoader(ctx).load(id)) ? (payload as MeetingEventPayload) : undefined,
  );
}

async function commitmentEvents({ args, context }: Data): Promise<AsyncIterable<Commitment>> {
  const runtime = runtimeOf(context);
  const id = fromGlobalId(args.id ?? '', 'Commitment', 'id');
  if (!(await visibleCommitmentLoader(context).load(id))) throw new NotFoundError('Commitment', id);
  return new LiveStream<Commitment>(
    runtime,
    [`commitment:${id}`],
    context,
    async (_payload, ctx) => (await visibleCommitmentLoader(ctx).load(id)) ?? undefined,
  );
}

async function notificationEvents({ context }: Data): Promise<AsyncIterable<Notification>> {
  const runtime = runtimeOf(context);
  const person = context.viewer.personId;
  if (!person) throw new UnauthenticatedError();
  return new LiveStream<Notification>(runtime, [`person:${person}`], context, async (payload, ctx) => {
    const { notificationId } = payload as { notificationId: string };
    return ((await loadVisibleNode(ctx, 'Notification', notificationId)) as Notification | null) ?? undefined;
  });
}

async function presenceEvents({ args, context }: Data): Promise<AsyncIterable<PresenceValue[]>> {
  const runtime = runtimeOf(context);
  const id = await visibleMeetingOrRefuse(context, args.id);
  const leave = runtime.hub.joinPresence(id, context.viewer);
  return new LiveStream<PresenceValue[]>(
    runtime,
    [`presence:${id}`],
    context,
    async (_payload, ctx) => ((await visibleMeetingLoader(ctx).load(id)) ? runtime.hub.presenceOf(id) : undefined),
    { initial: undefined, onEnd: leave },
  );
}

@Resolver(() => MeetingEventType)
export class MeetingEventResolver {
  @FieldResolver(() => MeetingType, { description: 'The meeting, as you may see it now.' })
  async meeting(@Root() event: MeetingEventPayload, @Ctx() ctx: Context): Promise<Meeting> {
    const meeting = await visibleMeetingLoader(ctx).load(event.meetingId);
    if (!meeting) throw new NotFoundError('Meeting');
    return meeting;
  }

  @FieldResolver(() => AgendaItemType, {
    nullable: true,
    description: 'The agenda item that changed (null for other changes, or when it was removed).',
  })
  async agendaItem(@Root() event: MeetingEventPayload, @Ctx() ctx: Context): Promise<AgendaItem | null> {
    return event.agendaItemId ? ((await ctx.loaders.byId(AgendaItemSchema).load(event.agendaItemId)) ?? null) : null;
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'Who made the change (null: the system).' })
  async actor(@Root() event: MeetingEventPayload, @Ctx() ctx: Context): Promise<Person | null> {
    return event.actorId ? personWithOrganizationLoader(ctx).load(event.actorId) : null;
  }
}

@Resolver(() => PresenceEntryType)
export class PresenceEntryResolver {
  @FieldResolver(() => PersonType, { description: 'Who it is.' })
  async person(@Root() entry: PresenceValue, @Ctx() ctx: Context): Promise<Person | null> {
    return personWithOrganizationLoader(ctx).load(entry.personId);
  }

  @FieldResolver(() => AgendaItemType, { nullable: true, description: 'The agenda item they edit now, if any.' })
  async agendaItem(@Root() entry: PresenceValue, @Ctx() ctx: Context): Promise<AgendaItem | null> {
    return entry.agendaItemId ? ((await ctx.loaders.byId(AgendaItemSchema).load(entry.agendaItemId)) ?? null) : null;
  }
}

@Resolver()
export class LiveResolver {
  @Subscription(() => MeetingEventType, {
    subscribe: meetingEvents,
    description:
      'Every change to a meeting you may see (agenda, minutes, attendance, decisions, commitments created, status). ' +
      'A meeting you may not see is refused with NOT_FOUND, like one that does not exist.',
  })
  meetingChanged(
    @Arg('id', () => ID, { description: 'The meeting.' }) _id: string,
    @Root() event: MeetingEventPayload,
  ): MeetingEventPayload {
    return event;
  }

  @Subscription(() => CommitmentType, {
    subscribe: commitmentEvents,
    description: 'The commitment each time it changes (status, progress, due date, fields), as you may see it.',
  })
  commitmentChanged(
    @Arg('id', () => ID, { description: 'The commitment.' }) _id: string,
    @Root() commitment: Commitment,
  ): Commitment {
    return commitment;
  }

  @Subscription(() => NotificationType, {
    subscribe: notificationEvents,
    description: 'Each new notification of yours (signed-in people only).',
  })
  notificationAdded(@Root() notification: Notification): Notification {
    return notification;
  }

  @Subscription(() => [PresenceEntryType], {
    subscribe: presenceEvents,
    description:
      'Who has the meeting page open and which item each edits: the whole list at once, then again at each change. ' +
      'Subscribing puts you on the list (signed-in people); closing the subscription or the socket takes you off.',
  })
  meetingPresence(
    @Arg('id', () => ID, { description: 'The meeting.' }) _id: string,
    @Root() entries: PresenceValue[],
  ): PresenceValue[] {
    return entries;
  }

  @Mutation(() => SetMeetingPresencePayload, {
    description:
      'Tells the others on a meeting page which agenda item you edit now (null: none). Not recorded: presence ' +
      'lasts as long as your meetingPresence subscription.',
  })
  async setMeetingPresence(
    @Arg('input', () => SetMeetingPresenceInput) input: SetMeetingPresenceInput,
    @Ctx() ctx: Context,
  ): Promise<{ meeting: Meeting; agendaItem: AgendaItem | null }> {
    if (!ctx.viewer.personId) throw new UnauthenticatedError();
    requireWriteScope(ctx.viewer);
    const problems = new Problems();
    const meetingId = decodeId(input.meetingId, 'Meeting', 'meetingId', problems);
    const agendaItemId = decodeId(input.agendaItemId, 'AgendaItem', 'agendaItemId', problems);
    problems.throwIfAny();
    const meeting = await visibleMeetingLoader(ctx).load(meetingId!);
    if (!meeting) throw new NotFoundError('Meeting', meetingId);
    const agendaItem = agendaItemId ? await ctx.loaders.byId(AgendaItemSchema).load(agendaItemId) : null;
    if (agendaItemId && agendaItem?.meeting !== meeting.id) {
      problems.add('agendaItemId', 'is not an item of this meeting', 'NOT_FOUND_REFERENCE');
      problems.throwIfAny();
    }
    await liveOf(ctx)?.hub.setEditing(meeting.id, ctx.viewer, agendaItemId ?? null);
    return { meeting, agendaItem: agendaItem ?? null };
  }
}

/** The resolvers of live events (modules/resolvers.ts lists them). */
export const liveResolvers = [LiveResolver, MeetingEventResolver, PresenceEntryResolver] as const;
