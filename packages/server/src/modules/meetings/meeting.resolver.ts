import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { itemSelection, selectionOf } from '../../graphql/selection.js';
import type { Context } from '../../graphql/context.js';
import { decode } from '../../graphql/decode.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import { AgendaItemResolver, MinutesRevisionResolver } from './agenda-item.resolver.js';
import { DecisionResolver } from './decision.resolver.js';
import { MeetingSeriesResolver } from './meeting-series.resolver.js';
import { ParticipationResolver } from './participation.resolver.js';
import { type Organization, OrganizationSchema } from '../organizations/organization.entity.js';
import { OrganizationType } from '../organizations/organization.type.js';
import { type Person, PersonSchema } from '../people/person.entity.js';
import { PersonType } from '../people/person.type.js';
import {
  type AgendaItem,
  type Decision,
  type Meeting,
  type MeetingSeries,
  MeetingSeriesSchema,
  type Participation,
  SEXES,
  type Sex,
} from './meeting.entity.js';
import {
  ApproveMinutesInput,
  ApproveMinutesPayload,
  CancelMeetingInput,
  CancelMeetingPayload,
  CreateMeetingInput,
  CreateMeetingPayload,
  DeleteMeetingInput,
  DeleteMeetingPayload,
  MarkMeetingHeldInput,
  MarkMeetingHeldPayload,
  UpdateMeetingInput,
  UpdateMeetingPayload,
} from './meeting.inputs.js';
import {
  agendaItemsLoader,
  decisionsLoader,
  participationsLoader,
  participationsWithPeopleLoader,
  visibleMeetingLoader,
} from './meeting.loaders.js';
import { createMeeting, deleteMeeting, listMeetings, transitionMeeting, updateMeeting } from './meeting.service.js';
import {
  AgendaItemType,
  DecisionType,
  MeetingConnection,
  MeetingFilter,
  MeetingOrder,
  MeetingSeriesType,
  MeetingType,
  ParticipationType,
  SexCountType,
} from './meeting.type.js';

@ArgsType()
class MeetingsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size from the start (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size from the end (at most 100).' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to end before.' })
  before?: string | null;

  @Field(() => MeetingFilter, { nullable: true, description: 'Which meetings to list.' })
  filter?: MeetingFilter | null;

  @Field(() => MeetingOrder, { nullable: true, description: 'How to sort them (default: STARTS_AT DESC).' })
  orderBy?: MeetingOrder | null;
}

registerNodeType('Meeting', (ctx, id) => visibleMeetingLoader(ctx).load(id));

