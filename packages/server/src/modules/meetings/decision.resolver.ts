import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Problems } from '../../errors.js';
import type { Context } from '../../graphql/context.js';
import { decodeId, toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import { recordDecision, updateDecision } from './decision.service.js';
import {
  type AgendaItem,
  AgendaItemSchema,
  type Decision,
  DecisionSchema,
  type Meeting,
  MeetingSchema,
} from './meeting.entity.js';
import {
  RecordDecisionInput,
  RecordDecisionPayload,
  UpdateDecisionInput,
  UpdateDecisionPayload,
} from './meeting.inputs.js';
import { visibleMeetingLoader } from './meeting.loaders.js';
import { AgendaItemType, DecisionType, MeetingType } from './meeting.type.js';

// A decision is visible exactly when its meeting is.
registerNodeType('Decision', async (ctx, id) => {
  const decision = await ctx.loaders.byId(DecisionSchema).load(id);
  if (!decision) return null;
  return (await visibleMeetingLoader(ctx).load(decision.meeting)) ? decision : null;
});

@Resolver(() => DecisionType)
export class DecisionResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() decision: Decision): string {
    return toGlobalId('Decision', decision.id);
  }

  @FieldResolver(() => MeetingType, { description: 'The meeting that took the decision.' })
  async meeting(@Root() decision: Decision, @Ctx() ctx: Context): Promise<Meeting> {
    return (await ctx.loaders.byId(MeetingSchema).load(decision.meeting))!;
  }

  @FieldResolver(() => AgendaItemType, { nullable: true, description: 'The agenda item it was taken under.' })
  async agendaItem(@Root() decision: Decision, @Ctx() ctx: Context): Promise<AgendaItem | null> {
    return decision.agendaItem ? ((await ctx.loaders.byId(AgendaItemSchema).load(decision.agendaItem)) ?? null) : null;
  }

  @Mutation(() => RecordDecisionPayload, { description: 'Records a decision of a meeting (secretariat).' })
  async recordDecision(
    @Arg('input', () => RecordDecisionInput) input: RecordDecisionInput,
    @Ctx() ctx: Context,
  ): Promise<{ decision: Decision }> {
    const problems = new Problems();
    const meeting = decodeId(input.meetingId, 'Meeting', 'meetingId', problems);
    const agendaItem = decodeId(input.agendaItemId, 'AgendaItem', 'agendaItemId', problems);
    problems.throwIfAny();
    return {
      decision: await recordDecision(ctx, { meeting: meeting!, agendaItem, text: input.text, textKm: input.textKm }),
    };
  }

  @Mutation(() => UpdateDecisionPayload, {
    description: 'Changes a decision until the minutes are approved (secretariat).',
  })
  async updateDecision(
    @Arg('input', () => UpdateDecisionInput) input: UpdateDecisionInput,
    @Ctx() ctx: Context,
  ): Promise<{ decision: Decision }> {
    const problems = new Problems();
    const id = decodeId(input.id, 'Decision', 'id', problems);
    const agendaItem =
      input.agendaItemId === null ? null : decodeId(input.agendaItemId, 'AgendaItem', 'agendaItemId', problems);
    problems.throwIfAny();
    return { decision: await updateDecision(ctx, id!, { agendaItem, text: input.text, textKm: input.textKm }) };
  }
}
