import { useQuery } from '@apollo/client/react';
import { Group, MultiSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { ListTable } from '../components/list-table.js';
import { MailStatusBadge, mailStatuses } from '../components/badges.js';
import { PageHeader } from '../components/page.js';
import { Pager, useFilterParams } from '../components/pager.js';
import { EmptyState, QueryStates } from '../components/states.js';
import { DateTimeText, PersonName } from '../components/text.js';
import { useViewer } from '../features/session/session.js';
import { type MailStatus, MailOutboxDocument } from '../graphql/generated.js';
import { isKhmer } from '../lib/format.js';

const PAGE_SIZE = 50;

/** Admin: every e-mail Prachum has sent or will send, newest first, to see what went out and what failed. */
export function OutboxPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const [params, update] = useFilterParams();
  const status = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is MailStatus => mailStatuses.includes(s as MailStatus));
  const admin = viewer.role === 'ADMIN';
  const { data, loading, error, refetch } = useQuery(MailOutboxDocument, {
    variables: { first: PAGE_SIZE, after: params.get('after'), status: status.length ? status : null },
    skip: !admin,
    fetchPolicy: 'cache-and-network',
  });

  if (!admin) return <Navigate to="/" replace />;

  return (
    <>
      <PageHeader title={t('outbox.title')}>
        <Text c="dimmed" size="sm">
          {t('outbox.intro')}
        </Text>
      </PageHeader>
      <Paper withBorder p="md" mb="md" component="search" aria-label={t('filters.title')}>
        <Group align="flex-end">
          <MultiSelect
            label={t('outbox.status')}
            data={mailStatuses.map((value) => ({ value, label: t(`mailStatus.${value}`) }))}
            value={status}
            onChange={(value) => update({ status: value.join(',') || null })}
            placeholder={status.length ? undefined : t('filters.any')}
            clearable
            w={320}
          />
        </Group>
      </Paper>
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data && data.mailOutbox.nodes.length === 0 ? (
        <EmptyState title={t('outbox.empty')} description={status.length ? t('filters.emptyHint') : undefined} />
      ) : null}
      {data && data.mailOutbox.nodes.length > 0 ? (
        <>
          <ListTable
            minWidth={1100}
            head={
              <>
                <Table.Th>{t('outbox.status')}</Table.Th>
                <Table.Th>{t('outbox.to')}</Table.Th>
                <Table.Th>{t('outbox.subject')}</Table.Th>
                <Table.Th>{t('outbox.attempts')}</Table.Th>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('outbox.lastError')}</Table.Th>
                <Table.Th>{t('outbox.createdAt')}</Table.Th>
                <Table.Th>{t('outbox.sentAt')}</Table.Th>
              </>
            }
          >
            {data.mailOutbox.nodes.map((mail) => (
              <Table.Tr key={mail.id} data-testid="outbox-mail">
                <Table.Td>
                  <MailStatusBadge status={mail.status} />
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm">{mail.to}</Text>
                    {mail.recipient ? (
                      <Text size="xs" c="dimmed">
                        <PersonName person={mail.recipient} />
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm" lang={isKhmer(mail.subject) ? 'km' : undefined}>
                      {mail.subject}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {mail.kind}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>{mail.attempts}</Table.Td>
                <Table.Td maw={280}>
                  {mail.lastError ? (
                    <Text size="xs" c="red.9" style={{ overflowWrap: 'anywhere' }}>
                      {mail.lastError}
                    </Text>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <DateTimeText value={mail.createdAt} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <DateTimeText value={mail.sentAt} />
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
          <Pager connection={data.mailOutbox} forwardOnly />
        </>
      ) : null}
    </>
  );
}