@Resolver(() => MeetingType)
export class MeetingResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() meeting: Meeting): string {
    return toGlobalId('Meeting', meeting.id);
  }

  @FieldResolver(() => OrganizationType, { description: 'The organisation that organises the meeting.' })
  async organizer(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<Organization> {
    return (await ctx.loaders.byId(OrganizationSchema).load(meeting.organizer))!;
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The person who chairs the meeting.' })
  async chair(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<Person | null> {
    return meeting.chair ? ((await ctx.loaders.byId(PersonSchema).load(meeting.chair)) ?? null) : null;
  }

  @FieldResolver(() => MeetingSeriesType, { nullable: true, description: 'The series this meeting belongs to.' })
  async series(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<MeetingSeries | null> {
    return meeting.series ? ((await ctx.loaders.byId(MeetingSeriesSchema).load(meeting.series)) ?? null) : null;
  }

  @FieldResolver(() => [AgendaItemType], { description: 'The agenda, in order, with the minutes of each item.' })
  agendaItems(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<AgendaItem[]> {
    return agendaItemsLoader(ctx).load(meeting.id);
  }

  @FieldResolver(() => [ParticipationType], { description: 'Who was invited, and who attended.' })
  participations(
    @Root() meeting: Meeting,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Participation[]> {
    // Asked with their people or organisations: all three in one statement.
    const asks = selectionOf(info);
    if (asks.has('person') || asks.has('organization')) return participationsWithPeopleLoader(ctx).load(meeting.id);
    return participationsLoader(ctx).load(meeting.id);
  }

  @FieldResolver(() => [SexCountType], {
    description:
      'How many attended (attendance ATTENDED), by sex: one entry per Sex in order (zeros included), then one with sex null for attendees whose sex was not recorded, if any. Aggregate counts: everyone who may see the meeting sees them.',
  })
  async attendanceBySex(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<{ sex: Sex | null; count: number }[]> {
    const attended = (await participationsLoader(ctx).load(meeting.id)).filter((p) => p.attendance === 'ATTENDED');
    const counts: { sex: Sex | null; count: number }[] = SEXES.map((sex) => ({
      sex,
      count: attended.filter((p) => p.sex === sex).length,
    }));
    const unrecorded = attended.filter((p) => !p.sex).length;
    if (unrecorded > 0) counts.push({ sex: null, count: unrecorded });
    return counts;
  }

  @FieldResolver(() => [DecisionType], { description: 'The decisions taken, in order.' })
  decisions(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<Decision[]> {
    return decisionsLoader(ctx).load(meeting.id);
  }

  @Query(() => MeetingConnection, {
    description: 'Meetings you may see, newest first unless orderBy says otherwise.',
  })
  meetings(@Args(() => MeetingsArgs) args: MeetingsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const filter = decode((d) => d.meetingFilter(args.filter));
    // Asked for with their organisers (the dashboard): those come in the page's statement.
    const onOrganizer = itemSelection(info).has('organizer')
      ? (organizer: Organization) => ctx.loaders.byId(OrganizationSchema).prime(organizer.id, organizer)
      : undefined;
    return listMeetings(ctx, filter, args.orderBy, args, { onOrganizer });
  }

  @Mutation(() => CreateMeetingPayload, { description: 'Plans a meeting (secretariat).' })
  async createMeeting(
    @Arg('input', () => CreateMeetingInput) input: CreateMeetingInput,
    @Ctx() ctx: Context,
  ): Promise<{ meeting: Meeting }> {
    const { organizer, chair, series } = decode((d) => ({
      organizer: d.id(input.organizerId, 'Organization', 'organizerId'),
      chair: d.id(input.chairId, 'Person', 'chairId'),
      series: d.id(input.seriesId, 'MeetingSeries', 'seriesId'),
    }));
    const { organizerId: _o, chairId: _c, seriesId: _s, ...fields } = input;
    return { meeting: await createMeeting(ctx, { ...fields, organizer, chair, series }) };
  }

  @Mutation(() => UpdateMeetingPayload, {
    description: 'Changes a meeting (secretariat); once minutes are approved only visibility and series change.',
  })
  async updateMeeting(
    @Arg('input', () => UpdateMeetingInput) input: UpdateMeetingInput,
    @Ctx() ctx: Context,
  ): Promise<{ meeting: Meeting }> {
    const { id, organizer, chair, series } = decode((d) => ({
      id: d.id(input.id, 'Meeting', 'id'),
      organizer: d.nullableId(input.organizerId, 'Organization', 'organizerId'),
      chair: d.nullableId(input.chairId, 'Person', 'chairId'),
      series: d.nullableId(input.seriesId, 'MeetingSeries', 'seriesId'),
    }));
    const { id: _id, version, organizerId: _o, chairId: _c, seriesId: _s, ...fields } = input;
    return { meeting: await updateMeeting(ctx, id, version, { ...fields, organizer, chair, series }) };
  }

  @Mutation(() => MarkMeetingHeldPayload, { description: 'Records that a PLANNED meeting took place (secretariat).' })
  async markMeetingHeld(
    @Arg('input', () => MarkMeetingHeldInput) input: MarkMeetingHeldInput,
    @Ctx() ctx: Context,
  ): Promise<{ meeting: Meeting }> {
    return { meeting: await transitionMeeting(ctx, decodeMeetingId(input.id), input.version, 'markHeld') };
  }

  @Mutation(() => ApproveMinutesPayload, {
    description: 'Approves the minutes of a HELD meeting, freezing minutes, agenda, decisions and attendance.',
  })
  async approveMinutes(
    @Arg('input', () => ApproveMinutesInput) input: ApproveMinutesInput,
    @Ctx() ctx: Context,
  ): Promise<{ meeting: Meeting }> {
    return { meeting: await transitionMeeting(ctx, decodeMeetingId(input.id), input.version, 'approveMinutes') };
  }

  @Mutation(() => DeleteMeetingPayload, {
    description:
      'Deletes a meeting created by mistake (secretariat): only a PLANNED meeting without minutes, decisions or commitments; anything else is refused (code CANCEL_INSTEAD): cancel it instead. Its agenda and participants go with it; the audit trail stays.',
  })
  async deleteMeeting(
    @Arg('input', () => DeleteMeetingInput) input: DeleteMeetingInput,
    @Ctx() ctx: Context,
  ): Promise<{ deletedMeetingId: string }> {
    const id = decodeMeetingId(input.id);
    await deleteMeeting(ctx, id, input.version);
    return { deletedMeetingId: toGlobalId('Meeting', id) };
  }

  @Mutation(() => CancelMeetingPayload, { description: 'Cancels a PLANNED meeting, with a reason (secretariat).' })
  async cancelMeeting(
    @Arg('input', () => CancelMeetingInput) input: CancelMeetingInput,
    @Ctx() ctx: Context,
  ): Promise<{ meeting: Meeting }> {
    return {
      meeting: await transitionMeeting(ctx, decodeMeetingId(input.id), input.version, 'cancel', input.reason),
    };
  }
}

function decodeMeetingId(globalId: string): string {
  return decode((d) => d.id(globalId, 'Meeting', 'id'));
}

/** Every resolver class of the meetings module, for modules/resolvers.ts. */
export const meetingResolvers = [
  MeetingResolver,
  MeetingSeriesResolver,
  AgendaItemResolver,
  MinutesRevisionResolver,
  ParticipationResolver,
  DecisionResolver,
];
