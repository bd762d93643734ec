import { useQuery } from '@apollo/client/react';
import { Button, Group, Table, UnstyledButton } from '@mantine/core';
import { IconDownload, IconLayoutKanban, IconTable, IconTableImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListTable } from '../components/list-table.js';
import { commitmentStatuses } from '../components/badges.js';
import {
  CheckFilter,
  ChoicesFilter,
  DateFilter,
  FilterBar,
  SearchFilter,
  useChoices,
  ViewSwitch,
} from '../components/filter-bar.js';
import { PageHeader } from '../components/page.js';
import { Pager, useFilterParams, usePageWindow } from '../components/pager.js';
import { EmptyState, QueryStates } from '../components/states.js';
import { CommitmentBoard, CommitmentTableRow } from '../features/commitments/commitment-table.js';
import { OrganizationPicker } from '../features/organizations/organization-picker.js';
import { isStaff, useViewer } from '../features/session/session.js';
import { type CommitmentFilter, type CommitmentOrderField, CommitmentsDocument } from '../graphql/generated.js';

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
  const status = useChoices('status', commitmentStatuses);
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
  return { params, update, filter, sortKey, direction, canFilterMine: !!me };
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
  const { params, update, filter, sortKey, direction, canFilterMine } = useCommitmentFilter();
  const staff = isStaff(useViewer());
  const view = params.get('view') === 'board' ? 'board' : 'table';
  const pageWindow = usePageWindow(PAGE_SIZE);
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
      <FilterBar>
        <SearchFilter />
        <ChoicesFilter
          label={t('commitments.fields.status')}
          param="status"
          values={commitmentStatuses}
          labelOf={(value) => t(`commitmentStatus.${value}`)}
          w={280}
        />
        <OrganizationPicker
          label={t('commitments.fields.organization')}
          value={params.get('organization') || null}
          onChange={(value) => update({ organization: value })}
          placeholder={t('filters.any')}
          clearable
          w={260}
        />
        <DateFilter label={t('filters.dueFrom')} param="dueFrom" />
        <DateFilter label={t('filters.dueTo')} param="dueTo" />
        {canFilterMine ? <CheckFilter label={t('filters.assignedToMe')} param="mine" /> : null}
        <CheckFilter label={t('filters.overdueOnly')} param="overdue" />
        <ViewSwitch
          label={t('commitments.view')}
          options={[
            { value: 'table', label: t('commitments.table'), icon: <IconTable size={16} aria-hidden /> },
            { value: 'board', label: t('commitments.board'), icon: <IconLayoutKanban size={16} aria-hidden /> },
          ]}
        />
      </FilterBar>
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data && data.commitments.nodes.length === 0 ? (
        <EmptyState title={t('commitments.empty')} description={t('filters.emptyHint')} />
      ) : null}
      {data && data.commitments.nodes.length > 0 && view === 'table' ? (
        <>
          <ListTable
            minWidth={1000}
            highlightOnHover
            head={
              <>
                {sortHeader('reference', t('commitments.fields.reference'))}
                <Table.Th>{t('commitments.fields.commitment')}</Table.Th>
                <Table.Th>{t('commitments.fields.leadOrganization')}</Table.Th>
                <Table.Th>{t('commitments.fields.assignee')}</Table.Th>
                {sortHeader('due', t('commitments.fields.dueDate'))}
                <Table.Th>{t('commitments.fields.status')}</Table.Th>
                {sortHeader('progress', t('commitments.fields.progress'))}
                <Table.Th>{t('completion.label')}</Table.Th>
              </>
            }
          >
            {data.commitments.nodes.map((c) => (
              <CommitmentTableRow key={c.id} commitment={c} />
            ))}
          </ListTable>
          <Pager connection={data.commitments} />
        </>
      ) : null}
      {data && data.commitments.nodes.length > 0 && view === 'board' ? (
        <CommitmentBoard commitments={data.commitments.nodes} total={data.commitments.totalCount} />
      ) : null}
    </>
  );
}
