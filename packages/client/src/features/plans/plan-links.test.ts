import { describe, expect, it } from 'vitest';
import type { PlanObjectiveOptionsQuery } from '../../graphql/generated.js';
import { aboveMeeting, objectivesByGoal } from './plan-links.js';

type Plan = PlanObjectiveOptionsQuery['plans']['nodes'][number];

const objective = (id: string, code: string) => ({
  __typename: 'PlanObjective' as const,
  id,
  code,
  title: `Objective ${code}`,
  titleKm: null,
});
const plan: Plan = {
  __typename: 'Plan',
  id: 'p1',
  title: 'National plan',
  titleKm: null,
  goals: [
    {
      __typename: 'PlanGoal',
      id: 'g2',
      position: 2,
      title: 'Border',
      titleKm: null,
      objectives: [objective('o3', '2.1')],
    },
    {
      __typename: 'PlanGoal',
      id: 'g1',
      position: 1,
      title: 'Data',
      titleKm: null,
      objectives: [objective('o1', '1.1'), objective('o2', '1.2')],
    },
  ],
};

describe('objectivesByGoal', () => {
  it('groups the objectives by goal, goals in their order whatever order they come in', () => {
    const groups = objectivesByGoal([plan]);
    expect(groups.map((g) => g.goal.id)).toEqual(['g1', 'g2']);
    expect(groups[0].objectives.map((o) => o.code)).toEqual(['1.1', '1.2']);
    expect(groups.every((g) => g.plan.id === 'p1')).toBe(true);
  });
});

describe('aboveMeeting', () => {
  it('flags a commitment shown wider than its meeting, and nothing without a meeting', () => {
    expect(aboveMeeting('PARTNERS', 'INTERNAL')).toBe(true);
    expect(aboveMeeting('PUBLIC', 'INTERNAL')).toBe(true);
    expect(aboveMeeting('PUBLIC', 'PARTNERS')).toBe(true);
    expect(aboveMeeting('PARTNERS', 'PARTNERS')).toBe(false);
    expect(aboveMeeting('INTERNAL', 'PUBLIC')).toBe(false);
    expect(aboveMeeting('PUBLIC', null)).toBe(false);
  });
});
