import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { decode } from '../../graphql/decode.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import { checkIdempotencyKey } from '../idempotency/idempotency.service.js';
import { recordDecision, removeDecision, updateDecision } from './decision.service.js';
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
  RemoveDecisionInput,
  RemoveDecisionPayload,
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
    const { meeting, agendaItem, idempotencyKey } = decode((d) => ({
      meeting: d.id(input.meetingId, 'Meeting', 'meetingId'),
      agendaItem: d.id(input.agendaItemId, 'AgendaItem', 'agendaItemId'),
      idempotencyKey: checkIdempotencyKey(d.problems, input.idempotencyKey),
    }));
    return {
      decision: await recordDecision(
        ctx,
        { meeting, agendaItem, text: input.text, textKm: input.textKm },
        { idempotencyKey },
      ),
    };
  }

  @Mutation(() => RemoveDecisionPayload, {
    description:
      'Removes a decision recorded by mistake (secretariat); refused once commitments follow from it (code IN_USE) or the minutes are approved (INVALID_STATE). Later decisions move up.',
  })
  async removeDecision(
    @Arg('input', () => RemoveDecisionInput) input: RemoveDecisionInput,
    @Ctx() ctx: Context,
  ): Promise<{ meeting: Meeting }> {
    const id = decode((d) => d.id(input.id, 'Decision', 'id'));
    return { meeting: await removeDecision(ctx, id) };
  }

  @Mutation(() => UpdateDecisionPayload, {
    description:
      'Changes a decision (secretariat) until the minutes are approved (INVALID_STATE). Once a commitment follows from it, it can still move to another agenda item but no longer be reworded (IN_USE).',
  })
  async updateDecision(
    @Arg('input', () => UpdateDecisionInput) input: UpdateDecisionInput,
    @Ctx() ctx: Context,
  ): Promise<{ decision: Decision }> {
    const { id, agendaItem } = decode((d) => ({
      id: d.id(input.id, 'Decision', 'id'),
      agendaItem: d.nullableId(input.agendaItemId, 'AgendaItem', 'agendaItemId'),
    }));
    return { decision: await updateDecision(ctx, id, { agendaItem, text: input.text, textKm: input.textKm }) };
  }
}
