import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireReader } from '../../auth/permissions.js';
import type { Page } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { type Decoder, decode } from '../../graphql/decode.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import type { Commitment } from '../commitments/commitment.entity.js';
import { CommitmentType } from '../commitments/commitment.type.js';
import { type Organization, OrganizationSchema } from '../organizations/organization.entity.js';
import { OrganizationType } from '../organizations/organization.type.js';
import { nextFromCadence } from './cadence.js';
import { type Meeting, type MeetingSeries, MeetingSeriesSchema } from './meeting.entity.js';
import {
  CreateMeetingSeriesInput,
  CreateMeetingSeriesPayload,
  ScheduleNextMeetingInput,
  ScheduleNextMeetingPayload,
  UpdateMeetingSeriesInput,
  UpdateMeetingSeriesPayload,
} from './meeting.inputs.js';
import { seriesMeetingsLoader } from './meeting.loaders.js';
import { createMeetingSeries, updateMeetingSeries } from './meeting.service.js';
import { MeetingConnection, MeetingSeriesConnection, MeetingSeriesType, MeetingType } from './meeting.type.js';
import {
  listMeetingSeries,
  mattersArising,
  previousInSeries,
  scheduleNextMeeting,
  seriesPreviousAndNext,
} from './series.service.js';

@ArgsType()
class ForwardPageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;
}

@ArgsType()
class MeetingSeriesArgs extends ForwardPageArgs {
  @Field(() => String, { nullable: true, description: 'Text in the title (English or Khmer).' })
  search?: string | null;
}

registerNodeType('MeetingSeries', async (ctx, id) => {
  requireReader(ctx.viewer, ctx.config.publicRead);
  return ctx.loaders.byId(MeetingSeriesSchema).load(id);
});

/** The latest started, next and last meeting of each series the viewer may see, batched. */
const previousAndNextLoader = (ctx: Context) =>
  ctx.loaders.custom<string, { previous?: Meeting; next?: Meeting; last?: Meeting }>(
    'series:previous-next',
    async (ids) => {
      const found = await seriesPreviousAndNext(ctx.em, ctx.viewer, ctx.config.publicRead, ids);
      return ids.map((id) => found.get(id) ?? {});
    },
  );

function decodeSeriesFields(input: CreateMeetingSeriesInput, d: Decoder) {
  const { organizerId, ...fields } = input;
  return { ...fields, organizer: d.nullableId(organizerId, 'Organization', 'organizerId') };
}

