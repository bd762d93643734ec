import { useQuery } from '@apollo/client/react';
import { Button, Group, Table } from '@mantine/core';
import { IconPlus, IconTableImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListTable } from '../components/list-table.js';
import { FilterBar, SearchFilter } from '../components/filter-bar.js';
import { PageHeader } from '../components/page.js';
import { Pager, useFilterParams } from '../components/pager.js';
import { EmptyState, QueryStates } from '../components/states.js';
import { OrganizationPicker } from '../features/organizations/organization-picker.js';
import { PersonFormModal } from '../features/people/person-form.js';
import { PersonRow } from '../features/people/person-row.js';
import { isStaff, useViewer } from '../features/session/session.js';
import { PeopleDocument, type PersonFormFieldsFragment } from '../graphql/generated.js';

export function PeoplePage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const staff = isStaff(viewer);
  const [params, update] = useFilterParams();
  // undefined: closed; null: a new person; else the person being changed.
  const [editing, setEditing] = useState<PersonFormFieldsFragment | null | undefined>(undefined);
  const { data, loading, error, refetch } = useQuery(PeopleDocument, {
    variables: {
      first: 50,
      after: params.get('after'),
      filter: { organizationId: params.get('organization') || null, search: params.get('search') || null },
    },
  });

  return (
    <>
      <PageHeader
        title={t('people.title')}
        actions={
          staff ? (
            <Group gap="xs">
              <Button
                component={Link}
                to="/organizations/import"
                variant="default"
                leftSection={<IconTableImport size={16} aria-hidden />}
              >
                {t('imports.directory.title')}
              </Button>
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing(null)}>
                {t('people.new')}
              </Button>
            </Group>
          ) : null
        }
      />
      {staff ? (
        <PersonFormModal
          person={editing ?? null}
          organizationId={params.get('organization') ?? undefined}
          opened={editing !== undefined}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
      <FilterBar>
        <SearchFilter />
        <OrganizationPicker
          label={t('people.organization')}
          value={params.get('organization') || null}
          onChange={(value) => update({ organization: value })}
          placeholder={t('filters.any')}
          clearable
          w={260}
        />
      </FilterBar>
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data && data.people.nodes.length === 0 ? (
        <EmptyState title={t('people.empty')} description={t('filters.emptyHint')} />
      ) : null}
      {data && data.people.nodes.length > 0 ? (
        <>
          <ListTable
            minWidth={760}
            highlightOnHover
            head={
              <>
                <Table.Th>{t('people.name')}</Table.Th>
                <Table.Th>{t('people.position')}</Table.Th>
                <Table.Th>{t('people.organization')}</Table.Th>
                <Table.Th>{t('people.email')}</Table.Th>
                <Table.Th>{t('people.phone')}</Table.Th>
                {staff ? (
                  <Table.Th>
                    <span className="visually-hidden">{t('people.actions')}</span>
                  </Table.Th>
                ) : null}
              </>
            }
          >
            {data.people.nodes.map((p) => (
              <PersonRow key={p.id} person={p} staff={staff} onEdit={setEditing} />
            ))}
          </ListTable>
          <Pager connection={data.people} forwardOnly />
        </>
      ) : null}
    </>
  );
}
