import { useQuery } from '@apollo/client/react';
import { Accordion, Anchor, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Tag } from '../components/badges.js';
import { PageHeader } from '../components/page.js';
import { EmptyState, ErrorState, LoadingState } from '../components/states.js';
import { DateText, Local } from '../components/text.js';
import { PlanPageDocument } from '../graphql/generated.js';

/** The national plan: goals, their objectives, the GCM objectives each serves, and progress per goal. */
export function PlanPage() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(PlanPageDocument);
  const stats = new Map((data?.byPlanGoal ?? []).map((g) => [g.key, g]));

  return (
    <>
      <PageHeader title={t('plan.title')} />
      {loading && !data ? <LoadingState /> : null}
      {error && !data ? <ErrorState error={error} onRetry={() => void refetch()} /> : null}
      {data && data.plans.nodes.length === 0 ? <EmptyState title={t('plan.empty')} /> : null}
      {data?.plans.nodes.map((plan) => (
        <Stack key={plan.id} gap="md" mb="xl" component="section" aria-label={plan.title ?? plan.titleKm ?? ''}>
          <div>
            <Text fw={600} size="lg">
              <Local en={plan.title} km={plan.titleKm} />
            </Text>
            <Text size="sm" c="dimmed">
              <DateText value={plan.periodStart} /> – <DateText value={plan.periodEnd} />
            </Text>
          </div>
          <Accordion multiple variant="separated" defaultValue={plan.goals.map((g) => g.id)}>
            {[...plan.goals]
              .sort((a, b) => a.position - b.position)
              .map((goal) => {
                const goalStats = stats.get(goal.id);
                return (
                  <Accordion.Item key={goal.id} value={goal.id}>
                    <Accordion.Control>
                      <Group justify="space-between" wrap="nowrap" pr="md">
                        <Text fw={600}>
                          {t('plan.goal', { number: goal.position })}: <Local en={goal.title} km={goal.titleKm} />
                        </Text>
                        {goalStats ? (
                          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                            {t('dashboard.groupSummary', {
                              total: goalStats.total,
                              progress: Math.round(goalStats.averageProgress),
                              overdue: goalStats.overdue,
                            })}
                          </Text>
                        ) : null}
                      </Group>
                    </Accordion.Control>
                    <Accordion.Panel>
                      {goalStats ? (
                        <Progress
                          value={goalStats.averageProgress}
                          mb="md"
                          aria-label={t('commitments.progressLabel', {
                            progress: Math.round(goalStats.averageProgress),
                          })}
                        />
                      ) : null}
                      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                        {goal.objectives.map((objective) => (
                          <li key={objective.id}>
                            <Text size="sm">
                              <strong>{objective.code}</strong> <Local en={objective.title} km={objective.titleKm} />
                            </Text>
                            <Group gap={4} mt={4}>
                              {objective.gcmObjectives.map((g) => (
                                <Tag key={g.number} tone="cyan">
                                  {t('gcm.short', { number: g.number })}
                                </Tag>
                              ))}
                              <Anchor
                                component={Link}
                                size="xs"
                                to={`/commitments?planObjective=${encodeURIComponent(objective.id)}`}
                              >
                                {t('plan.commitments')}
                              </Anchor>
                            </Group>
                          </li>
                        ))}
                      </Stack>
                    </Accordion.Panel>
                  </Accordion.Item>
                );
              })}
          </Accordion>
        </Stack>
      ))}
    </>
  );
}
