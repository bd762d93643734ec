import { describe, expect, it } from 'vitest';
import { chipGroups } from './plan-link-chips.js';

const goal = (id: string, position: number) => ({
  __typename: 'PlanGoal' as const,
  id,
  position,
  title: id,
  titleKm: null,
});
const objective = (id: string, position: number, of: ReturnType<typeof goal>) => ({
  __typename: 'PlanObjective' as const,
  id,
  code: id,
  title: null,
  titleKm: null,
  position,
  goal: of,
});

describe('chipGroups', () => {
  it('names each goal once, goals and their objectives in plan order', () => {
    const first = goal('g1', 1);
    const second = goal('g2', 2);
    const groups = chipGroups([objective('2.2', 2, second), objective('1.1', 1, first), objective('2.1', 1, second)]);
    expect(groups.map((g) => [g.goal.id, g.objectives.map((o) => o.id)])).toEqual([
      ['g1', ['1.1']],
      ['g2', ['2.1', '2.2']],
    ]);
  });
});
