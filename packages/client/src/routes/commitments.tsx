import { useQuery } from '@apollo/client/react';
import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  Paper,
  Progress,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconDownload, IconLayoutKanban, IconTable, IconTableImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CommitmentStatusBadge, CompletionLevelBadge, commitmentStatuses, OverdueBadge } from '../components/badges.js';
import { PageHeader } from '../components/page.js';
import { Pager, useFilterParams, usePageWindow } from '../components/pager.js';
import { EmptyState, ErrorState, LoadingState } from '../components/states.js';
import { DateText, Local, OrganizationName, PersonName, useLanguage } from '../components/text.js';
import { SlipNote } from '../features/commitments/due-date-history.js';
import { isStaff, useViewer } from '../features/session/session.js';
import {
  type CommitmentFilter,
  type CommitmentOrderField,
  type CommitmentRowFragment,
  CommitmentsDocument,
  type CommitmentStatus,
  OrganizationOptionsDocument,
} from '../graphql/generated.js';
import { formatNumber, formatPercent } from '../lib/format.js';

const PAGE_SIZE = 25;
const sortFields: Record<string, CommitmentOrderField> = {
  due: 'DUE_DATE',
  reference: 'REFERENCE',
  progress: 'PROGRESS',
  updated: 'UPDATED_AT',
};

/** The filter as the URL holds it, so a filtered list can be bookmarked and shared. */
function useCommitmentFilter() {
  const [params, update] = useFilterParams();
  // "Assigned to me" is kept as `mine=1`, so a shared link shows each reader their own.
  const me = useViewer().person?.id ?? null;
  const mine = params.get('mine') === '1' && !!me;
  const status = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is CommitmentStatus => commitmentStatuses.includes(s as CommitmentStatus));
  const filter: CommitmentFilter = {
    status: status.length ? status : null,
    organizationId: params.get('organization') || null,
    overdue: params.get('overdue') === '1' ? true : null,
    dueFrom: params.get('dueFrom') || null,
    dueTo: params.get('dueTo') || null,
    search: params.get('search') || null,
    planObjectiveId: params.get('planObjective') || null,
    assigneeId: mine ? me : null,
  };
  const sortKey = params.get('sort') && sortFields[params.get('sort')!] ? params.get('sort')! : 'due';
  const direction: 'ASC' | 'DESC' = params.get('dir') === 'desc' ? 'DESC' : 'ASC';
  return { params, update, filter, status, sortKey, direction, mine, canFilterMine: !!me };
}

/**
 * The server's export of the commitments that match the filter, in the list's order: the
 * query string carries the fields of CommitmentFilter (DESIGN §4 exports, docs/api.md).
 */
function exportUrl(
  extension: 'xlsx' | 'csv',
  filter: CommitmentFilter,
  orderBy: { field: CommitmentOrderField; direction: 'ASC' | 'DESC' },
): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (Array.isArray(value)) for (const item of value) query.append(name, String(item));
    else if (value !== null && value !== undefined && value !== '') query.set(name, String(value));
  }
  query.set('orderBy', orderBy.field);
  query.set('direction', orderBy.direction);
  return `/exports/commitments.${extension}?${query.toString()}`;
}

