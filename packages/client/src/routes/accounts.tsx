import type { FragmentType } from '@apollo/client';
import { useFragment, useMutation, useQuery } from '@apollo/client/react';
import {
  Button,
  Group,
  NativeSelect,
  Paper,
  PasswordInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { ListTable } from '../components/list-table.js';
import { FilterBar, SearchFilter } from '../components/filter-bar.js';
import { PageHeader } from '../components/page.js';
import { Pager, useFilterParams } from '../components/pager.js';
import { EmptyState, MutationError, QueryStates } from '../components/states.js';
import { DateTimeText } from '../components/text.js';
import { OrganizationLabel } from '../features/organizations/organization-label.js';
import { PersonLabel } from '../features/people/person-label.js';
import { PersonPicker } from '../features/people/person-picker.js';
import { useViewer } from '../features/session/session.js';
import {
  AccountFieldsFragmentDoc,
  AccountsDocument,
  CreateAccountDocument,
  Role,
  UpdateAccountDocument,
  type UpdateAccountInput,
} from '../graphql/generated.js';
import { enumValues } from '../lib/enums.js';
import { errorCode, fieldErrors } from '../lib/errors.js';

const roles = enumValues(Role);
const PAGE_SIZE = 50;

/** Admin: who may sign in, with which role; accounts are deactivated, never deleted (the audit trail names them). */
export function AccountsPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const [params] = useFilterParams();
  const { data, loading, error, refetch } = useQuery(AccountsDocument, {
    variables: { first: PAGE_SIZE, after: params.get('after'), filter: { search: params.get('search') || null } },
    skip: viewer.role !== 'ADMIN',
  });
  const [form, setForm] = useState({ email: '', password: '', role: 'FOCAL_POINT' as Role, personId: '' });
  const [create, created] = useMutation(CreateAccountDocument, { refetchQueries: [AccountsDocument] });
  const [update, updated] = useMutation(UpdateAccountDocument);
  const problems = fieldErrors(created.error);

  if (viewer.role !== 'ADMIN') return <Navigate to="/" replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await create({
        variables: {
          input: {
            email: form.email.trim(),
            password: form.password,
            role: form.role,
            personId: form.personId || null,
          },
        },
      });
      setForm({ email: '', password: '', role: 'FOCAL_POINT', personId: '' });
    } catch {
      // Shown beside the fields.
    }
  };

  return (
    <>
      <PageHeader title={t('accounts.title')} />
      <Stack gap="lg">
        <Paper withBorder p="lg" component="section" aria-labelledby="new-account-heading">
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Text fw={600} id="new-account-heading">
                {t('accounts.new')}
              </Text>
              {created.error && errorCode(created.error) !== 'BAD_USER_INPUT' ? (
                <MutationError error={created.error} />
              ) : null}
              <Group grow align="flex-start">
                <TextInput
                  label={t('accounts.email')}
                  type="email"
                  value={form.email}
                  onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
                  error={problems.email}
                  required
                />
                <PasswordInput
                  label={t('accounts.password')}
                  autoComplete="new-password"
                  visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
                  value={form.password}
                  onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
                  error={problems.password}
                  required
                />
              </Group>
              <Group grow align="flex-start">
                <NativeSelect
                  label={t('accounts.role')}
                  value={form.role}
                  onChange={(e) => setForm({ ...form, role: e.currentTarget.value as Role })}
                  error={problems.role}
                  data={roles.map((value) => ({ value, label: t(`role.${value}`) }))}
                />
                <PersonPicker
                  label={t('accounts.person')}
                  value={form.personId || null}
                  onChange={(personId) => setForm({ ...form, personId: personId ?? '' })}
                  error={problems.personId}
                  placeholder={t('forms.none')}
                  clearable
                />
              </Group>
              <Group justify="flex-end">
                <Button type="submit" loading={created.loading} leftSection={<IconUserPlus size={16} aria-hidden />}>
                  {t('accounts.create')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
        <MutationError error={updated.error} />
        <FilterBar>
          <SearchFilter />
        </FilterBar>
        <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
        {data && data.accounts.nodes.length === 0 ? <EmptyState title={t('accounts.empty')} /> : null}
        {data && data.accounts.nodes.length > 0 ? (
          <ListTable
            minWidth={760}
            head={
              <>
                <Table.Th>{t('accounts.email')}</Table.Th>
                <Table.Th>{t('accounts.person')}</Table.Th>
                <Table.Th>{t('accounts.role')}</Table.Th>
                <Table.Th>{t('accounts.lastLogin')}</Table.Th>
                <Table.Th>{t('accounts.active')}</Table.Th>
              </>
            }
          >
            {data.accounts.nodes.map((account) => (
              <AccountRow
                key={account.id}
                account={account}
                onChange={(input) => void update({ variables: { input } }).catch(() => undefined)}
              />
            ))}
          </ListTable>
        ) : null}
        {data && data.accounts.nodes.length > 0 ? <Pager connection={data.accounts} forwardOnly /> : null}
      </Stack>
    </>
  );
}

/** One account of the list, read through its `AccountFields` fragment; changing its role or access calls `onChange`. */
function AccountRow({
  account,
  onChange,
}: {
  account: FragmentType<typeof AccountFieldsFragmentDoc>;
  onChange: (input: UpdateAccountInput) => void;
}) {
  const { t } = useTranslation();
  const { data: a, complete } = useFragment({
    fragment: AccountFieldsFragmentDoc,
    fragmentName: 'AccountFields',
    from: account,
  });
  if (!complete) return null;
  return (
    <Table.Tr>
      <Table.Td>{a.email}</Table.Td>
      <Table.Td>
        <PersonLabel person={a.person} />
        {a.person?.organization ? (
          <>
            {' · '}
            <OrganizationLabel organization={a.person.organization} />
          </>
        ) : null}
      </Table.Td>
      <Table.Td>
        <NativeSelect
          size="xs"
          aria-label={t('accounts.roleOf', { email: a.email })}
          value={a.role}
          onChange={(e) => onChange({ id: a.id, role: e.currentTarget.value as Role })}
          data={roles.map((value) => ({ value, label: t(`role.${value}`) }))}
        />
      </Table.Td>
      <Table.Td>
        <DateTimeText value={a.lastLoginAt} />
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={t('accounts.activeOf', { email: a.email })}
          checked={a.active}
          onChange={(e) => onChange({ id: a.id, active: e.currentTarget.checked })}
        />
      </Table.Td>
    </Table.Tr>
  );
}
