import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireReader } from '../../auth/permissions.js';
import type { Context } from '../../graphql/context.js';
import { decode } from '../../graphql/decode.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { registerNodeType } from '../../graphql/node.js';
import {
  type GcmObjective,
  type Plan,
  type PlanGoal,
  PlanGoalSchema,
  type PlanObjective,
  PlanObjectiveSchema,
  PlanSchema,
} from './plan.entity.js';
import { loadGcmObjectives } from './plan.loaders.js';
import {
  addPlanGoal,
  addPlanObjective,
  createPlan,
  listGcmObjectives,
  listPlans,
  removePlanGoal,
  removePlanObjective,
  reorderPlanGoals,
  reorderPlanObjectives,
  updateGcmObjective,
  updatePlan,
  updatePlanGoal,
  updatePlanObjective,
} from './plan.service.js';
import {
  AddPlanGoalInput,
  AddPlanGoalPayload,
  AddPlanObjectiveInput,
  AddPlanObjectivePayload,
  CreatePlanInput,
  CreatePlanPayload,
  GcmObjectiveType,
  PlanConnection,
  PlanGoalType,
  PlanObjectiveType,
  PlanType,
  RemovePlanGoalInput,
  RemovePlanGoalPayload,
  RemovePlanObjectiveInput,
  RemovePlanObjectivePayload,
  ReorderPlanGoalsInput,
  ReorderPlanGoalsPayload,
  ReorderPlanObjectivesInput,
  ReorderPlanObjectivesPayload,
  UpdateGcmObjectiveInput,
  UpdateGcmObjectivePayload,
  UpdatePlanGoalInput,
  UpdatePlanGoalPayload,
  UpdatePlanInput,
  UpdatePlanPayload,
  UpdatePlanObjectiveInput,
  UpdatePlanObjectivePayload,
} from './plan.type.js';

@ArgsType()
class PlansArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (at most 100; default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to start after.' })
  after?: string | null;
}

// Plans are reference documents: anyone who may read at all may read them.
registerNodeType('Plan', async (ctx, id) => {
  requireReader(ctx.viewer, ctx.config.publicRead);
  return ctx.loaders.byId(PlanSchema).load(id);
});
registerNodeType('PlanGoal', async (ctx, id) => {
  requireReader(ctx.viewer, ctx.config.publicRead);
  return ctx.loaders.byId(PlanGoalSchema).load(id);
});
registerNodeType('PlanObjective', async (ctx, id) => {
  requireReader(ctx.viewer, ctx.config.publicRead);
  return ctx.loaders.byId(PlanObjectiveSchema).load(id);
});

const goalsOf = (ctx: Context) => ctx.loaders.childrenOf(PlanGoalSchema, 'plan', { position: 'asc', createdAt: 'asc' });
const objectivesOf = (ctx: Context) =>
  ctx.loaders.childrenOf(PlanObjectiveSchema, 'goal', { position: 'asc', createdAt: 'asc' });

