import { useFragment, useMutation, useQuery } from '@apollo/client/react';
import { Accordion, ActionIcon, Anchor, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Tag } from '../components/badges.js';
import { PageHeader } from '../components/page.js';
import { EmptyState, ErrorState, LoadingState, MutationError, QueryStates } from '../components/states.js';
import { DateText, Local, useLocalText } from '../components/text.js';
import { CommitmentList } from '../features/commitments/commitment-list.js';
import { useDigits } from '../features/plans/digits.js';
import { GoalFormModal, ObjectiveFormModal, PlanFormModal } from '../features/plans/plan-forms.js';
import { isStaff, useViewer } from '../features/session/session.js';
import {
  type PlanFieldsFragment,
  type PlanObjectiveFieldsFragment,
  PlanObjectiveFieldsFragmentDoc,
  PlanObjectiveProgressFragmentDoc,
  PlanObjectiveCommitmentsDocument,
  type PlanPageQuery,
  PlanPageDocument,
  RemovePlanGoalDocument,
  RemovePlanObjectiveDocument,
  ReorderPlanGoalsDocument,
  ReorderPlanObjectivesDocument,
  type StatsGroupFieldsFragment,
} from '../graphql/generated.js';

type PagePlan = PlanPageQuery['plans']['nodes'][number];
type PageGoal = PagePlan['goals'][number];
type PageObjective = PageGoal['objectives'][number];

/** The list with the item at `index` moved one place up (-1) or down (+1). */
function moved<T>(items: readonly T[], index: number, step: -1 | 1): T[] {
  const next = [...items];
  const [item] = next.splice(index, 1);
  next.splice(index + step, 0, item);
  return next;
}

type Editing =
  | { kind: 'plan'; plan: PlanFieldsFragment | null }
  | { kind: 'goal'; plan: PlanFieldsFragment; goal: PageGoal | null }
  | { kind: 'objective'; goalId: string; objective: PlanObjectiveFieldsFragment | null }
  | null;

/**
 * The national plan: goals in order, their objectives with the GCM objectives each serves, and each objective's
 * commitments and progress. The secretariat creates and edits plans, goals and objectives here.
 */
export function PlanPage() {
  const { t } = useTranslation();
  const staff = isStaff(useViewer());
  const digits = useDigits();
  const { data, loading, error, refetch } = useQuery(PlanPageDocument);
  const [editing, setEditing] = useState<Editing>(null);
  const stats = new Map((data?.byPlanGoal ?? []).map((g) => [g.key, g]));
  const unlinked = stats.get('UNLINKED');
  const close = () => setEditing(null);

  return (
    <>
      <PageHeader
        title={t('plan.title')}
        actions={
          staff ? (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setEditing({ kind: 'plan', plan: null })}
              data-testid="new-plan"
            >
              {t('plan.newPlan')}
            </Button>
          ) : undefined
        }
      />
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data && data.plans.nodes.length === 0 ? (
        <EmptyState title={t('plan.empty')} description={staff ? t('plan.emptyStaff') : undefined} />
      ) : null}
      {unlinked && unlinked.total > 0 ? (
        <Text size="sm" mb="md" data-testid="plan-unlinked">
          {t('plan.unlinkedSummary', { number: digits(unlinked.total) })}{' '}
          <Anchor component={Link} to="/commitments" underline="always">
            {t('plan.unlinkedLink')}
          </Anchor>
        </Text>
      ) : null}
      {data?.plans.nodes.map((plan) => (
        <PlanSection
          key={plan.id}
          plan={plan}
          stats={stats}
          staff={staff}
          onEditPlan={() => setEditing({ kind: 'plan', plan })}
          onEditGoal={(goal) => setEditing({ kind: 'goal', plan, goal })}
          onEditObjective={(goalId, objective) => setEditing({ kind: 'objective', goalId, objective })}
        />
      ))}
      <PlanFormModal
        opened={editing?.kind === 'plan'}
        plan={editing?.kind === 'plan' ? editing.plan : null}
        onClose={close}
      />
      {editing?.kind === 'goal' ? (
        <GoalFormModal opened plan={editing.plan} goal={editing.goal} onClose={close} />
      ) : null}
      {editing?.kind === 'objective' ? (
        <ObjectiveFormModal
          opened
          goalId={editing.goalId}
          objective={editing.objective}
          gcmChoices={data?.gcmObjectives ?? []}
          onClose={close}
        />
      ) : null}
    </>
  );
}

