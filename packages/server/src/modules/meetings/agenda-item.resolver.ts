import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { decode } from '../../graphql/decode.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import { checkIdempotencyKey } from '../idempotency/idempotency.service.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { type Person, PersonSchema } from '../people/person.entity.js';
import { PersonType } from '../people/person.type.js';
import {
  addAgendaItem,
  removeAgendaItem,
  reorderAgendaItems,
  reviseMinutes,
  updateAgendaItem,
} from './agenda.service.js';
import {
  type AgendaItem,
  AgendaItemSchema,
  type Meeting,
  MeetingSchema,
  type MinutesRevision,
} from './meeting.entity.js';
import {
  AddAgendaItemInput,
  AddAgendaItemPayload,
  RemoveAgendaItemInput,
  RemoveAgendaItemPayload,
  ReorderAgendaItemsInput,
  ReorderAgendaItemsPayload,
  ReviseMinutesInput,
  ReviseMinutesPayload,
  UpdateAgendaItemInput,
  UpdateAgendaItemPayload,
} from './meeting.inputs.js';
import { revisionsLoader, visibleMeetingLoader } from './meeting.loaders.js';
import { AgendaItemType, MeetingType, MinutesRevisionType } from './meeting.type.js';

// An agenda item is visible exactly when its meeting is.
registerNodeType('AgendaItem', async (ctx, id) => {
  const item = await ctx.loaders.byId(AgendaItemSchema).load(id);
  if (!item) return null;
  return (await visibleMeetingLoader(ctx).load(item.meeting)) ? item : null;
});

@Resolver(() => AgendaItemType)
export class AgendaItemResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() item: AgendaItem): string {
    return toGlobalId('AgendaItem', item.id);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The person who presents this item.' })
  async presenter(@Root() item: AgendaItem, @Ctx() ctx: Context): Promise<Person | null> {
    return item.presenter ? ((await ctx.loaders.byId(PersonSchema).load(item.presenter)) ?? null) : null;
  }

  @FieldResolver(() => MeetingType, { description: 'The meeting this item belongs to.' })
  async meeting(@Root() item: AgendaItem, @Ctx() ctx: Context): Promise<Meeting> {
    return (await ctx.loaders.byId(MeetingSchema).load(item.meeting))!;
  }

  @FieldResolver(() => [MinutesRevisionType], {
    description: 'Recorded corrections of the approved minutes of this item, oldest first.',
  })
  revisions(@Root() item: AgendaItem, @Ctx() ctx: Context): Promise<MinutesRevision[]> {
    return revisionsLoader(ctx).load(item.id);
  }

  @Mutation(() => AddAgendaItemPayload, { description: 'Adds an item to the agenda of a meeting (secretariat).' })
  async addAgendaItem(@Arg('input', () => AddAgendaItemInput) input: AddAgendaItemInput, @Ctx() ctx: Context) {
    const { meeting, presenter } = decode((d) => ({
      meeting: d.id(input.meetingId, 'Meeting', 'meetingId'),
      presenter: d.id(input.presenterId, 'Person', 'presenterId'),
    }));
    return addAgendaItem(ctx, {
      meeting,
      presenter,
      title: input.title,
      titleKm: input.titleKm,
      position: input.position,
    });
  }

  @Mutation(() => UpdateAgendaItemPayload, {
    description: 'Changes an agenda item or saves its minutes (secretariat); approved minutes need reviseMinutes.',
  })
  async updateAgendaItem(
    @Arg('input', () => UpdateAgendaItemInput) input: UpdateAgendaItemInput,
    @Ctx() ctx: Context,
  ): Promise<{ agendaItem: AgendaItem }> {
    const { id, presenter, idempotencyKey } = decode((d) => ({
      id: d.id(input.id, 'AgendaItem', 'id'),
      presenter: d.nullableId(input.presenterId, 'Person', 'presenterId'),
      idempotencyKey: checkIdempotencyKey(d.problems, input.idempotencyKey),
    }));
    const { id: _id, version, presenterId: _p, idempotencyKey: _k, ...fields } = input;
    return { agendaItem: await updateAgendaItem(ctx, id, version, { ...fields, presenter }, { idempotencyKey }) };
  }

  @Mutation(() => ReorderAgendaItemsPayload, { description: 'Puts the agenda in a new order (secretariat).' })
  async reorderAgendaItems(
    @Arg('input', () => ReorderAgendaItemsInput) input: ReorderAgendaItemsInput,
    @Ctx() ctx: Context,
  ): Promise<{ meeting: Meeting }> {
    const { meeting, ids } = decode((d) => ({
      meeting: d.id(input.meetingId, 'Meeting', 'meetingId'),
      ids: d.ids(input.agendaItemIds, 'AgendaItem', 'agendaItemIds'),
    }));
    return { meeting: await reorderAgendaItems(ctx, meeting, ids) };
  }

  @Mutation(() => RemoveAgendaItemPayload, { description: 'Removes an item from an agenda (secretariat).' })
  async removeAgendaItem(
    @Arg('input', () => RemoveAgendaItemInput) input: RemoveAgendaItemInput,
    @Ctx() ctx: Context,
  ): Promise<{ meeting: Meeting }> {
    const id = decode((d) => d.id(input.id, 'AgendaItem', 'id'));
    return { meeting: await removeAgendaItem(ctx, id) };
  }

  @Mutation(() => ReviseMinutesPayload, {
    description: 'Corrects approved minutes; the earlier text is kept with who, when and why (secretariat).',
  })
  async reviseMinutes(@Arg('input', () => ReviseMinutesInput) input: ReviseMinutesInput, @Ctx() ctx: Context) {
    const id = decode((d) => d.id(input.agendaItemId, 'AgendaItem', 'agendaItemId'));
    return reviseMinutes(ctx, id, input.version, {
      minutes: input.minutes,
      minutesKm: input.minutesKm,
      reason: input.reason,
    });
  }
}

@Resolver(() => MinutesRevisionType)
export class MinutesRevisionResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'Who made the correction.' })
  async revisedBy(@Root() revision: MinutesRevision, @Ctx() ctx: Context): Promise<Person | null> {
    return revision.createdBy ? ((await ctx.loaders.byId(PersonSchema).load(revision.createdBy)) ?? null) : null;
  }

  @FieldResolver(() => DateTimeScalar, { description: 'When the correction was made.' })
  at(@Root() revision: MinutesRevision): Date {
    return revision.createdAt;
  }
}
