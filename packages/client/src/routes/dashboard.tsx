import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MeetingStatusBadge } from '../components/badges.js';
import { PageHeader, SectionCard } from '../components/page.js';
import { EmptyState, QueryStates } from '../components/states.js';
import { DateText, DateTimeText, Local, OrganizationName, PersonName } from '../components/text.js';
import { CommitmentList } from '../features/commitments/commitment-list.js';
import { CompletionScale } from '../features/commitments/completion-scale.js';
import { highCompletionShare, pendingRequest, sumGroups } from '../features/commitments/due-dates.js';
import { useDigits } from '../features/plans/digits.js';
import { UpcomingInvitations } from '../features/invitations/invitation-list.js';
import { isStaff, useViewer } from '../features/session/session.js';
import { GcmObjectiveChart, PlanGoalChart, StatsChart } from '../features/stats/stats-chart.js';
import { DashboardDocument, type DashboardQuery } from '../graphql/generated.js';
import { dayInPhnomPenh } from '../lib/format.js';
import { MeetingLink } from '../features/meetings/meeting-link.js';

export function DashboardPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const staff = isStaff(viewer);
  const organizationId = staff ? null : (viewer.organization?.id ?? null);
  // Meetings from the start of today in Phnom Penh: stable for the day, so the cache is reused.
  const from = useMemo(() => new Date(`${dayInPhnomPenh()}T00:00:00+07:00`).toISOString(), []);
  const personId = viewer.person?.id ?? null;
  const { data, loading, error, refetch } = useQuery(DashboardDocument, {
    variables: { organizationId, from, personId, withAssigned: !!personId, staff },
  });
  const requests = (data?.dueDateRequests?.nodes ?? []).flatMap((commitment) => {
    const change = pendingRequest(commitment.dueDateChanges);
    return change ? [{ commitment, change }] : [];
  });

  const greetingName = viewer.person ? <PersonName person={viewer.person} /> : t(`role.${viewer.role}`);

  return (
    <>
      <PageHeader title={t('dashboard.title')} documentTitle={t('dashboard.title')}>
        <Text c="dimmed">
          {t('dashboard.welcome')} {greetingName}
          {viewer.organization ? (
            <>
              {' · '}
              <OrganizationName organization={viewer.organization} full />
            </>
          ) : null}
        </Text>
      </PageHeader>
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data ? (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <Stack gap="lg">
              <SectionCard
                title={staff ? t('dashboard.openCommitmentsAll') : t('dashboard.openCommitmentsMine')}
                action={
                  <Anchor
                    component={Link}
                    to={
                      organizationId
                        ? `/commitments?organization=${encodeURIComponent(organizationId)}&status=NOT_STARTED,IN_PROGRESS,AT_RISK`
                        : '/commitments?status=NOT_STARTED,IN_PROGRESS,AT_RISK'
                    }
                    size="sm"
                  >
                    {t('dashboard.seeAll', { count: data.openCommitments.totalCount })}
                  </Anchor>
                }
              >
                {data.openCommitments.nodes.length === 0 ? (
                  <EmptyState title={t('dashboard.noOpenCommitments')} />
                ) : (
                  <CommitmentList commitments={data.openCommitments.nodes} />
                )}
              </SectionCard>
              {data.assignedToMe ? (
                <SectionCard
                  title={t('dashboard.assignedToMe')}
                  action={
                    <Anchor component={Link} to="/commitments?mine=1&status=NOT_STARTED,IN_PROGRESS,AT_RISK" size="sm">
                      {t('dashboard.seeAll', { count: data.assignedToMe.totalCount })}
                    </Anchor>
                  }
                >
                  {data.assignedToMe.nodes.length === 0 ? (
                    <EmptyState title={t('dashboard.noneAssigned')} />
                  ) : (
                    <CommitmentList commitments={data.assignedToMe.nodes} />
                  )}
                </SectionCard>
              ) : null}
              {data.dueDateRequests ? (
                <SectionCard
                  title={t('dashboard.dueDateRequests')}
                  action={
                    data.dueDateRequests.totalCount > requests.length ? (
                      <Text size="sm" c="dimmed">
                        {t('pager.showing', { shown: requests.length, total: data.dueDateRequests.totalCount })}
                      </Text>
                    ) : undefined
                  }
                >
                  {requests.length === 0 ? (
                    <EmptyState title={t('dashboard.noDueDateRequests')} />
                  ) : (
                    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                      {requests.map(({ commitment, change }) => (
                        <li key={change.id} data-testid="due-date-request">
                          <Anchor
                            component={Link}
                            to={`/commitments/${encodeURIComponent(commitment.id)}`}
                            size="sm"
                            fw={500}
                          >
                            <Local en={commitment.title} km={commitment.titleKm} />
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            {commitment.reference} · {commitment.leadOrganization.acronym} ·{' '}
                            <PersonName person={change.requestedBy} />, <DateTimeText value={change.at} />
                          </Text>
                          <Text size="sm">
                            <DateText value={change.from} /> → <DateText value={change.to} />
                          </Text>
                        </li>
                      ))}
                    </Stack>
                  )}
                </SectionCard>
              ) : null}
            </Stack>
            <Stack gap="lg">
              {/* Whoever has a person can be invited, and answers here (RSVP). */}
              {personId ? <UpcomingInvitations /> : null}
              <SectionCard
                title={t('dashboard.upcomingMeetings')}
                action={
                  <Anchor component={Link} to="/meetings" size="sm">
                    {t('dashboard.allMeetings')}
                  </Anchor>
                }
              >
                {data.upcomingMeetings.nodes.length === 0 ? (
                  <EmptyState
                    title={t('dashboard.noUpcomingMeetings')}
                    action={
                      staff ? (
                        <Button component={Link} to="/meetings/new" size="xs">
                          {t('meetings.new')}
                        </Button>
                      ) : undefined
                    }
                  />
                ) : (
                  <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                    {data.upcomingMeetings.nodes.map((meeting) => (
                      <li key={meeting.id}>
                        <Group justify="space-between" wrap="nowrap" align="flex-start">
                          <div>
                            <MeetingLink meeting={meeting} fw={500} />
                            <Text size="xs" c="dimmed">
                              <DateTimeText value={meeting.startsAt} />
                              {meeting.location ? ` · ${meeting.location}` : ''}
                            </Text>
                          </div>
                          <MeetingStatusBadge status={meeting.status} />
                        </Group>
                      </li>
                    ))}
                  </Stack>
                )}
              </SectionCard>
              <SectionCard title={t('dashboard.overdueByOrganization')}>
                {data.overdueByOrganization.length === 0 ? (
                  <EmptyState title={t('dashboard.noOverdue')} />
                ) : (
                  <StatsChart
                    caption={t('dashboard.overdueByOrganization')}
                    groups={[...data.overdueByOrganization].sort((a, b) => b.total - a.total)}
                  />
                )}
              </SectionCard>
            </Stack>
          </SimpleGrid>
          <CompletionSection groups={data.byStatus} />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <SectionCard title={t('dashboard.byPlanGoal')}>
              {data.byPlanGoal.length === 0 ? (
                <EmptyState title={t('dashboard.noStats')} />
              ) : (
                <PlanGoalChart caption={t('dashboard.byPlanGoal')} groups={data.byPlanGoal} />
              )}
            </SectionCard>
            <SectionCard title={t('dashboard.byGcmObjective')}>
              {data.byGcmObjective.length === 0 ? (
                <EmptyState title={t('dashboard.noStats')} />
              ) : (
                <GcmObjectiveChart caption={t('dashboard.byGcmObjective')} groups={data.byGcmObjective} />
              )}
            </SectionCard>
          </SimpleGrid>
        </Stack>
      ) : null}
    </>
  );
}

/** How many commitments reached high completion on the OGP IRM scale, with a key to the scale. */
function CompletionSection({ groups }: { groups: DashboardQuery['byStatus'] }) {
  const { t } = useTranslation();
  const digits = useDigits();
  const share = highCompletionShare(sumGroups(groups));
  return (
    <SectionCard title={t('dashboard.completion')}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <div data-testid="high-completion">
          <Text fw={700} size="xl">
            {share.percent === null ? '—' : `${digits(share.percent)}%`}
          </Text>
          <Text size="sm">{t('dashboard.highCompletion', { count: digits(share.count), of: digits(share.of) })}</Text>
          <Text size="xs" c="dimmed" mt={4}>
            {t('dashboard.highCompletionHint')}
          </Text>
        </div>
        <CompletionScale />
      </SimpleGrid>
    </SectionCard>
  );
}
