import { useQuery, useSubscription } from '@apollo/client/react';
import { ActionIcon, Indicator } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NotificationAddedDocument, UnreadNotificationCountDocument } from '../../graphql/generated.js';
import { useLanguage } from '../../components/text.js';
import { unreadLabel } from './notification-text.js';

/** The count is pushed (notificationAdded); the poll only catches what a lost connection missed. */
const POLL_MS = 5 * 60_000;

/** The header's bell: how many notifications are unread (told at once, asked again now and then), opening /notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data, refetch } = useQuery(UnreadNotificationCountDocument, {
    pollInterval: POLL_MS,
    // A tab in the background need not ask; it catches up on the next poll once shown again.
    skipPollAttempt: () => document.hidden,
  });
  useSubscription(NotificationAddedDocument, {
    onData: () => {
      void refetch().catch(() => undefined);
    },
  });
  const count = data?.me?.unreadNotificationCount ?? 0;
  const label = unreadLabel(count, language);
  return (
    <Indicator label={label} disabled={!label} size={18} color="red.9" offset={4} inline>
      <ActionIcon
        component={Link}
        to="/notifications"
        variant="default"
        size="lg"
        aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.title')}
        data-testid="notification-bell"
        data-unread={count}
      >
        <IconBell size={18} stroke={1.6} aria-hidden />
      </ActionIcon>
    </Indicator>
  );
}
