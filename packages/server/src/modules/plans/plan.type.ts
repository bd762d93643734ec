import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../graphql/connection.js';
import { inputFields } from '../../graphql/decode.js';
import { Node } from '../../graphql/node.js';
import { DateScalar } from '../../graphql/scalars.js';

@ObjectType('Plan', {
  implements: Node,
  description: 'A national plan (e.g. for the implementation of the GCM) with its ordered goals.',
})
export class PlanType extends Node {
  @Field(() => String, { nullable: true, description: 'Title in English.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
  titleKm!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'First day of the period the plan covers.' })
  periodStart!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the period the plan covers.' })
  periodEnd!: string | null;
}

@ObjectType('PlanGoal', { implements: Node, description: 'A goal of a plan, e.g. "1. Evidence and data".' })
export class PlanGoalType extends Node {
  @Field(() => Int, { description: 'Order of the goal within its plan (1 first).' })
  position!: number;

  @Field(() => String, { nullable: true, description: 'Title in English.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
  titleKm!: string | null;
}

@ObjectType('PlanObjective', {
  implements: Node,
  description: 'An objective under a plan goal, mapped to the GCM objectives it serves.',
})
export class PlanObjectiveType extends Node {
  @Field(() => String, { description: 'Short code of the objective within its plan, e.g. 1.2.' })
  code!: string;

  @Field(() => Int, { description: 'Order of the objective within its goal (1 first).' })
  position!: number;

  @Field(() => String, { nullable: true, description: 'Title in English.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
  titleKm!: string | null;
}

@ObjectType('GcmObjective', {
  description: 'One of the 23 objectives of the Global Compact for Safe, Orderly and Regular Migration.',
})
export class GcmObjectiveType {
  @Field(() => Int, { description: 'Number of the objective (1–23).' })
  number!: number;

  @Field(() => String, { description: 'Official title in English.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Title in Khmer; null until a translator fills it in.' })
  titleKm!: string | null;
}

@ObjectType({ description: 'A page of plans.' })
export class PlanConnection extends Connection(PlanType, 'Plan') {}

@InputType({ description: 'A new plan.' })
export class CreatePlanInput {
  @Field(() => String, { nullable: true, description: 'Title in English.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
  titleKm?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'First day of the period the plan covers.' })
  periodStart?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the period (not before periodStart).' })
  periodEnd?: string | null;
}

@InputType({ description: 'Changes to a plan; only the fields given change.' })
export class UpdatePlanInput extends CreatePlanInput {
  @Field(() => ID, { description: 'The plan to change.' })
  id!: string;
}

@InputType({ description: 'A new goal of a plan.' })
export class AddPlanGoalInput {
  @Field(() => ID, { description: 'The plan the goal belongs to.' })
  planId!: string;

  @Field(() => String, { nullable: true, description: 'Title in English.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
  titleKm?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Where to insert it (1 first); later goals move down. Default: after the last goal.',
  })
  position?: number | null;
}

/** The fields of a plan objective that addPlanObjective and updatePlanObjective take. */
const PlanObjectiveFields = inputFields((required) => {
  // Not itself in the schema: only the inputs that extend it are.
  @InputType()
  abstract class Fields {
    @Field(() => String, {
      nullable: !required,
      description: required ? 'Short code, unique within the plan, e.g. 1.2.' : 'Short code, unique within the plan.',
    })
    code!: string;

    @Field(() => String, { nullable: true, description: 'Title in English.' })
    title?: string | null;

    @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
    titleKm?: string | null;

    @Field(() => [Int], {
      nullable: true,
      description: required
        ? 'Numbers (1–23) of the GCM objectives it serves.'
        : 'Numbers (1–23) of the GCM objectives it serves (replaces the list).',
    })
    gcmObjectives?: number[] | null;
  }
  return Fields;
});

@InputType({ description: 'A new objective under a plan goal.' })
export class AddPlanObjectiveInput extends PlanObjectiveFields.Create {
  @Field(() => ID, { description: 'The goal the objective belongs to.' })
  goalId!: string;
}

@InputType({ description: 'Changes to a plan objective; only the fields given change.' })
export class UpdatePlanObjectiveInput extends PlanObjectiveFields.Update {
  @Field(() => ID, { description: 'The objective to change.' })
  id!: string;
}

@InputType({ description: 'A translation of a GCM objective title.' })
export class UpdateGcmObjectiveInput {
  @Field(() => Int, { description: 'Number of the GCM objective (1–23).' })
  number!: number;

  @Field(() => String, { nullable: true, description: 'Title in Khmer; null or empty to clear it.' })
  titleKm?: string | null;
}

@ObjectType({ description: 'The result of createPlan.' })
export class CreatePlanPayload {
  @Field(() => PlanType, { description: 'The new plan.' })
  plan!: PlanType;
}

@ObjectType({ description: 'The result of updatePlan.' })
export class UpdatePlanPayload {
  @Field(() => PlanType, { description: 'The plan as it is now.' })
  plan!: PlanType;
}

@ObjectType({ description: 'The result of addPlanGoal.' })
export class AddPlanGoalPayload {
  @Field(() => PlanGoalType, { description: 'The new goal.' })
  goal!: PlanGoalType;
}

@ObjectType({ description: 'The result of addPlanObjective.' })
export class AddPlanObjectivePayload {
  @Field(() => PlanObjectiveType, { description: 'The new objective.' })
  objective!: PlanObjectiveType;
}

@ObjectType({ description: 'The result of updatePlanObjective.' })
export class UpdatePlanObjectivePayload {
  @Field(() => PlanObjectiveType, { description: 'The objective as it is now.' })
  objective!: PlanObjectiveType;
}

@ObjectType({ description: 'The result of updateGcmObjective.' })
export class UpdateGcmObjectivePayload {
  @Field(() => GcmObjectiveType, { description: 'The GCM objective as it is now.' })
  gcmObjective!: GcmObjectiveType;
}

@InputType({ description: 'Changes to a plan goal; only the fields given change.' })
export class UpdatePlanGoalInput {
  @Field(() => ID, { description: 'The goal to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Title in English.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Title in Khmer.' })
  titleKm?: string | null;
}

@ObjectType({ description: 'The result of updatePlanGoal.' })
export class UpdatePlanGoalPayload {
  @Field(() => PlanGoalType, { description: 'The goal as it is now.' })
  goal!: PlanGoalType;
}

@InputType({ description: 'A plan goal to remove: one without objectives.' })
export class RemovePlanGoalInput {
  @Field(() => ID, { description: 'The goal to remove.' })
  id!: string;
}

@ObjectType({ description: 'The result of removePlanGoal.' })
export class RemovePlanGoalPayload {
  @Field(() => PlanType, { description: 'The plan, with its remaining goals renumbered.' })
  plan!: PlanType;
}

@InputType({ description: 'A plan objective to remove: one no commitment is linked to.' })
export class RemovePlanObjectiveInput {
  @Field(() => ID, { description: 'The objective to remove.' })
  id!: string;
}

@ObjectType({ description: 'The result of removePlanObjective.' })
export class RemovePlanObjectivePayload {
  @Field(() => PlanGoalType, { description: 'The goal, with its remaining objectives renumbered.' })
  goal!: PlanGoalType;
}

@InputType({ description: 'A new order for all the goals of a plan.' })
export class ReorderPlanGoalsInput {
  @Field(() => ID, { description: 'The plan.' })
  planId!: string;

  @Field(() => [ID], { description: 'Every goal of the plan, once each, in the new order.' })
  goalIds!: string[];
}

@ObjectType({ description: 'The result of reorderPlanGoals.' })
export class ReorderPlanGoalsPayload {
  @Field(() => PlanType, { description: 'The plan with its goals in the new order.' })
  plan!: PlanType;
}

@InputType({ description: 'A new order for all the objectives of a plan goal.' })
export class ReorderPlanObjectivesInput {
  @Field(() => ID, { description: 'The goal.' })
  goalId!: string;

  @Field(() => [ID], { description: 'Every objective of the goal, once each, in the new order.' })
  objectiveIds!: string[];
}

@ObjectType({ description: 'The result of reorderPlanObjectives.' })
export class ReorderPlanObjectivesPayload {
  @Field(() => PlanGoalType, { description: 'The goal with its objectives in the new order.' })
  goal!: PlanGoalType;
}