export function CommitmentsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { params, update, filter, status, sortKey, direction, mine, canFilterMine } = useCommitmentFilter();
  const staff = isStaff(useViewer());
  const view = params.get('view') === 'board' ? 'board' : 'table';
  const pageWindow = usePageWindow(PAGE_SIZE);
  const [searchText, setSearchText] = useState(params.get('search') ?? '');
  const commitSearch = useDebouncedCallback((value: string) => update({ search: value.trim() || null }), 400);
  const options = useQuery(OrganizationOptionsDocument);
  const orderBy = { field: sortFields[sortKey], direction };
  const { data, loading, error, refetch } = useQuery(CommitmentsDocument, {
    variables: view === 'board' ? { first: 100, filter, orderBy } : { ...pageWindow, filter, orderBy },
  });

  const sortBy = (key: string) =>
    update({ sort: key === 'due' ? null : key, dir: key === sortKey && direction === 'ASC' ? 'desc' : null });

  const sortHeader = (key: string, label: string) => (
    <Table.Th aria-sort={sortKey === key ? (direction === 'ASC' ? 'ascending' : 'descending') : undefined}>
      <UnstyledButton onClick={() => sortBy(key)} fw={700} fz="sm">
        {label} {sortKey === key ? (direction === 'ASC' ? '↑' : '↓') : ''}
      </UnstyledButton>
    </Table.Th>
  );

  return (
    <>
      <PageHeader
        title={t('commitments.title')}
        actions={
          <Group gap="xs">
            <Button
              component="a"
              href={exportUrl('xlsx', filter, orderBy)}
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('commitments.exportXlsx')}
            </Button>
            <Button
              component="a"
              href={exportUrl('csv', filter, orderBy)}
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t('commitments.exportCsv')}
            </Button>
            {staff ? (
              <Button
                component={Link}
                to="/commitments/import"
                variant="default"
                leftSection={<IconTableImport size={16} aria-hidden />}
                data-testid="import-commitments"
              >
                {t('imports.commitments.title')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Paper withBorder p="md" mb="md" component="search" aria-label={t('filters.title')}>
        <Group align="flex-end" gap="md">
          <TextInput
            label={t('filters.search')}
            value={searchText}
            onChange={(event) => {
              setSearchText(event.currentTarget.value);
              commitSearch(event.currentTarget.value);
            }}
            w={220}
          />
          <MultiSelect
            label={t('commitments.fields.status')}
            data={commitmentStatuses.map((value) => ({ value, label: t(`commitmentStatus.${value}`) }))}
            value={status}
            onChange={(value) => update({ status: value.join(',') || null })}
            clearable
            w={280}
          />
          <NativeSelect
            label={t('commitments.fields.organization')}
            value={filter.organizationId ? String(filter.organizationId) : ''}
            onChange={(event) => update({ organization: event.currentTarget.value || null })}
            data={[
              { value: '', label: t('filters.any') },
              ...(options.data?.organizations.nodes ?? []).map((o) => ({ value: o.id, label: o.acronym })),
            ]}
            w={160}
          />
          <TextInput
            type="date"
            label={t('filters.dueFrom')}
            value={filter.dueFrom ?? ''}
            onChange={(e) => update({ dueFrom: e.currentTarget.value || null })}
          />
          <TextInput
            type="date"
            label={t('filters.dueTo')}
            value={filter.dueTo ?? ''}
            onChange={(e) => update({ dueTo: e.currentTarget.value || null })}
          />
          {canFilterMine ? (
            <Checkbox
              label={t('filters.assignedToMe')}
              checked={mine}
              onChange={(e) => update({ mine: e.currentTarget.checked ? '1' : null })}
              mb={8}
            />
          ) : null}
          <Checkbox
            label={t('filters.overdueOnly')}
            checked={filter.overdue === true}
            onChange={(e) => update({ overdue: e.currentTarget.checked ? '1' : null })}
            mb={8}
          />
          <SegmentedControl
            aria-label={t('commitments.view')}
            value={view}
            onChange={(value) => update({ view: value === 'table' ? null : value })}
            data={[
              {
                value: 'table',
                label: (
                  <Group gap={4} wrap="nowrap">
                    <IconTable size={16} aria-hidden />
                    {t('commitments.table')}
                  </Group>
                ),
              },
              {
                value: 'board',
                label: (
                  <Group gap={4} wrap="nowrap">
                    <IconLayoutKanban size={16} aria-hidden />
                    {t('commitments.board')}
                  </Group>
                ),
              },
            ]}
          />
        </Group>
      </Paper>
      {loading && !data ? <LoadingState /> : null}
      {error && !data ? <ErrorState error={error} onRetry={() => void refetch()} /> : null}
      {data && data.commitments.nodes.length === 0 ? (
        <EmptyState title={t('commitments.empty')} description={t('filters.emptyHint')} />
      ) : null}
      {data && data.commitments.nodes.length > 0 && view === 'table' ? (
        <>
          <Table.ScrollContainer minWidth={1000}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  {sortHeader('reference', t('commitments.fields.reference'))}
                  <Table.Th>{t('commitments.fields.commitment')}</Table.Th>
                  <Table.Th>{t('commitments.fields.leadOrganization')}</Table.Th>
                  <Table.Th>{t('commitments.fields.assignee')}</Table.Th>
                  {sortHeader('due', t('commitments.fields.dueDate'))}
                  <Table.Th>{t('commitments.fields.status')}</Table.Th>
                  {sortHeader('progress', t('commitments.fields.progress'))}
                  <Table.Th>{t('completion.label')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.commitments.nodes.map((c) => (
                  <Table.Tr key={c.id} data-testid="commitment-row" data-overdue={c.isOverdue}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.reference}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/commitments/${encodeURIComponent(c.id)}`} fw={500}>
                        <Local en={c.title} km={c.titleKm} />
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <OrganizationName organization={c.leadOrganization} />
                    </Table.Td>
                    <Table.Td>
                      <PersonName person={c.assignee} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Stack gap={4} align="flex-start">
                        <DateText value={c.dueDate} />
                        {c.isOverdue ? <OverdueBadge /> : null}
                        <SlipNote slippedDays={c.slippedDays} withOriginal={false} />
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <CommitmentStatusBadge status={c.status} />
                    </Table.Td>
                    <Table.Td w={140}>
                      <Group gap={6} wrap="nowrap">
                        <Progress value={c.progress} w={70} aria-hidden />
                        <Text size="sm">{formatPercent(c.progress, language)}</Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {/* A cancelled commitment counts in no completion figure. */}
                      {c.status === 'CANCELLED' ? '—' : <CompletionLevelBadge level={c.completionLevel} />}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager
            pageInfo={data.commitments.pageInfo}
            totalCount={data.commitments.totalCount}
            shown={data.commitments.nodes.length}
          />
        </>
      ) : null}
      {data && data.commitments.nodes.length > 0 && view === 'board' ? (
        <Board commitments={data.commitments.nodes} total={data.commitments.totalCount} />
      ) : null}
    </>
  );
}

/** Commitments in columns by status (the first hundred that match the filter). */
function Board({ commitments, total }: { commitments: readonly CommitmentRowFragment[]; total: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Stack gap="xs">
      {total > commitments.length ? (
        <Text size="sm" c="dimmed">
          {t('commitments.boardLimited', { shown: commitments.length, total })}
        </Text>
      ) : null}
      <div className="board">
        {commitmentStatuses.map((status) => {
          const column = commitments.filter((c) => c.status === status);
          return (
            <section key={status} aria-label={t(`commitmentStatus.${status}`)} data-testid={`board-${status}`}>
              <Group justify="space-between" mb="xs">
                <CommitmentStatusBadge status={status} />
                <Text size="sm" c="dimmed">
                  {formatNumber(column.length, language)}
                </Text>
              </Group>
              <Stack gap="xs">
                {column.map((c) => (
                  <Card key={c.id} withBorder padding="sm" radius="sm">
                    <Anchor component={Link} to={`/commitments/${encodeURIComponent(c.id)}`} size="sm" fw={500}>
                      <Local en={c.title} km={c.titleKm} />
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {c.reference} · {c.leadOrganization.acronym}
                    </Text>
                    <Group gap={6} mt={4}>
                      <Text size="xs">
                        <DateText value={c.dueDate} />
                      </Text>
                      {c.isOverdue ? <OverdueBadge /> : null}
                    </Group>
                    <Progress
                      value={c.progress}
                      size="sm"
                      mt={6}
                      aria-label={t('commitments.progressLabel', { progress: c.progress })}
                    />
                  </Card>
                ))}
              </Stack>
            </section>
          );
        })}
      </div>
    </Stack>
  );
}
