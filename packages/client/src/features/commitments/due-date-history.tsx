import { Card, Group, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DueDateChangeStatusBadge } from '../../components/badges.js';
import { DateText, DateTimeText, PersonName } from '../../components/text.js';
import type { DueDateChangeFieldsFragment } from '../../graphql/generated.js';
import { newestFirst, slipOf } from './due-dates.js';

/** "Slipped by 45 days" (or earlier, or back on the first date), with the first due date; nothing if it never moved. */
export function SlipNote({
  slippedDays,
  originalDueDate,
  changes = 0,
  withOriginal = true,
}: {
  slippedDays: number | null;
  originalDueDate?: string | null;
  changes?: number;
  withOriginal?: boolean;
}) {
  const { t } = useTranslation();
  const slip = slipOf(slippedDays, changes);
  if (!slip) return null;
  const text =
    slip.direction === 'later'
      ? slip.days === 1
        ? t('dueDates.slippedOneDay')
        : t('dueDates.slippedDays', { days: slip.days })
      : slip.direction === 'earlier'
        ? slip.days === 1
          ? t('dueDates.earlierOneDay')
          : t('dueDates.earlierDays', { days: slip.days })
        : t('dueDates.backOnFirst');
  return (
    <Text size="xs" c={slip.direction === 'later' ? '#a33a06' : 'dimmed'} component="span" data-testid="slip">
      {text}
      {withOriginal && originalDueDate ? (
        <>
          {' · '}
          {t('dueDates.firstDueDate')} <DateText value={originalDueDate} />
        </>
      ) : null}
    </Text>
  );
}

/** Every move of the due date and every request to move it, newest first: from → to, why, who, when. */
export function DueDateHistory({
  changes,
  slippedDays,
  originalDueDate,
}: {
  changes: readonly DueDateChangeFieldsFragment[];
  slippedDays: number | null;
  originalDueDate: string | null;
}) {
  const { t } = useTranslation();
  const sorted = newestFirst(changes);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="due-dates-heading">
      <Title order={2} size="h4" id="due-dates-heading" mb={4}>
        {t('dueDates.history')}
      </Title>
      <Group gap="xs" mb="md">
        {originalDueDate ? (
          <Text size="sm" c="dimmed">
            {t('dueDates.firstDueDate')} <DateText value={originalDueDate} />
          </Text>
        ) : null}
        <SlipNote slippedDays={slippedDays} changes={changes.length} withOriginal={false} />
      </Group>
      {sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('dueDates.neverMoved')}
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={sorted.length}>
          {sorted.map((change) => (
            <Timeline.Item
              key={change.id}
              data-testid="due-date-change"
              data-status={change.status}
              title={
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    <DateText value={change.from} /> → <DateText value={change.to} />
                  </Text>
                  <DueDateChangeStatusBadge status={change.status} />
                </Group>
              }
            >
              <Text size="xs" c="dimmed">
                {change.status === 'APPLIED' ? t('dueDates.changedBy') : t('dueDates.requestedBy')}{' '}
                <PersonName person={change.requestedBy} /> · <DateTimeText value={change.at} />
              </Text>
              {change.reason ? (
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                  {change.reason}
                </Text>
              ) : null}
              {change.status === 'ACCEPTED' || change.status === 'DECLINED' ? (
                <Stack gap={0} mt={4}>
                  <Text size="xs" c="dimmed">
                    {change.status === 'ACCEPTED' ? t('dueDates.acceptedBy') : t('dueDates.declinedBy')}{' '}
                    <PersonName person={change.decidedBy} /> · <DateTimeText value={change.decidedAt} />
                  </Text>
                  {change.decisionReason ? (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {change.decisionReason}
                    </Text>
                  ) : null}
                </Stack>
              ) : null}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Card>
  );
}
