import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Problems } from '../../errors.js';
import type { Context } from '../../graphql/context.js';
import { decodeId, toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
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
    const problems = new Problems();
    const meeting = decodeId(input.meetingId, 'Meeting', 'meetingId', problems);
    const presenter = decodeId(input.presenterId, 'Person', 'presenterId', problems);
    problems.throwIfAny();
    return addAgendaItem(ctx, {
      meeting: meeting!,
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
    const problems = new Problems();
    const id = decodeId(input.id, 'AgendaItem', 'id', problems);
    const presenter =
      input.presenterId === null ? null : decodeId(input.presenterId, 'Person', 'presenterId', problems);
    problems.throwIfAny();
    const { id: _id, version, presenterId: _p, ...fields } = input;
    return { agendaItem: await updateAgendaItem(ctx, id!, version, { ...fields, presenter }) };
  }

  @Mutation(() => ReorderAgendaItemsPayload, { description: 'Puts the agenda in a new order (secretariat).' })
  async reorderAgendaItems(
    @Arg('input', () => ReorderAgendaItemsInput) input: ReorderAgendaItemsInput,
    @Ctx() ctx: Context,
  ): Promise<{ meeting: Meeting }> {
    const problems = new Problems();
    const meeting = decodeId(input.meetingId, 'Meeting', 'meetingId', problems);
    const ids = input.agendaItemIds.map((id, i) => decodeId(id, 'AgendaItem', `agendaItemIds[${i}]`, problems));
    problems.throwIfAny();
    return { meeting: await reorderAgendaItems(ctx, meeting!, ids as string[]) };
  }

  @Mutation(() => RemoveAgendaItemPayload, { description: 'Removes an item from an agenda (secretariat).' })
  async removeAgendaItem(
    @Arg('input', () => RemoveAgendaItemInput) input: RemoveAgendaItemInput,
    @Ctx() ctx: Context,
  ): Promise<{ meeting: Meeting }> {
    const problems = new Problems();
    const id = decodeId(input.id, 'AgendaItem', 'id', problems);
    problems.throwIfAny();
    return { meeting: await removeAgendaItem(ctx, id!) };
  }

  @Mutation(() => ReviseMinutesPayload, {
    description: 'Corrects approved minutes; the earlier text is kept with who, when and why (secretariat).',
  })
  async reviseMinutes(@Arg('input', () => ReviseMinutesInput) input: ReviseMinutesInput, @Ctx() ctx: Context) {
    const problems = new Problems();
    const id = decodeId(input.agendaItemId, 'AgendaItem', 'agendaItemId', problems);
    problems.throwIfAny();
    return reviseMinutes(ctx, id!, input.version, {
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
