import type { FragmentType } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Tag } from '../../components/badges.js';
import { Local } from '../../components/text.js';
import { type PlanLinkChipsFragment, PlanLinkChipsFragmentDoc } from '../../graphql/generated.js';

type Objective = PlanLinkChipsFragment['planObjectives'][number];

/** Objectives grouped under their goals, goals and objectives each in their plan order. */
export function chipGroups(objectives: readonly Objective[]): { goal: Objective['goal']; objectives: Objective[] }[] {
  const groups = new Map<string, { goal: Objective['goal']; objectives: Objective[] }>();
  for (const objective of objectives) {
    const group = groups.get(objective.goal.id) ?? { goal: objective.goal, objectives: [] };
    group.objectives.push(objective);
    groups.set(objective.goal.id, group);
  }
  return [...groups.values()]
    .sort((a, b) => a.goal.position - b.goal.position)
    .map((group) => ({ ...group, objectives: group.objectives.sort((a, b) => a.position - b.position) }));
}

/** A commitment's goal and objective chips: each goal once, then the objectives under it. */
export function PlanLinkChips({ commitment }: { commitment: FragmentType<typeof PlanLinkChipsFragmentDoc> }) {
  const { t } = useTranslation();
  const { data, complete } = useFragment({
    fragment: PlanLinkChipsFragmentDoc,
    fragmentName: 'PlanLinkChips',
    from: commitment,
  });
  if (!complete || data.planObjectives.length === 0) return null;
  return (
    <Group gap={6} data-testid="plan-chips">
      {chipGroups(data.planObjectives).map(({ goal, objectives }) => (
        <Group key={goal.id} gap={4} wrap="wrap">
          <Tag tone="grape" data-testid="plan-goal-chip">
            {t('plan.goal', { number: goal.position })}: <Local en={goal.title} km={goal.titleKm} />
          </Tag>
          {objectives.map((objective) => (
            <Tag key={objective.id} tone="cyan" data-testid="plan-objective-chip">
              {objective.code} <Local en={objective.title} km={objective.titleKm} />
            </Tag>
          ))}
        </Group>
      ))}
    </Group>
  );
}