function PlanSection({
  plan,
  stats,
  staff,
  onEditPlan,
  onEditGoal,
  onEditObjective,
}: {
  plan: PagePlan;
  stats: Map<string, StatsGroupFieldsFragment>;
  staff: boolean;
  onEditPlan: () => void;
  onEditGoal: (goal: PageGoal | null) => void;
  onEditObjective: (goalId: string, objective: PlanObjectiveFieldsFragment | null) => void;
}) {
  const { t } = useTranslation();
  const local = useLocalText();
  const digits = useDigits();
  const goals = [...plan.goals].sort((a, b) => a.position - b.position);
  const [reorder, reordering] = useMutation(ReorderPlanGoalsDocument);
  const [remove, removing] = useMutation(RemovePlanGoalDocument, { refetchQueries: [PlanPageDocument] });
  const error = reordering.error ?? removing.error;
  const move = (index: number, step: -1 | 1) =>
    void reorder({
      variables: { input: { planId: plan.id, goalIds: moved(goals, index, step).map((g) => g.id) } },
    }).catch(() => undefined);
  const removeGoal = (goal: PageGoal) => {
    if (!window.confirm(t('plan.confirmRemoveGoal', { title: local(goal.title, goal.titleKm) }))) return;
    void remove({ variables: { input: { id: goal.id } } }).catch(() => undefined);
  };
  return (
    <Stack gap="md" mb="xl" component="section" aria-label={local(plan.title, plan.titleKm)} data-testid="plan">
      <Group justify="space-between" align="flex-start">
        <div>
          <Text fw={600} size="lg" component="h2" m={0}>
            <Local en={plan.title} km={plan.titleKm} />
          </Text>
          <Text size="sm" c="dimmed">
            <DateText value={plan.periodStart} /> – <DateText value={plan.periodEnd} />
          </Text>
        </div>
        {staff ? (
          <Group gap="xs">
            <Button size="xs" variant="default" leftSection={<IconEdit size={14} aria-hidden />} onClick={onEditPlan}>
              {t('plan.editPlan')}
            </Button>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => onEditGoal(null)}
              data-testid="add-goal"
            >
              {t('plan.addGoal')}
            </Button>
          </Group>
        ) : null}
      </Group>
      {error ? <MutationError error={error} /> : null}
      {goals.length === 0 ? <EmptyState title={t('plan.noGoals')} /> : null}
      <Accordion multiple variant="separated" defaultValue={goals.map((g) => g.id)}>
        {goals.map((goal, index) => {
          const goalStats = stats.get(goal.id);
          const goalName = t('plan.goal', { number: digits(goal.position) });
          return (
            <Accordion.Item key={goal.id} value={goal.id} data-testid="plan-goal" data-goal-id={goal.id}>
              <Accordion.Control>
                <Group justify="space-between" wrap="wrap" pr="md" gap="xs">
                  <Text fw={600} component="h3" m={0} size="md">
                    {goalName}: <Local en={goal.title} km={goal.titleKm} />
                  </Text>
                  {goalStats ? (
                    <Text size="xs" c="dimmed">
                      {t('plan.summary', {
                        total: digits(goalStats.total),
                        progress: digits(Math.round(goalStats.averageProgress)),
                      })}
                    </Text>
                  ) : null}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                {staff ? (
                  <Group gap="xs" mb="sm">
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconEdit size={12} aria-hidden />}
                      onClick={() => onEditGoal(goal)}
                    >
                      {t('plan.editGoal')}
                    </Button>
                    <OrderButtons
                      label={goalName}
                      first={index === 0}
                      last={index === goals.length - 1}
                      busy={reordering.loading}
                      onMove={(step) => move(index, step)}
                    />
                    {goal.objectives.length === 0 ? (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        leftSection={<IconTrash size={12} aria-hidden />}
                        onClick={() => removeGoal(goal)}
                      >
                        {t('plan.removeGoal')}
                      </Button>
                    ) : null}
                  </Group>
                ) : null}
                {goalStats ? (
                  <Progress
                    value={goalStats.averageProgress}
                    mb="md"
                    aria-label={t('commitments.progressLabel', { progress: Math.round(goalStats.averageProgress) })}
                  />
                ) : null}
                <GoalObjectives goal={goal} staff={staff} onEditObjective={onEditObjective} />
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
    </Stack>
  );
}

/** Move up / move down, named after what they move for screen readers. */
function OrderButtons({
  label,
  first,
  last,
  busy,
  onMove,
}: {
  label: string;
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove: (step: -1 | 1) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={2}>
      <ActionIcon
        variant="subtle"
        size="sm"
        disabled={first || busy}
        onClick={() => onMove(-1)}
        aria-label={t('plan.moveUp', { name: label })}
      >
        <IconArrowUp size={14} aria-hidden />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        size="sm"
        disabled={last || busy}
        onClick={() => onMove(1)}
        aria-label={t('plan.moveDown', { name: label })}
      >
        <IconArrowDown size={14} aria-hidden />
      </ActionIcon>
    </Group>
  );
}

/** A goal's objectives in order, each with its commitments; the secretariat orders, edits and removes them. */
function GoalObjectives({
  goal,
  staff,
  onEditObjective,
}: {
  goal: PageGoal;
  staff: boolean;
  onEditObjective: (goalId: string, objective: PlanObjectiveFieldsFragment | null) => void;
}) {
  const { t } = useTranslation();
  const [reorder, reordering] = useMutation(ReorderPlanObjectivesDocument);
  const [remove, removing] = useMutation(RemovePlanObjectiveDocument, { refetchQueries: [PlanPageDocument] });
  const error = reordering.error ?? removing.error;
  const objectives = goal.objectives;
  return (
    <>
      {error ? <MutationError error={error} /> : null}
      {objectives.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('plan.noObjectives')}
        </Text>
      ) : null}
      <Stack gap="lg" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {objectives.map((objective, index) => (
          <li key={objective.id} data-testid="plan-objective">
            <ObjectiveItem
              objective={objective}
              staff={staff}
              onEdit={(fields) => onEditObjective(goal.id, fields)}
              order={(code) =>
                staff ? (
                  <OrderButtons
                    label={code}
                    first={index === 0}
                    last={index === objectives.length - 1}
                    busy={reordering.loading}
                    onMove={(step) =>
                      void reorder({
                        variables: {
                          input: { goalId: goal.id, objectiveIds: moved(objectives, index, step).map((o) => o.id) },
                        },
                      }).catch(() => undefined)
                    }
                  />
                ) : null
              }
              onRemove={(code) => {
                if (!window.confirm(t('plan.confirmRemoveObjective', { code }))) return;
                void remove({ variables: { input: { id: objective.id } } }).catch(() => undefined);
              }}
            />
          </li>
        ))}
      </Stack>
      {staff ? (
        <Button
          mt="md"
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => onEditObjective(goal.id, null)}
          data-testid="add-objective"
        >
          {t('plan.addObjective')}
        </Button>
      ) : null}
    </>
  );
}

