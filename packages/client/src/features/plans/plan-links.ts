import type { PlanObjectiveOptionsQuery, Visibility } from '../../graphql/generated.js';

type PlanOption = PlanObjectiveOptionsQuery['plans']['nodes'][number];
type GoalOption = PlanOption['goals'][number];
type ObjectiveOption = GoalOption['objectives'][number];

/** Each goal of each plan (goals in their order) with its objectives: the picker's groups and the chips' order. */
export function objectivesByGoal(
  plans: readonly PlanOption[],
): { plan: PlanOption; goal: GoalOption; objectives: readonly ObjectiveOption[] }[] {
  return plans.flatMap((plan) =>
    [...plan.goals]
      .sort((a, b) => a.position - b.position)
      .map((goal) => ({ plan, goal, objectives: goal.objectives })),
  );
}

const visibilityRank: Record<Visibility, number> = { INTERNAL: 0, PARTNERS: 1, PUBLIC: 2 };

/** Whether a commitment of this visibility would show more than its meeting does (the server refuses that). */
export function aboveMeeting(visibility: Visibility, meetingVisibility: Visibility | null | undefined): boolean {
  return !!meetingVisibility && visibilityRank[visibility] > visibilityRank[meetingVisibility];
}
