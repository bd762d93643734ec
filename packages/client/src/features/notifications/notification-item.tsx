import { Anchor, Button, Group, Paper, Text, ThemeIcon } from '@mantine/core';
import {
  IconAlarm,
  IconArrowBackUp,
  IconArrowsExchange,
  IconCalendarCheck,
  IconCalendarEvent,
  IconCalendarQuestion,
  IconCheck,
  IconCircleCheck,
  IconClipboardCheck,
  IconClock,
  IconFileCheck,
  IconTrendingUp,
  IconUserCheck,
} from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Tag } from '../../components/badges.js';
import { DateTimeText, PersonName, useLanguage } from '../../components/text.js';
import type { NotificationItemFragment, NotificationKind } from '../../graphql/generated.js';
import { notificationMessage, notificationTarget } from './notification-text.js';

const icons: Record<NotificationKind, typeof IconCheck> = {
  ASSIGNED: IconUserCheck,
  STATUS_CHANGED: IconArrowsExchange,
  PROGRESS_REPORTED: IconTrendingUp,
  AWAITING_VERIFICATION: IconClipboardCheck,
  VERIFIED: IconCircleCheck,
  RETURNED: IconArrowBackUp,
  DUE_SOON: IconClock,
  OVERDUE: IconAlarm,
  MEETING_INVITATION: IconCalendarEvent,
  MINUTES_APPROVED: IconFileCheck,
  DUE_DATE_CHANGE_REQUESTED: IconCalendarQuestion,
  DUE_DATE_CHANGE_DECIDED: IconCalendarCheck,
};

/** Warnings in orange, good news in green, the rest in the app's blue. */
const iconColors: Partial<Record<NotificationKind, string>> = {
  OVERDUE: 'orange',
  DUE_SOON: 'orange',
  RETURNED: 'orange',
  VERIFIED: 'green',
  MINUTES_APPROVED: 'green',
};

/**
 * One notification: unread ones are tinted, bold and labelled. Opening it (its commitment or meeting) marks
 * it read; so does "Mark as read".
 */
export function NotificationItem({
  notification,
  onMarkRead,
}: {
  notification: NotificationItemFragment;
  onMarkRead: (id: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const messageId = useId();
  const unread = !notification.readAt;
  const message = notificationMessage(language, notification);
  const target = notificationTarget(notification);
  const Icon = icons[notification.kind];
  const text = message.lang === language ? message.text : <span lang={message.lang}>{message.text}</span>;

  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="sm"
      bg={unread ? 'ncct.0' : undefined}
      style={unread ? { borderInlineStart: '4px solid var(--mantine-color-ncct-7)' } : undefined}
      data-testid="notification"
      data-kind={notification.kind}
      data-unread={unread}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Group wrap="nowrap" align="flex-start" gap="sm">
          <ThemeIcon variant="light" radius="xl" size="lg" color={iconColors[notification.kind] ?? 'ncct'} aria-hidden>
            <Icon size={18} stroke={1.6} />
          </ThemeIcon>
          <div>
            <Text size="sm" fw={unread ? 600 : 400} id={messageId}>
              {target ? (
                <Anchor
                  component={Link}
                  to={target}
                  inherit
                  onClick={() => {
                    if (unread) onMarkRead(notification.id);
                  }}
                >
                  {text}
                </Anchor>
              ) : (
                text
              )}
            </Text>
            <Group gap={6} mt={2}>
              {unread ? <Tag tone="blue">{t('notifications.unread')}</Tag> : null}
              <Text size="xs" c="dimmed">
                {t(`notificationKind.${notification.kind}`)} · <DateTimeText value={notification.at} />
                {notification.actor ? (
                  <>
                    {' · '}
                    <PersonName person={notification.actor} />
                  </>
                ) : null}
              </Text>
            </Group>
          </div>
        </Group>
        {unread ? (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconCheck size={14} aria-hidden />}
            onClick={() => onMarkRead(notification.id)}
            aria-describedby={messageId}
            style={{ flexShrink: 0 }}
          >
            {t('notifications.markRead')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}