@Resolver(() => MeetingSeriesType)
export class MeetingSeriesResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() series: MeetingSeries): string {
    return toGlobalId('MeetingSeries', series.id);
  }

  @FieldResolver(() => MeetingConnection, { description: 'The meetings of this series you may see, newest first.' })
  meetings(
    @Root() series: MeetingSeries,
    @Args(() => ForwardPageArgs) args: ForwardPageArgs,
    @Ctx() ctx: Context,
  ): Promise<Page<Meeting>> {
    return seriesMeetingsLoader(ctx, args).load(series.id);
  }

  @FieldResolver(() => OrganizationType, { nullable: true, description: 'The organisation that convenes it.' })
  async organizer(@Root() series: MeetingSeries, @Ctx() ctx: Context): Promise<Organization | null> {
    return series.organizer ? ((await ctx.loaders.byId(OrganizationSchema).load(series.organizer)) ?? null) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'How often it meets: an RFC 5545 RRULE such as FREQ=MONTHLY;INTERVAL=3 (quarterly).',
  })
  cadence(@Root() series: MeetingSeries): string | null {
    return series.cadence ?? null;
  }

  @FieldResolver(() => MeetingType, { nullable: true, description: 'Its latest meeting that has started.' })
  async previous(@Root() series: MeetingSeries, @Ctx() ctx: Context): Promise<Meeting | null> {
    return (await previousAndNextLoader(ctx).load(series.id)).previous ?? null;
  }

  @FieldResolver(() => MeetingType, { nullable: true, description: 'Its next meeting to come, if one is planned.' })
  async next(@Root() series: MeetingSeries, @Ctx() ctx: Context): Promise<Meeting | null> {
    return (await previousAndNextLoader(ctx).load(series.id)).next ?? null;
  }

  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description: 'When its next meeting would fall by the cadence, after its latest meeting (null without a cadence).',
  })
  async suggestedNextStartsAt(@Root() series: MeetingSeries, @Ctx() ctx: Context): Promise<Date | null> {
    const last = (await previousAndNextLoader(ctx).load(series.id)).last;
    return last ? (nextFromCadence(series.cadence, last.startsAt) ?? null) : null;
  }

  @Query(() => MeetingSeriesConnection, { description: 'Series of recurring meetings, by title.' })
  meetingSeries(@Args(() => MeetingSeriesArgs) args: MeetingSeriesArgs, @Ctx() ctx: Context) {
    return listMeetingSeries(ctx, args.search, args);
  }

  @Mutation(() => CreateMeetingSeriesPayload, { description: 'Starts a series of recurring meetings (secretariat).' })
  async createMeetingSeries(
    @Arg('input', () => CreateMeetingSeriesInput) input: CreateMeetingSeriesInput,
    @Ctx() ctx: Context,
  ): Promise<{ series: MeetingSeries }> {
    const fields = decode((d) => decodeSeriesFields(input, d));
    return { series: await createMeetingSeries(ctx, fields) };
  }

  @Mutation(() => UpdateMeetingSeriesPayload, {
    description: 'Changes a series: title, organiser, cadence (secretariat).',
  })
  async updateMeetingSeries(
    @Arg('input', () => UpdateMeetingSeriesInput) input: UpdateMeetingSeriesInput,
    @Ctx() ctx: Context,
  ): Promise<{ series: MeetingSeries }> {
    const { id: globalId, ...rest } = input;
    const { id, fields } = decode((d) => ({
      id: d.id(globalId, 'MeetingSeries', 'id'),
      fields: decodeSeriesFields(rest, d),
    }));
    return { series: await updateMeetingSeries(ctx, id, fields) };
  }

  @Mutation(() => ScheduleNextMeetingPayload, {
    description:
      'Plans the next meeting of a series: its participants invited again (unless copyParticipants is false), and a first agenda item for the matters arising (secretariat).',
  })
  async scheduleNextMeeting(
    @Arg('input', () => ScheduleNextMeetingInput) input: ScheduleNextMeetingInput,
    @Ctx() ctx: Context,
  ): Promise<{ meeting: Meeting }> {
    const series = decode((d) => d.id(input.seriesId, 'MeetingSeries', 'seriesId'));
    return {
      meeting: await scheduleNextMeeting(ctx, {
        series,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        location: input.location,
        copyParticipants: input.copyParticipants,
      }),
    };
  }
}

/** Each meeting's previous meeting in its series, batched. */
const previousInSeriesLoader = (ctx: Context) =>
  ctx.loaders.custom<string, Meeting | null>('series:previous-in-series', async (ids) => {
    const found = await previousInSeries(ctx.em, ctx.viewer, ctx.config.publicRead, ids);
    return ids.map((id) => found.get(id) ?? null);
  });

/** Each meeting's matters arising, batched: one statement for a page of meetings. */
const mattersArisingLoader = (ctx: Context) =>
  ctx.loaders.custom<string, Commitment[]>('series:matters-arising', async (ids) => {
    const found = await mattersArising(ctx.em, ctx.viewer, ctx.config.publicRead, ids);
    return ids.map((id) => found.get(id) ?? []);
  });

@Resolver(() => MeetingType)
export class MeetingInSeriesResolver {
  @FieldResolver(() => MeetingType, {
    nullable: true,
    description: 'The meeting of the same series before this one (cancelled ones skipped); null when none.',
  })
  previousInSeries(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<Meeting | null> {
    return meeting.series ? previousInSeriesLoader(ctx).load(meeting.id) : Promise.resolve(null);
  }

  @FieldResolver(() => [CommitmentType], {
    description:
      'The commitments from earlier meetings of its series still open — when the meeting was held, or now before that — overdue first: what the meeting reviews.',
  })
  mattersArising(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<Commitment[]> {
    return meeting.series ? mattersArisingLoader(ctx).load(meeting.id) : Promise.resolve([]);
  }
}
