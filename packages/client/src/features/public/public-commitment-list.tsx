import { Anchor, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { completionAddsToStatus } from '../commitments/due-dates.js';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CommitmentStatusBadge, CompletionLevelBadge, OverdueBadge } from '../../components/badges.js';
import { DateText, DateTimeText, Local, OrganizationName } from '../../components/text.js';
import type { PublicCommitmentRowFragment, PublicMeetingRowFragment } from '../../graphql/generated.js';
import { useDigits } from '../plans/digits.js';

/** A label above its value, small: reads well on a phone where a table would not fit. */
function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** PUBLIC commitments as cards: lead agency, status, progress, due date and last update. */
export function PublicCommitmentList({ commitments }: { commitments: readonly PublicCommitmentRowFragment[] }) {
  const { t } = useTranslation();
  const digits = useDigits();
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {commitments.map((c) => (
        <Paper component="li" key={c.id} withBorder p="md" radius="md" data-testid="public-commitment">
          <Stack gap="xs">
            <div>
              <Anchor component={Link} to={`/public/commitments/${encodeURIComponent(c.id)}`} fw={600}>
                <Local en={c.title} km={c.titleKm} />
              </Anchor>
              <Text size="xs" c="dimmed">
                {c.reference}
              </Text>
            </div>
            <Group gap={6}>
              <CommitmentStatusBadge status={c.status} />
              {completionAddsToStatus(c.status, c.completionLevel) ? (
                <CompletionLevelBadge level={c.completionLevel} />
              ) : null}
              {c.isOverdue ? <OverdueBadge /> : null}
            </Group>
            <Group gap="xs" wrap="nowrap">
              <Progress
                value={c.progress}
                style={{ flex: 1 }}
                aria-label={t('public.progressOf', { progress: digits(c.progress) })}
              />
              <Text size="sm" w={48} ta="right">
                {digits(c.progress)}%
              </Text>
            </Group>
            <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" component="dl" m={0}>
              <Fact label={t('public.fields.lead')}>
                <OrganizationName organization={c.leadOrganization} full />
              </Fact>
              <Fact label={t('public.fields.dueDate')}>
                <DateText value={c.dueDate} />
              </Fact>
              <Fact label={t('public.fields.lastUpdate')}>
                {c.lastUpdateAt ? <DateTimeText value={c.lastUpdateAt} /> : t('public.noUpdateYet')}
              </Fact>
            </SimpleGrid>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/** PUBLIC meetings, newest first, with whether their minutes are approved. */
export function PublicMeetingList({ meetings }: { meetings: readonly PublicMeetingRowFragment[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {meetings.map((m) => (
        <Paper component="li" key={m.id} withBorder p="md" radius="md" data-testid="public-meeting">
          <Anchor component={Link} to={`/public/meetings/${encodeURIComponent(m.id)}`} fw={600}>
            <Local en={m.title} km={m.titleKm} />
          </Anchor>
          <Text size="sm" c="dimmed">
            <DateTimeText value={m.startsAt} />
            {m.location ? ` · ${m.location}` : ''} · <OrganizationName organization={m.organizer} />
          </Text>
          <Text size="xs" mt={4}>
            {m.status === 'MINUTES_APPROVED'
              ? t('public.minutesApproved')
              : m.status === 'CANCELLED'
                ? t('meetingStatus.CANCELLED')
                : t('public.minutesNotYet')}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
