import type { FragmentType } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { Card, Group, Text, Timeline, type TimelineItemProps, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CommitmentStatusBadge } from '../../components/badges.js';
import { DateTimeText, Local, PersonName, useLanguage } from '../../components/text.js';
import { ProgressTimelineFragmentDoc, ProgressUpdateItemFragmentDoc } from '../../graphql/generated.js';
import { formatPercent } from '../../lib/format.js';
import { EvidenceList } from '../files/evidence-list.js';

/** One progress update: new status and progress, who and when, the note and the evidence. */
function ProgressEntry({
  update,
  ...timeline
}: { update: FragmentType<typeof ProgressUpdateItemFragmentDoc> } & Omit<TimelineItemProps, 'children' | 'title'>) {
  const language = useLanguage();
  const { data, complete } = useFragment({
    fragment: ProgressUpdateItemFragmentDoc,
    fragmentName: 'ProgressUpdateItem',
    from: update,
  });
  if (!complete) return null;
  return (
    // Timeline hands each of its children its place in the line: passed on to the item.
    <Timeline.Item
      {...timeline}
      data-testid="progress-update"
      title={
        <Group gap="xs">
          {data.status ? <CommitmentStatusBadge status={data.status} /> : null}
          {data.progress !== null ? <Text size="sm">{formatPercent(data.progress, language)}</Text> : null}
        </Group>
      }
    >
      <Text size="xs" c="dimmed">
        <DateTimeText value={data.createdAt} /> · <PersonName person={data.author} />
      </Text>
      {data.note || data.noteKm ? (
        <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
          <Local en={data.note} km={data.noteKm} />
        </Text>
      ) : null}
      <EvidenceList evidence={data.evidence} />
    </Timeline.Item>
  );
}

/** A commitment's progress updates, newest first. */
export function ProgressTimeline({ commitment }: { commitment: FragmentType<typeof ProgressTimelineFragmentDoc> }) {
  const { t } = useTranslation();
  const { data, complete } = useFragment({
    fragment: ProgressTimelineFragmentDoc,
    fragmentName: 'ProgressTimeline',
    from: commitment,
  });
  const updates = complete ? [...data.updates.nodes].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : [];
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="timeline-heading">
      <Title order={2} size="h4" id="timeline-heading" mb="md">
        {t('progress.timeline')}
      </Title>
      {updates.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('progress.none')}
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={updates.length}>
          {updates.map((update) => (
            <ProgressEntry key={update.id} update={update} />
          ))}
        </Timeline>
      )}
    </Card>
  );
}
