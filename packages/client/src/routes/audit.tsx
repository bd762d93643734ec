import { useQuery } from '@apollo/client/react';
import { Button, NativeSelect, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { DateFilter, FilterBar } from '../components/filter-bar.js';
import { PageHeader } from '../components/page.js';
import { Pager, useFilterParams } from '../components/pager.js';
import { EmptyState, QueryStates } from '../components/states.js';
import { AuditTable, auditEntityTypes, useEntityTypeName } from '../features/audit/audit-events.js';
import { isStaff, useViewer } from '../features/session/session.js';
import { AuditEventsDocument } from '../graphql/generated.js';
import { fromWallTime } from '../lib/format.js';

const PAGE_SIZE = 50;

/** A Phnom Penh calendar day as the instant it starts (or, with `end`, the last instant of it). */
function dayBound(day: string | null, end: boolean): string | null {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const start = fromWallTime(`${day}T00:00`);
  if (!start) return null;
  return end ? new Date(new Date(start).getTime() + 86_400_000 - 1).toISOString() : start;
}

/** The audit trail for the secretariat: every recorded change, newest first, filtered by record type and days. */
export function AuditPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const typeName = useEntityTypeName();
  const [params, update] = useFilterParams();
  const entityType = auditEntityTypes.find((type) => type === params.get('type')) ?? null;
  const from = params.get('from');
  const to = params.get('to');
  const { data, loading, error, refetch } = useQuery(AuditEventsDocument, {
    variables: {
      first: PAGE_SIZE,
      after: params.get('after'),
      filter: { entityType, from: dayBound(from, false), to: dayBound(to, true) },
    },
    skip: !isStaff(viewer),
    fetchPolicy: 'cache-and-network',
  });

  if (!isStaff(viewer)) return <Navigate to="/" replace />;

  return (
    <>
      <PageHeader title={t('audit.title')}>
        <Text c="dimmed" size="sm">
          {t('audit.intro')}
        </Text>
      </PageHeader>
      <FilterBar>
        <NativeSelect
          label={t('audit.entityType')}
          value={entityType ?? ''}
          onChange={(e) => update({ type: e.currentTarget.value || null })}
          data={[
            { value: '', label: t('filters.any') },
            ...auditEntityTypes.map((value) => ({ value, label: typeName(value) })),
          ]}
          data-testid="audit-type"
        />
        <DateFilter label={t('audit.from')} param="from" />
        <DateFilter label={t('audit.to')} param="to" />
        {entityType || from || to ? (
          <Button variant="subtle" onClick={() => update({ type: null, from: null, to: null })}>
            {t('audit.clearFilters')}
          </Button>
        ) : null}
      </FilterBar>
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data && data.auditEvents.nodes.length === 0 ? (
        <EmptyState title={t('audit.empty')} description={t('filters.emptyHint')} />
      ) : null}
      {data && data.auditEvents.nodes.length > 0 ? (
        <>
          <AuditTable events={data.auditEvents.nodes} />
          <Pager connection={data.auditEvents} forwardOnly />
        </>
      ) : null}
    </>
  );
}
