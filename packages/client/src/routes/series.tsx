import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Card, Grid, Stack, Table, Text, Title } from '@mantine/core';
import { IconCalendarPlus, IconEdit } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ListTable } from '../components/list-table.js';
import { MeetingStatusBadge } from '../components/badges.js';
import { Fact, PageHeader } from '../components/page.js';
import { RecordPageStates } from '../components/states.js';
import { DateTimeText, Local, useLocalText } from '../components/text.js';
import { ScheduleNextModal } from '../features/series/schedule-next.js';
import { OrganizationLabel } from '../features/organizations/organization-label.js';
import { SeriesFormModal, useCadenceLabel } from '../features/series/series-form.js';
import { isStaff, useViewer } from '../features/session/session.js';
import { SeriesPageDocument } from '../graphql/generated.js';
import { MeetingLink } from '../features/meetings/meeting-link.js';

/** One series: how often it meets, its meetings newest first, and (secretariat) scheduling the next one. */
export function SeriesPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const viewer = useViewer();
  const local = useLocalText();
  const cadenceLabel = useCadenceLabel();
  const [dialog, setDialog] = useState<'edit' | 'schedule' | null>(null);
  const { data, loading, error, refetch } = useQuery(SeriesPageDocument, {
    variables: { id },
    // Scheduling a meeting elsewhere adds to the list: show what is cached, then what is new.
    fetchPolicy: 'cache-and-network',
  });
  const series = data?.node?.__typename === 'MeetingSeries' ? data.node : null;

  if (!series) {
    return (
      <RecordPageStates
        query={{ loading, error, data, refetch }}
        notFound={t('series.notFound')}
        back={{ to: '/series', label: t('series.title') }}
      />
    );
  }
  const staff = isStaff(viewer);
  const close = () => setDialog(null);

  return (
    <>
      <PageHeader
        title={<Local en={series.title} km={series.titleKm} />}
        documentTitle={local(series.title, series.titleKm)}
        crumbs={[
          { label: t('meetings.title'), to: '/meetings' },
          { label: t('series.title'), to: '/series' },
        ]}
        actions={
          staff ? (
            <>
              <Button
                variant="default"
                leftSection={<IconEdit size={16} aria-hidden />}
                onClick={() => setDialog('edit')}
                data-testid="edit-series"
              >
                {t('series.edit')}
              </Button>
              <Button
                leftSection={<IconCalendarPlus size={16} aria-hidden />}
                onClick={() => setDialog('schedule')}
                data-testid="schedule-next"
              >
                {t('series.scheduleNext')}
              </Button>
            </>
          ) : null
        }
      />
      {staff ? (
        <>
          <SeriesFormModal series={series} opened={dialog === 'edit'} onClose={close} />
          <ScheduleNextModal series={series} opened={dialog === 'schedule'} onClose={close} />
        </>
      ) : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="series-meetings-heading">
            <Title order={2} size="h4" id="series-meetings-heading" mb="sm">
              {t('series.meetings', { count: series.meetings.totalCount })}
            </Title>
            {series.meetings.nodes.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('series.noMeetings')}
              </Text>
            ) : (
              <ListTable
                minWidth={560}
                highlightOnHover
                striped={false}
                head={
                  <>
                    <Table.Th>{t('meetings.fields.startsAt')}</Table.Th>
                    <Table.Th>{t('meetings.fields.title')}</Table.Th>
                    <Table.Th>{t('meetings.fields.status')}</Table.Th>
                  </>
                }
              >
                {series.meetings.nodes.map((meeting) => (
                  <Table.Tr key={meeting.id} data-testid="series-meeting">
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <DateTimeText value={meeting.startsAt} />
                    </Table.Td>
                    <Table.Td>
                      <MeetingLink meeting={meeting} fw={500} />
                      {meeting.location ? (
                        <Text size="xs" c="dimmed">
                          {meeting.location}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <MeetingStatusBadge status={meeting.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </ListTable>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="series-facts-heading">
            <Title order={2} size="h4" id="series-facts-heading" mb="sm">
              {t('meetings.details')}
            </Title>
            <Stack gap={6}>
              <Fact label={t('series.fields.organizer')}>
                <OrganizationLabel organization={series.organizer} full />
              </Fact>
              <Fact label={t('series.fields.cadence')}>
                <span data-testid="series-cadence">{cadenceLabel(series.cadence)}</span>
              </Fact>
              <Fact label={t('series.latest')}>
                {series.previous ? (
                  <Anchor component={Link} to={`/meetings/${encodeURIComponent(series.previous.id)}`} size="sm">
                    <DateTimeText value={series.previous.startsAt} />
                  </Anchor>
                ) : (
                  '—'
                )}
              </Fact>
              <Fact label={t('series.next')}>
                {series.next ? (
                  <Anchor component={Link} to={`/meetings/${encodeURIComponent(series.next.id)}`} size="sm">
                    <DateTimeText value={series.next.startsAt} />
                  </Anchor>
                ) : (
                  '—'
                )}
              </Fact>
              <Fact label={t('series.suggestedNext')}>
                <DateTimeText value={series.suggestedNextStartsAt} />
              </Fact>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}
