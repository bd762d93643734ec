import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ListTable } from '../components/list-table.js';
import { MeetingStatusBadge } from '../components/badges.js';
import { PageHeader } from '../components/page.js';
import { Pager } from '../components/pager.js';
import { EmptyState, QueryStates } from '../components/states.js';
import { DateTimeText, Local } from '../components/text.js';
import { OrganizationLabel } from '../features/organizations/organization-label.js';
import { SeriesFormModal, useCadenceLabel } from '../features/series/series-form.js';
import { isStaff, useViewer } from '../features/session/session.js';
import { SeriesListDocument } from '../graphql/generated.js';

/** Recurring meetings (a quarterly working group, a yearly review): how often they meet, the last and the next. */
export function SeriesListPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const navigate = useNavigate();
  const cadenceLabel = useCadenceLabel();
  const [params] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const { data, loading, error, refetch } = useQuery(SeriesListDocument, {
    variables: { first: 50, after: params.get('after') },
  });
  const staff = isStaff(viewer);

  return (
    <>
      <PageHeader
        title={t('series.title')}
        crumbs={[{ label: t('meetings.title'), to: '/meetings' }]}
        actions={
          staff ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('series.new')}
            </Button>
          ) : null
        }
      >
        <Text c="dimmed" size="sm">
          {t('series.intro')}
        </Text>
      </PageHeader>
      {staff ? (
        <SeriesFormModal
          opened={creating}
          onClose={() => setCreating(false)}
          onSaved={(series) => navigate(`/series/${encodeURIComponent(series.id)}`)}
        />
      ) : null}
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data && data.meetingSeries.nodes.length === 0 ? (
        <EmptyState title={t('series.empty')} description={staff ? t('series.emptyHint') : undefined} />
      ) : null}
      {data && data.meetingSeries.nodes.length > 0 ? (
        <>
          <ListTable
            minWidth={760}
            highlightOnHover
            head={
              <>
                <Table.Th>{t('series.fields.title')}</Table.Th>
                <Table.Th>{t('series.fields.organizer')}</Table.Th>
                <Table.Th>{t('series.fields.cadence')}</Table.Th>
                <Table.Th>{t('series.latest')}</Table.Th>
                <Table.Th>{t('series.next')}</Table.Th>
              </>
            }
          >
            {data.meetingSeries.nodes.map((series) => (
              <Table.Tr key={series.id} data-testid="series-row">
                <Table.Td>
                  <Anchor component={Link} to={`/series/${encodeURIComponent(series.id)}`} fw={500}>
                    <Local en={series.title} km={series.titleKm} />
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <OrganizationLabel organization={series.organizer} />
                </Table.Td>
                <Table.Td>{cadenceLabel(series.cadence)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {series.previous ? <DateTimeText value={series.previous.startsAt} /> : '—'}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {series.next ? (
                    <>
                      <DateTimeText value={series.next.startsAt} /> <MeetingStatusBadge status={series.next.status} />
                    </>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
          <Pager connection={data.meetingSeries} forwardOnly />
        </>
      ) : null}
    </>
  );
}