@Resolver(() => PlanType)
export class PlanResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() plan: Plan): string {
    return toGlobalId('Plan', plan.id);
  }

  @FieldResolver(() => [PlanGoalType], { description: 'The goals of the plan, in order.' })
  goals(@Root() plan: Plan, @Ctx() ctx: Context): Promise<PlanGoal[]> {
    return goalsOf(ctx).load(plan.id);
  }

  @Query(() => PlanConnection, { description: 'National plans, the most recent period first.' })
  plans(@Args(() => PlansArgs) args: PlansArgs, @Ctx() ctx: Context) {
    return listPlans(ctx, args);
  }

  @Query(() => [GcmObjectiveType], { description: 'The 23 objectives of the Global Compact for Migration, by number.' })
  gcmObjectives(@Ctx() ctx: Context): Promise<GcmObjective[]> {
    return listGcmObjectives(ctx);
  }

  @Mutation(() => CreatePlanPayload, { description: 'Adds a plan (secretariat).' })
  async createPlan(
    @Arg('input', () => CreatePlanInput) input: CreatePlanInput,
    @Ctx() ctx: Context,
  ): Promise<{ plan: Plan }> {
    return { plan: await createPlan(ctx, input) };
  }

  @Mutation(() => UpdatePlanPayload, { description: 'Changes a plan (secretariat).' })
  async updatePlan(
    @Arg('input', () => UpdatePlanInput) input: UpdatePlanInput,
    @Ctx() ctx: Context,
  ): Promise<{ plan: Plan }> {
    const id = decode((d) => d.id(input.id, 'Plan', 'id'));
    const { id: _id, ...fields } = input;
    return { plan: await updatePlan(ctx, id, fields) };
  }

  @Mutation(() => AddPlanGoalPayload, { description: 'Adds a goal to a plan (secretariat).' })
  async addPlanGoal(
    @Arg('input', () => AddPlanGoalInput) input: AddPlanGoalInput,
    @Ctx() ctx: Context,
  ): Promise<{ goal: PlanGoal }> {
    const planId = decode((d) => d.id(input.planId, 'Plan', 'planId'));
    const { planId: _p, ...fields } = input;
    return { goal: await addPlanGoal(ctx, planId, fields) };
  }

  @Mutation(() => AddPlanObjectivePayload, { description: 'Adds an objective under a plan goal (secretariat).' })
  async addPlanObjective(
    @Arg('input', () => AddPlanObjectiveInput) input: AddPlanObjectiveInput,
    @Ctx() ctx: Context,
  ): Promise<{ objective: PlanObjective }> {
    const goalId = decode((d) => d.id(input.goalId, 'PlanGoal', 'goalId'));
    const { goalId: _g, ...fields } = input;
    return { objective: await addPlanObjective(ctx, goalId, fields) };
  }

  @Mutation(() => UpdatePlanObjectivePayload, { description: 'Changes a plan objective (secretariat).' })
  async updatePlanObjective(
    @Arg('input', () => UpdatePlanObjectiveInput) input: UpdatePlanObjectiveInput,
    @Ctx() ctx: Context,
  ): Promise<{ objective: PlanObjective }> {
    const id = decode((d) => d.id(input.id, 'PlanObjective', 'id'));
    const { id: _id, ...fields } = input;
    return { objective: await updatePlanObjective(ctx, id, fields) };
  }

  @Mutation(() => UpdatePlanGoalPayload, { description: 'Changes the title of a plan goal (secretariat).' })
  async updatePlanGoal(
    @Arg('input', () => UpdatePlanGoalInput) input: UpdatePlanGoalInput,
    @Ctx() ctx: Context,
  ): Promise<{ goal: PlanGoal }> {
    const id = decode((d) => d.id(input.id, 'PlanGoal', 'id'));
    return { goal: await updatePlanGoal(ctx, id, { title: input.title, titleKm: input.titleKm }) };
  }

  @Mutation(() => RemovePlanGoalPayload, {
    description: 'Removes a plan goal without objectives (secretariat); otherwise refused with code IN_USE.',
  })
  async removePlanGoal(
    @Arg('input', () => RemovePlanGoalInput) input: RemovePlanGoalInput,
    @Ctx() ctx: Context,
  ): Promise<{ plan: Plan }> {
    const id = decode((d) => d.id(input.id, 'PlanGoal', 'id'));
    return { plan: await removePlanGoal(ctx, id) };
  }

  @Mutation(() => RemovePlanObjectivePayload, {
    description:
      'Removes a plan objective no commitment is linked to (secretariat); otherwise refused with code IN_USE.',
  })
  async removePlanObjective(
    @Arg('input', () => RemovePlanObjectiveInput) input: RemovePlanObjectiveInput,
    @Ctx() ctx: Context,
  ): Promise<{ goal: PlanGoal }> {
    const id = decode((d) => d.id(input.id, 'PlanObjective', 'id'));
    return { goal: await removePlanObjective(ctx, id) };
  }

  @Mutation(() => ReorderPlanGoalsPayload, { description: 'Puts the goals of a plan in a new order (secretariat).' })
  async reorderPlanGoals(
    @Arg('input', () => ReorderPlanGoalsInput) input: ReorderPlanGoalsInput,
    @Ctx() ctx: Context,
  ): Promise<{ plan: Plan }> {
    const { planId, goalIds } = decode((d) => ({
      planId: d.id(input.planId, 'Plan', 'planId'),
      goalIds: d.ids(input.goalIds, 'PlanGoal', 'goalIds'),
    }));
    return { plan: await reorderPlanGoals(ctx, planId, goalIds) };
  }

  @Mutation(() => ReorderPlanObjectivesPayload, {
    description: 'Puts the objectives of a plan goal in a new order (secretariat).',
  })
  async reorderPlanObjectives(
    @Arg('input', () => ReorderPlanObjectivesInput) input: ReorderPlanObjectivesInput,
    @Ctx() ctx: Context,
  ): Promise<{ goal: PlanGoal }> {
    const { goalId, objectiveIds } = decode((d) => ({
      goalId: d.id(input.goalId, 'PlanGoal', 'goalId'),
      objectiveIds: d.ids(input.objectiveIds, 'PlanObjective', 'objectiveIds'),
    }));
    return { goal: await reorderPlanObjectives(ctx, goalId, objectiveIds) };
  }

  @Mutation(() => UpdateGcmObjectivePayload, {
    description: 'Sets the Khmer title of a GCM objective (secretariat; for translators).',
  })
  async updateGcmObjective(
    @Arg('input', () => UpdateGcmObjectiveInput) input: UpdateGcmObjectiveInput,
    @Ctx() ctx: Context,
  ): Promise<{ gcmObjective: GcmObjective }> {
    return { gcmObjective: await updateGcmObjective(ctx, input.number, { titleKm: input.titleKm }) };
  }
}

@Resolver(() => PlanGoalType)
export class PlanGoalResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() goal: PlanGoal): string {
    return toGlobalId('PlanGoal', goal.id);
  }

  @FieldResolver(() => PlanType, { description: 'The plan this goal belongs to.' })
  async plan(@Root() goal: PlanGoal, @Ctx() ctx: Context): Promise<Plan> {
    return (await ctx.loaders.byId(PlanSchema).load(goal.plan))!;
  }

  @FieldResolver(() => [PlanObjectiveType], { description: 'The objectives under this goal, in order.' })
  objectives(@Root() goal: PlanGoal, @Ctx() ctx: Context): Promise<PlanObjective[]> {
    return objectivesOf(ctx).load(goal.id);
  }
}

@Resolver(() => PlanObjectiveType)
export class PlanObjectiveResolver {
  @FieldResolver(() => ID, { description: 'Globally unique, opaque id.' })
  id(@Root() objective: PlanObjective): string {
    return toGlobalId('PlanObjective', objective.id);
  }

  @FieldResolver(() => PlanGoalType, { description: 'The goal this objective belongs to.' })
  async goal(@Root() objective: PlanObjective, @Ctx() ctx: Context): Promise<PlanGoal> {
    return (await ctx.loaders.byId(PlanGoalSchema).load(objective.goal))!;
  }

  @FieldResolver(() => [GcmObjectiveType], { description: 'The GCM objectives this objective serves, by number.' })
  gcmObjectives(@Root() objective: PlanObjective, @Ctx() ctx: Context): Promise<GcmObjective[]> {
    return loadGcmObjectives(ctx.loaders, ctx.em, objective.gcmObjectives);
  }
}
