import { useQuery } from '@apollo/client/react';
import { Anchor, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SectionCard } from '../components/page.js';
import { EmptyState, QueryStates } from '../components/states.js';
import { CompletionScale } from '../features/commitments/completion-scale.js';
import { highCompletionShare, sumGroups } from '../features/commitments/due-dates.js';
import { useDigits } from '../features/plans/digits.js';
import { PublicMeetingList } from '../features/public/public-commitment-list.js';
import { PublicHeading } from '../features/public/public-layout.js';
import { GcmObjectiveChart, PlanGoalChart } from '../features/stats/stats-chart.js';
import { PublicOverviewDocument } from '../graphql/generated.js';

/** /public: how the PUBLIC commitments progress, by plan goal and by GCM objective, on the OGP completion scale. */
export function PublicOverviewPage() {
  const { t } = useTranslation();
  const digits = useDigits();
  const { data, loading, error, refetch } = useQuery(PublicOverviewDocument);
  const whole = data ? sumGroups(data.byStatus) : null;
  const share = whole ? highCompletionShare(whole) : null;

  return (
    <>
      <PublicHeading title={t('public.overview.title')} intro={t('public.overview.intro')} />
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data && whole && share ? (
        <Stack gap="lg">
          {whole.total === 0 ? (
            <EmptyState title={t('public.overview.empty')} description={t('public.overview.emptyHint')} />
          ) : (
            <SectionCard
              headerGap="xs"
              title={t('public.overview.completion')}
              action={
                <Anchor component={Link} to="/public/commitments" size="sm">
                  {t('public.overview.seeCommitments', { count: whole.total, total: digits(whole.total) })}
                </Anchor>
              }
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
                <div data-testid="public-high-completion">
                  <Text fw={700} size="xl">
                    {share.percent === null ? '—' : `${digits(share.percent)}%`}
                  </Text>
                  <Text size="sm">
                    {t('public.overview.highCompletion', {
                      count: share.count,
                      number: digits(share.count),
                      of: digits(share.of),
                    })}
                  </Text>
                </div>
                <CompletionScale />
              </SimpleGrid>
            </SectionCard>
          )}
          {whole.total > 0 ? (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <SectionCard headerGap="xs" title={t('public.overview.byPlanGoal')}>
                <PlanGoalChart caption={t('public.overview.byPlanGoal')} groups={data.byPlanGoal} />
              </SectionCard>
              <SectionCard headerGap="xs" title={t('public.overview.byGcmObjective')}>
                <GcmObjectiveChart caption={t('public.overview.byGcmObjective')} groups={data.byGcmObjective} />
              </SectionCard>
            </SimpleGrid>
          ) : null}
          <SectionCard
            headerGap="xs"
            title={t('public.overview.recentMeetings')}
            action={
              <Anchor component={Link} to="/public/meetings" size="sm">
                {t('public.overview.allMeetings')}
              </Anchor>
            }
          >
            {data.recentMeetings.nodes.length === 0 ? (
              <EmptyState title={t('public.meetings.empty')} description={t('public.meetings.emptyHint')} />
            ) : (
              <PublicMeetingList meetings={data.recentMeetings.nodes} />
            )}
          </SectionCard>
        </Stack>
      ) : null}
    </>
  );
}
