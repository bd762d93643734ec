import { useQuery } from '@apollo/client/react';
import { ActionIcon, Indicator } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UnreadNotificationCountDocument } from '../../graphql/generated.js';
import { unreadLabel } from './notification-text.js';

const POLL_MS = 60_000;

/** The header's bell: how many notifications are unread (asked again every minute), opening /notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { data } = useQuery(UnreadNotificationCountDocument, {
    pollInterval: POLL_MS,
    // A tab in the background need not ask; it catches up on the next poll once shown again.
    skipPollAttempt: () => document.hidden,
  });
  const count = data?.me?.unreadNotificationCount ?? 0;
  const label = unreadLabel(count);
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