/**
 * One objective: its GCM objectives, how many commitments serve it and their average progress, and their list. It
 * reads the objective through its two fragments; `order` and `onRemove` are given its code, `onEdit` its fields.
 */
function ObjectiveItem({
  objective: reference,
  staff,
  onEdit,
  onRemove,
  order,
}: {
  objective: PageObjective;
  staff: boolean;
  onEdit: (objective: PlanObjectiveFieldsFragment) => void;
  onRemove: (code: string) => void;
  order: (code: string) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const digits = useDigits();
  const [open, setOpen] = useState(false);
  const { data: objective, complete } = useFragment({
    fragment: PlanObjectiveFieldsFragmentDoc,
    fragmentName: 'PlanObjectiveFields',
    from: reference,
  });
  const { data: progress, complete: counted } = useFragment({
    fragment: PlanObjectiveProgressFragmentDoc,
    fragmentName: 'PlanObjectiveProgress',
    from: reference,
  });
  if (!complete || !counted) return null;
  const stats = progress.commitmentStats;
  const total = stats.total;
  const average = Math.round(stats.averageProgress);
  return (
    <Stack gap={6}>
      <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs">
        <Text size="sm" fw={500}>
          <strong>{objective.code}</strong> <Local en={objective.title} km={objective.titleKm} />
        </Text>
        {staff ? (
          <Group gap={4}>
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconEdit size={12} aria-hidden />}
              onClick={() => onEdit(objective)}
            >
              {t('plan.editObjectiveShort')}
            </Button>
            {order(objective.code)}
            {total === 0 ? (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={12} aria-hidden />}
                onClick={() => onRemove(objective.code)}
              >
                {t('plan.removeObjective')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Group>
      <Group gap={4}>
        {objective.gcmObjectives.map((g) => (
          <Tag key={g.number} tone="cyan">
            {t('gcm.short', { number: g.number })}
          </Tag>
        ))}
      </Group>
      <Text size="xs" c="dimmed" data-testid="objective-summary">
        {total === 0
          ? t('plan.objectiveEmpty')
          : t('plan.summary', { total: digits(total), progress: digits(average) })}
      </Text>
      {total > 0 ? (
        <>
          <Progress value={average} size="sm" aria-label={t('commitments.progressLabel', { progress: average })} />
          <Group>
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => setOpen((o) => !o)}
              aria-expanded={open}
              data-testid="objective-commitments-toggle"
            >
              {open ? t('plan.hideCommitments') : t('plan.showCommitments', { total: digits(total) })}
            </Button>
          </Group>
          {open ? <ObjectiveCommitments objectiveId={objective.id} /> : null}
        </>
      ) : null}
    </Stack>
  );
}

/** The commitments that serve an objective, soonest due first, with a link to the full list when there are more. */
function ObjectiveCommitments({ objectiveId }: { objectiveId: string }) {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(PlanObjectiveCommitmentsDocument, {
    variables: { id: objectiveId },
  });
  if (loading && !data) return <LoadingState />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const { nodes, totalCount } = data.commitments;
  return (
    <div data-testid="objective-commitments">
      <CommitmentList commitments={nodes} />
      {totalCount > nodes.length ? (
        <Anchor component={Link} size="xs" to={`/commitments?planObjective=${encodeURIComponent(objectiveId)}`}>
          {t('dashboard.seeAll', { count: totalCount })}
        </Anchor>
      ) : null}
    </div>
  );
}
