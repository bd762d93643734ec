import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListTable } from '../components/list-table.js';
import { Tag } from '../components/badges.js';
import { DateField, isDateValue } from '../components/date-field.js';
import { PageHeader } from '../components/page.js';
import { EmptyState, MutationError, QueryStates } from '../components/states.js';
import { DateTimeText } from '../components/text.js';
import {
  type ApiTokenScope,
  ApiTokensDocument,
  CreateApiTokenDocument,
  RevokeApiTokenDocument,
} from '../graphql/generated.js';
import { checkTexts, type FieldErrors, fieldErrors, hasProblems, problemText, TEXT_MAX } from '../lib/errors.js';
import { dayInPhnomPenh } from '../lib/format.js';

/** Personal API tokens for scripts and partner systems: created here, shown once, revocable. */
export function TokensPage() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(ApiTokensDocument);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiTokenScope>('READ');
  const [expiresOn, setExpiresOn] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const [create, created] = useMutation(CreateApiTokenDocument, { refetchQueries: [ApiTokensDocument] });
  const [revoke, revoked] = useMutation(RevokeApiTokenDocument);
  const [checked, setChecked] = useState<FieldErrors>({});
  const problems = { ...fieldErrors(created.error), ...checked };
  // What this account may create: a PARTNER only READ tokens (the server refuses WRITE for them too).
  const scopes: ApiTokenScope[] = data?.me?.apiTokenScopes ?? ['READ'];
  const onlyRead = scopes.length === 1 && scopes[0] === 'READ';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkTexts({ name: { value: name, required: true, max: TEXT_MAX.tokenName } });
    if (expiresOn && !isDateValue(expiresOn)) found.expiresAt = problemText({ code: 'INVALID_DATE', params: {} });
    else if (expiresOn && expiresOn < dayInPhnomPenh()) {
      found.expiresAt = problemText({ code: 'OUT_OF_RANGE', params: {} });
    }
    setChecked(found);
    if (hasProblems(found)) return;
    try {
      const result = await create({
        variables: {
          input: {
            name: name.trim(),
            scope: scopes.includes(scope) ? scope : 'READ',
            expiresAt: expiresOn ? new Date(`${expiresOn}T23:59:59+07:00`).toISOString() : null,
          },
        },
      });
      setShown(result.data?.createApiToken.token ?? null);
      setName('');
      setExpiresOn('');
    } catch {
      // Shown beside the fields.
    }
  };

  return (
    <>
      <PageHeader title={t('tokens.title')}>
        <Text c="dimmed">{t('tokens.intro')}</Text>
      </PageHeader>
      <Stack gap="lg">
        {shown ? (
          <Alert color="green" title={t('tokens.created')} role="status" data-testid="new-token">
            <Stack gap="xs">
              <Text size="sm">{t('tokens.shownOnce')}</Text>
              <Code block>{shown}</Code>
              <Group>
                <CopyButton value={shown}>
                  {({ copied, copy }) => (
                    <Button size="xs" onClick={copy}>
                      {copied ? t('tokens.copied') : t('tokens.copy')}
                    </Button>
                  )}
                </CopyButton>
                <Button size="xs" variant="default" onClick={() => setShown(null)}>
                  {t('tokens.done')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : null}
        <Paper withBorder p="lg" component="section" aria-labelledby="new-token-heading">
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Text fw={600} id="new-token-heading">
                {t('tokens.new')}
              </Text>
              <MutationError error={created.error} fields={['name', 'scope', 'expiresAt']} />
              <Group align="flex-start" grow>
                <TextInput
                  label={t('tokens.name')}
                  description={t('tokens.nameHint')}
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  error={problems.name}
                  required
                />
                <NativeSelect
                  label={t('tokens.scope')}
                  description={onlyRead ? t('tokens.readOnlyHint') : undefined}
                  value={scopes.includes(scope) ? scope : 'READ'}
                  onChange={(e) => setScope(e.currentTarget.value as ApiTokenScope)}
                  error={problems.scope}
                  disabled={onlyRead}
                  data={scopes.map((value) => ({ value, label: t(`tokens.scopes.${value}`) }))}
                  data-testid="token-scope"
                />
                <DateField
                  label={t('tokens.expiresOn')}
                  value={expiresOn}
                  onChange={(value) => {
                    setExpiresOn(value);
                    // A problem found before sending goes once the date is changed.
                    setChecked(({ expiresAt: _gone, ...rest }) => rest);
                  }}
                  error={problems.expiresAt}
                  data-testid="token-expires"
                />
              </Group>
              <Group justify="flex-end">
                <Button type="submit" loading={created.loading} leftSection={<IconKey size={16} aria-hidden />}>
                  {t('tokens.create')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
        <MutationError error={revoked.error} />
        <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
        {data && data.apiTokens.length === 0 ? <EmptyState title={t('tokens.empty')} /> : null}
        {data && data.apiTokens.length > 0 ? (
          <ListTable
            minWidth={720}
            head={
              <>
                <Table.Th>{t('tokens.name')}</Table.Th>
                <Table.Th>{t('tokens.scope')}</Table.Th>
                <Table.Th>{t('tokens.createdAt')}</Table.Th>
                <Table.Th>{t('tokens.lastUsedAt')}</Table.Th>
                <Table.Th>{t('tokens.expiresAt')}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t('tokens.actions')}</span>
                </Table.Th>
              </>
            }
          >
            {data.apiTokens.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Td>{token.name}</Table.Td>
                <Table.Td>{t(`tokens.scopes.${token.scope}`)}</Table.Td>
                <Table.Td>
                  <DateTimeText value={token.createdAt} />
                </Table.Td>
                <Table.Td>
                  <DateTimeText value={token.lastUsedAt} />
                </Table.Td>
                <Table.Td>
                  <DateTimeText value={token.expiresAt} />
                </Table.Td>
                <Table.Td>
                  {token.revokedAt ? (
                    <Tag tone="gray">{t('tokens.revoked')}</Tag>
                  ) : (
                    <Button
                      size="xs"
                      variant="default"
                      color="red"
                      onClick={() => {
                        if (window.confirm(t('tokens.confirmRevoke', { name: token.name }))) {
                          void revoke({ variables: { input: { id: token.id } } }).catch(() => undefined);
                        }
                      }}
                    >
                      {t('tokens.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        ) : null}
      </Stack>
    </>
  );
}
