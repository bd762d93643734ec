import { useQuery } from '@apollo/client/react';
import { Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page.js';
import { Pager, useFilterParams } from '../components/pager.js';
import { EmptyState, MutationError, QueryStates } from '../components/states.js';
import { NotificationItem } from '../features/notifications/notification-item.js';
import { useMarkNotificationsRead } from '../features/notifications/use-mark-read.js';
import { NotificationsDocument } from '../graphql/generated.js';

const PAGE_SIZE = 25;

/** The viewer's notifications, newest first: what happened on the commitments and meetings they follow. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [params, update] = useFilterParams();
  const unreadOnly = params.get('unread') === '1';
  const { data, loading, error, refetch } = useQuery(NotificationsDocument, {
    variables: { first: PAGE_SIZE, after: params.get('after'), unreadOnly },
    // Notifications arrive all the time: show what is cached, then what is new.
    fetchPolicy: 'cache-and-network',
  });
  const [markOne, markingOne] = useMarkNotificationsRead();
  const [markAll, markingAll] = useMarkNotificationsRead();
  const unread = data?.me?.unreadNotificationCount ?? 0;
  const markRead = (id: string) => void markOne({ ids: [id] }).catch(() => undefined);

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        actions={
          <Button
            variant="default"
            leftSection={<IconChecks size={16} aria-hidden />}
            disabled={unread === 0}
            loading={markingAll.loading}
            onClick={() => void markAll({ all: true }).catch(() => undefined)}
          >
            {t('notifications.markAllRead')}
          </Button>
        }
      >
        <Text c="dimmed" size="sm">
          {t('notifications.intro')}
        </Text>
      </PageHeader>
      <Paper withBorder p="md" mb="md" component="search" aria-label={t('filters.title')}>
        <Group justify="space-between">
          <Switch
            label={t('notifications.unreadOnly')}
            checked={unreadOnly}
            onChange={(e) => update({ unread: e.currentTarget.checked ? '1' : null })}
          />
          {data ? (
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('notifications.unreadCount', { count: unread })}
            </Text>
          ) : null}
        </Group>
      </Paper>
      <MutationError error={markingAll.error ?? markingOne.error} />
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data && data.notifications.nodes.length === 0 ? (
        unreadOnly ? (
          <EmptyState
            title={t('notifications.noneUnread')}
            description={t('notifications.noneUnreadHint')}
            action={
              <Button variant="default" onClick={() => update({ unread: null })}>
                {t('notifications.showAll')}
              </Button>
            }
          />
        ) : (
          <EmptyState title={t('notifications.none')} description={t('notifications.noneHint')} />
        )
      ) : null}
      {data && data.notifications.nodes.length > 0 ? (
        <>
          <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {data.notifications.nodes.map((notification) => (
              <NotificationItem key={notification.id} notification={notification} onMarkRead={markRead} />
            ))}
          </Stack>
          <Pager connection={data.notifications} forwardOnly />
        </>
      ) : null}
    </>
  );
}
