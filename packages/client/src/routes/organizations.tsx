import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Group, NativeSelect, Paper, Table, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconPlus, IconTableImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ListTable } from '../components/list-table.js';
import { PageHeader } from '../components/page.js';
import { Pager, useFilterParams } from '../components/pager.js';
import { EmptyState, QueryStates } from '../components/states.js';
import { Local } from '../components/text.js';
import { OrganizationFormModal, organizationKinds } from '../features/organizations/organization-form.js';
import { OrganizationLabel, useOrganizationLabel } from '../features/organizations/organization-label.js';
import { isStaff, useViewer } from '../features/session/session.js';
import { OrganizationsDocument, type OrganizationsQuery } from '../graphql/generated.js';

export function OrganizationsPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [params, update] = useFilterParams();
  const kind = organizationKinds.find((k) => k === params.get('kind'));
  const [searchText, setSearchText] = useState(params.get('search') ?? '');
  const commitSearch = useDebouncedCallback((value: string) => update({ search: value.trim() || null }), 400);
  const { data, loading, error, refetch } = useQuery(OrganizationsDocument, {
    variables: {
      first: 50,
      after: params.get('after'),
      filter: { kind: kind ? [kind] : null, search: params.get('search') || null },
    },
  });

  return (
    <>
      <PageHeader
        title={t('organizations.title')}
        actions={
          isStaff(viewer) ? (
            <Group gap="xs">
              <Button
                component={Link}
                to="/organizations/import"
                variant="default"
                leftSection={<IconTableImport size={16} aria-hidden />}
              >
                {t('imports.directory.title')}
              </Button>
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
                {t('organizations.new')}
              </Button>
            </Group>
          ) : null
        }
      />
      {isStaff(viewer) ? (
        <OrganizationFormModal
          organization={null}
          opened={creating}
          onClose={() => setCreating(false)}
          onSaved={(id) => navigate(`/organizations/${encodeURIComponent(id)}`)}
        />
      ) : null}
      <Paper withBorder p="md" mb="md" component="search" aria-label={t('filters.title')}>
        <Group align="flex-end">
          <TextInput
            label={t('filters.search')}
            value={searchText}
            onChange={(e) => {
              setSearchText(e.currentTarget.value);
              commitSearch(e.currentTarget.value);
            }}
          />
          <NativeSelect
            label={t('organizations.kind')}
            value={kind ?? ''}
            onChange={(e) => update({ kind: e.currentTarget.value || null })}
            data={[
              { value: '', label: t('filters.any') },
              ...organizationKinds.map((value) => ({ value, label: t(`organizationKind.${value}`) })),
            ]}
          />
        </Group>
      </Paper>
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data && data.organizations.nodes.length === 0 ? (
        <EmptyState title={t('organizations.empty')} description={t('filters.emptyHint')} />
      ) : null}
      {data && data.organizations.nodes.length > 0 ? (
        <>
          <ListTable
            minWidth={640}
            highlightOnHover
            head={
              <>
                <Table.Th>{t('organizations.acronym')}</Table.Th>
                <Table.Th>{t('organizations.name')}</Table.Th>
                <Table.Th>{t('organizations.kind')}</Table.Th>
                <Table.Th>{t('organizations.parent')}</Table.Th>
              </>
            }
          >
            {data.organizations.nodes.map((o) => (
              <OrganizationRow key={o.id} organization={o} />
            ))}
          </ListTable>
          <Pager connection={data.organizations} forwardOnly />
        </>
      ) : null}
    </>
  );
}

/** One organisation of the list: its name read through its `OrganizationLabel` fragment, as its parent's is. */
function OrganizationRow({ organization }: { organization: OrganizationsQuery['organizations']['nodes'][number] }) {
  const { t } = useTranslation();
  const o = useOrganizationLabel(organization);
  if (!o) return null;
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/organizations/${encodeURIComponent(o.id)}`} fw={600}>
          {o.acronym}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Local en={o.name} km={o.nameKm} />
      </Table.Td>
      <Table.Td>{t(`organizationKind.${organization.kind}`)}</Table.Td>
      <Table.Td>
        <OrganizationLabel organization={organization.parent} />
      </Table.Td>
    </Table.Tr>
  );
}
