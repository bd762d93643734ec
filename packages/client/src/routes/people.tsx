import { useQuery } from '@apollo/client/react';
import { ActionIcon, Anchor, Button, Group, NativeSelect, Paper, Table, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconEdit, IconPlus, IconTableImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Tag } from '../components/badges.js';
import { CursorPager } from '../components/cursor-pager.js';
import { PageHeader } from '../components/page.js';
import { useFilterParams } from '../components/pager.js';
import { EmptyState, ErrorState, LoadingState } from '../components/states.js';
import { Local, PersonName, useLocalText } from '../components/text.js';
import { PersonFormModal } from '../features/people/person-form.js';
import { isStaff, useViewer } from '../features/session/session.js';
import { OrganizationOptionsDocument, PeopleDocument, type PersonFormFieldsFragment } from '../graphql/generated.js';

export function PeoplePage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const staff = isStaff(viewer);
  const local = useLocalText();
  const [params, update] = useFilterParams();
  // undefined: closed; null: a new person; else the person being changed.
  const [editing, setEditing] = useState<PersonFormFieldsFragment | null | undefined>(undefined);
  const [searchText, setSearchText] = useState(params.get('search') ?? '');
  const commitSearch = useDebouncedCallback((value: string) => update({ search: value.trim() || null }), 400);
  const options = useQuery(OrganizationOptionsDocument);
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
            label={t('people.organization')}
            value={params.get('organization') ?? ''}
            onChange={(e) => update({ organization: e.currentTarget.value || null })}
            data={[
              { value: '', label: t('filters.any') },
              ...(options.data?.organizations.nodes ?? []).map((o) => ({ value: o.id, label: o.acronym })),
            ]}
          />
        </Group>
      </Paper>
      {loading && !data ? <LoadingState /> : null}
      {error && !data ? <ErrorState error={error} onRetry={() => void refetch()} /> : null}
      {data && data.people.nodes.length === 0 ? (
        <EmptyState title={t('people.empty')} description={t('filters.emptyHint')} />
      ) : null}
      {data && data.people.nodes.length > 0 ? (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
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
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.people.nodes.map((p) => (
                  <Table.Tr key={p.id} data-testid="person-row">
                    <Table.Td>
                      <Group gap={6}>
                        <PersonName person={p} />
                        {p.isFocalPoint ? <Tag tone="blue">{t('people.focalPoint')}</Tag> : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Local en={p.position} km={p.positionKm} />
                    </Table.Td>
                    <Table.Td>
                      {p.organization ? (
                        <Anchor component={Link} to={`/organizations/${encodeURIComponent(p.organization.id)}`}>
                          {p.organization.acronym}
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td data-testid="person-email">
                      {p.email ? <Anchor href={`mailto:${p.email}`}>{p.email}</Anchor> : '—'}
                    </Table.Td>
                    <Table.Td>{p.phone ?? '—'}</Table.Td>
                    {staff ? (
                      <Table.Td>
                        <Tooltip label={t('people.edit')}>
                          <ActionIcon
                            variant="default"
                            aria-label={t('people.editPerson', { name: local(p.fullName, p.fullNameKm) })}
                            onClick={() => setEditing(p)}
                          >
                            <IconEdit size={16} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <CursorPager connection={data.people} />
        </>
      ) : null}
    </>
  );
}
