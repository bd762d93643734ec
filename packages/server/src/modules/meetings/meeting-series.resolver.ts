import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireReader } from '../../auth/permissions.js';
import type { Page } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import { type Meeting, type MeetingSeries, MeetingSeriesSchema } from './meeting.entity.js';
import { CreateMeetingSeriesInput, CreateMeetingSeriesPayload } from './meeting.inputs.js';
import { seriesMeetingsLoader } from './meeting.loaders.js';
import { createMeetingSeries, listMeetingSeries } from './meeting.service.js';
import { MeetingConnection, MeetingSeriesConnection, MeetingSeriesType } from './meeting.type.js';

@ArgsType()
class ForwardPageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;
}

registerNodeType('MeetingSeries', async (ctx, id) => {
  requireReader(ctx.viewer, ctx.config.publicRead);
  return ctx.loaders.byId(MeetingSeriesSchema).load(id);
});

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

  @Query(() => MeetingSeriesConnection, { description: 'Series of recurring meetings, by title.' })
  meetingSeries(@Args(() => ForwardPageArgs) args: ForwardPageArgs, @Ctx() ctx: Context) {
    return listMeetingSeries(ctx, args);
  }

  @Mutation(() => CreateMeetingSeriesPayload, { description: 'Starts a series of recurring meetings (secretariat).' })
  async createMeetingSeries(
    @Arg('input', () => CreateMeetingSeriesInput) input: CreateMeetingSeriesInput,
    @Ctx() ctx: Context,
  ): Promise<{ series: MeetingSeries }> {
    return { series: await createMeetingSeries(ctx, input) };
  }
}
