import type { FragmentType } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { Anchor, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { CommitmentStatusBadges } from '../commitments/commitment-badges.js';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OverdueBadge } from '../../components/badges.js';
import { DateText, DateTimeText, Local, OrganizationName } from '../../components/text.js';
import { PublicCommitmentRowFragmentDoc, PublicMeetingRowFragmentDoc } from '../../graphql/generated.js';
import { useDigits } from '../plans/digits.js';

/** A label above its value, small, as a term and its description (inside a `<dl>`): reads well on a phone. */
export function PublicFact({ label, children }: { label: string; children: React.ReactNode }) {
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

/** A PUBLIC commitment's progress as a bar and a percentage; in a `column` of cards the numbers line up. */
export function PublicProgress({ progress, column = false }: { progress: number; column?: boolean }) {
  const { t } = useTranslation();
  const digits = useDigits();
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress
        value={progress}
        style={{ flex: 1 }}
        aria-label={t('public.progressOf', { progress: digits(progress) })}
      />
      <Text size="sm" w={column ? 48 : undefined} ta={column ? 'right' : undefined}>
        {digits(progress)}%
      </Text>
    </Group>
  );
}

/** PUBLIC commitments as cards: lead agency, status, progress, due date and last update. */
export function PublicCommitmentList({
  commitments,
}: {
  commitments: readonly (FragmentType<typeof PublicCommitmentRowFragmentDoc> & { id: string })[];
}) {
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {commitments.map((c) => (
        <PublicCommitmentCard key={c.id} commitment={c} />
      ))}
    </Stack>
  );
}

/** One PUBLIC commitment as a card. */
function PublicCommitmentCard({ commitment }: { commitment: FragmentType<typeof PublicCommitmentRowFragmentDoc> }) {
  const { t } = useTranslation();
  const { data: c, complete } = useFragment({
    fragment: PublicCommitmentRowFragmentDoc,
    fragmentName: 'PublicCommitmentRow',
    from: commitment,
  });
  if (!complete) return null;
  return (
    <Paper component="li" withBorder p="md" radius="md" data-testid="public-commitment">
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
          <CommitmentStatusBadges status={c.status} completionLevel={c.completionLevel} />
          {c.isOverdue ? <OverdueBadge /> : null}
        </Group>
        <PublicProgress progress={c.progress} column />
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" component="dl" m={0}>
          <PublicFact label={t('public.fields.lead')}>
            <OrganizationName organization={c.leadOrganization} full />
          </PublicFact>
          <PublicFact label={t('public.fields.dueDate')}>
            <DateText value={c.dueDate} />
          </PublicFact>
          <PublicFact label={t('public.fields.lastUpdate')}>
            {c.lastUpdateAt ? <DateTimeText value={c.lastUpdateAt} /> : t('public.noUpdateYet')}
          </PublicFact>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** PUBLIC meetings, newest first, with whether their minutes are approved. */
export function PublicMeetingList({
  meetings,
}: {
  meetings: readonly (FragmentType<typeof PublicMeetingRowFragmentDoc> & { id: string })[];
}) {
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {meetings.map((m) => (
        <PublicMeetingCard key={m.id} meeting={m} />
      ))}
    </Stack>
  );
}

/** One PUBLIC meeting as a card: when, where, who organised it, and whether its minutes are out. */
function PublicMeetingCard({ meeting }: { meeting: FragmentType<typeof PublicMeetingRowFragmentDoc> }) {
  const { t } = useTranslation();
  const { data: m, complete } = useFragment({
    fragment: PublicMeetingRowFragmentDoc,
    fragmentName: 'PublicMeetingRow',
    from: meeting,
  });
  if (!complete) return null;
  return (
    <Paper component="li" withBorder p="md" radius="md" data-testid="public-meeting">
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
  );
}
