import { useQuery } from '@apollo/client/react';
import { MultiSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocalText } from '../../components/text.js';
import { PlanObjectiveOptionsDocument } from '../../graphql/generated.js';
import { objectivesByGoal } from './plan-links.js';

/**
 * Picks the plan objectives a commitment serves: searchable by code and title in either language, grouped by goal
 * (and by plan when there is more than one).
 */
export function PlanObjectivePicker({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const local = useLocalText();
  const { data, error: loadError } = useQuery(PlanObjectiveOptionsDocument);
  const plans = data?.plans.nodes ?? [];
  const groups = objectivesByGoal(plans)
    .filter(({ objectives }) => objectives.length > 0)
    .map(({ plan, goal, objectives }) => {
      const goalLabel = `${t('plan.goal', { number: goal.position })}: ${local(goal.title, goal.titleKm)}`;
      return {
        group: plans.length > 1 ? `${local(plan.title, plan.titleKm)} · ${goalLabel}` : goalLabel,
        items: objectives.map((objective) => ({
          value: objective.id,
          label: `${objective.code} ${local(objective.title, objective.titleKm)}`,
        })),
      };
    });
  // Search also finds an objective by its title in the other language.
  const otherTitles = new Map(
    plans.flatMap((p) =>
      p.goals.flatMap((g) => g.objectives.map((o) => [o.id, `${o.title ?? ''} ${o.titleKm ?? ''}`])),
    ),
  );
  return (
    <MultiSelect
      id={id}
      label={t('plan.picker.label')}
      description={t('plan.picker.hint')}
      placeholder={value.length === 0 ? t('plan.picker.placeholder') : undefined}
      value={value}
      onChange={onChange}
      error={error ?? (loadError ? t('errors.loadFailed') : undefined)}
      data={groups}
      filter={({ options, search }) => {
        const needle = search.trim().toLowerCase();
        if (!needle) return options;
        return options.flatMap((entry) => {
          if (!('group' in entry)) return [];
          const items = entry.items.filter((item) =>
            `${item.label} ${otherTitles.get(item.value) ?? ''}`.toLowerCase().includes(needle),
          );
          return items.length ? [{ ...entry, items }] : [];
        });
      }}
      searchable
      clearable
      hidePickedOptions={false}
      nothingFoundMessage={t('plan.nothingFound')}
      data-testid="plan-objective-picker"
      style={{ gridColumn: '1 / -1' }}
    />
  );
}
