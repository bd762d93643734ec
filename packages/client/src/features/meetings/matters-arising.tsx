import type { FragmentType } from '@apollo/client';
import { useApolloClient, useFragment, useQuery } from '@apollo/client/react';
import { Button, Card, Group, Menu, Paper, Progress, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { IconCalendarTime, IconChevronDown, IconCircleX, IconMessage2, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PrintTable } from '../../components/list-table.js';
import { Dialog } from '../../components/dialog.js';
import { OverdueBadge } from '../../components/badges.js';
import { ErrorState, LoadingState } from '../../components/states.js';
import { DateText, DateTimeText, Local, useLanguage } from '../../components/text.js';
import {
  type MatterArisingFragment,
  MatterArisingFragmentDoc,
  type MattersArisingMeetingFragment,
  MattersArisingMeetingFragmentDoc,
  MattersArisingReviewMeetingFragmentDoc,
  type ProgressChange,
  SincePreviousCommitmentsDocument,
  type SincePreviousFiguresFragment,
} from '../../graphql/generated.js';
import { CancelCommitmentForm } from '../commitments/cancel-commitment.js';
import { CommitmentList } from '../commitments/commitment-list.js';
import { ChangeDueDateForm } from '../commitments/due-date-forms.js';
import { SlipNote } from '../commitments/due-date-history.js';
import { CommitmentHeadline, CommitmentStatusBadges } from '../commitments/commitment-badges.js';
import { ProgressForm } from '../commitments/progress-form.js';
import { VerifyPanel } from '../commitments/verify-panel.js';
import { canReportOn, isStaff, type Viewer } from '../session/session.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { MeetingLink } from './meeting-link.js';

type Action = 'progress' | 'dueDate' | 'close';

/** The figures "since the previous meeting" shows, each opening the commitments behind it. */
const sinceFigures = [
  { field: 'completed', change: 'COMPLETED' },
  { field: 'becameOverdue', change: 'BECAME_OVERDUE' },
  { field: 'withoutUpdate', change: 'WITHOUT_UPDATE' },
] as const satisfies readonly { field: keyof SincePreviousFiguresFragment; change: ProgressChange }[];

/**
 * The review of commitments from earlier meetings of the series that are still open, overdue first: for each,
 * what was said (a progress update), a new due date or closing it, without leaving the meeting.
 */
export function MattersArisingSection({
  meeting,
  ...props
}: {
  meeting: FragmentType<typeof MattersArisingMeetingFragmentDoc>;
  viewer: Viewer;
  /** Fetches the meeting page again (after a follow-up is recorded, or for a conflict). */
  onReload: () => Promise<unknown>;
}) {
  const { data, complete } = useFragment({
    fragment: MattersArisingMeetingFragmentDoc,
    fragmentName: 'MattersArisingMeeting',
    from: meeting,
  });
  return complete ? <MattersArising meeting={data} {...props} /> : null;
}

function MattersArising({
  meeting,
  viewer,
  onReload,
}: {
  meeting: MattersArisingMeetingFragment;
  viewer: Viewer;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useApolloClient();
  const [open, setOpen] = useState<{ action: Action; commitmentId: string } | null>(null);
  const meetingId = meeting.id;
  const staff = isStaff(viewer);
  const current = meeting.mattersArising.find((c) => c.id === open?.commitmentId) ?? null;
  const close = () => setOpen(null);
  const done = () => {
    close();
    void onReload().catch(() => undefined);
  };
  // The forms reload for a conflict and read the commitment's version from what they get back.
  const reload = async () => {
    await onReload();
    const found = open
      ? client.cache.readFragment({
          fragment: MatterArisingFragmentDoc,
          fragmentName: 'MatterArising',
          id: client.cache.identify({ __typename: 'Commitment', id: open.commitmentId }),
        })
      : null;
    return { data: { node: found ? { version: found.version } : null } };
  };

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="matters-heading">
      <Title order={2} size="h3" id="matters-heading" mb={4}>
        {t('matters.title')}
        {` (${formatNumber(meeting.mattersArising.length, language)})`}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('matters.intro')}
      </Text>
      <Stack gap="md">
        {meeting.previousInSeries && meeting.progressSincePrevious ? (
          <SincePrevious
            meetingId={meetingId}
            previous={meeting.previousInSeries}
            figures={meeting.progressSincePrevious}
          />
        ) : null}
        {meeting.mattersArising.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="no-matters-arising">
            {meeting.previousInSeries ? t('matters.none') : t('matters.firstOfSeries')}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {meeting.mattersArising.map((commitment) => (
              <MatterItem
                key={commitment.id}
                commitment={commitment}
                mayReport={canReportOn(viewer, [
                  commitment.leadOrganization.id,
                  ...commitment.supportingOrganizations.map((o) => o.id),
                ])}
                staff={staff}
                onAction={(action) => setOpen({ action, commitmentId: commitment.id })}
              />
            ))}
          </Stack>
        )}
      </Stack>
      <Dialog
        opened={!!open && !!current}
        onClose={close}
        size="lg"
        title={
          current && open
            ? `${
                open.action === 'progress'
                  ? t('matters.recordProgress')
                  : open.action === 'dueDate'
                    ? t('dueDates.change')
                    : current.status === 'COMPLETED'
                      ? t('verify.accept')
                      : t('closeCommitment.title')
              } · ${current.reference}`
            : ''
        }
      >
        {current && open ? (
          <Stack gap="sm">
            <Text size="sm" fw={500}>
              <Local en={current.title} km={current.titleKm} />
            </Text>
            {open.action === 'progress' ? (
              <ProgressForm commitment={current} onReload={reload} onDone={done} bare />
            ) : null}
            {open.action === 'dueDate' ? (
              <ChangeDueDateForm commitment={current} onDone={done} onCancel={close} onReload={reload} />
            ) : null}
            {open.action === 'close' && current.status === 'COMPLETED' ? (
              <VerifyPanel commitment={current} onReload={reload} onDone={done} />
            ) : null}
            {open.action === 'close' && current.status !== 'COMPLETED' ? (
              <CancelCommitmentForm commitment={current} onDone={done} onCancel={close} onReload={reload} />
            ) : null}
          </Stack>
        ) : null}
      </Dialog>
    </Card>
  );
}

function MatterItem({
  commitment,
  mayReport,
  staff,
  onAction,
}: {
  commitment: MatterArisingFragment;
  mayReport: boolean;
  staff: boolean;
  onAction: (action: Action) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const completed = commitment.status === 'COMPLETED';
  const canRecord = mayReport && !completed;
  return (
    <Paper
      component="li"
      withBorder
      radius="sm"
      p="sm"
      data-testid="matter-arising"
      data-overdue={commitment.isOverdue}
      data-reference={commitment.reference}
    >
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 16rem' }}>
          <CommitmentHeadline commitment={commitment} />
          <Group gap="xs" mt={2}>
            <Text size="xs">
              {t('commitments.fields.dueDate')}: <DateText value={commitment.dueDate} />
            </Text>
            {commitment.isOverdue ? <OverdueBadge /> : null}
            <SlipNote slippedDays={commitment.slippedDays} withOriginal={false} />
          </Group>
        </Stack>
        <Stack gap={6} align="flex-end" style={{ flex: '0 0 auto' }}>
          <Group gap={4} justify="flex-end">
            <CommitmentStatusBadges status={commitment.status} completionLevel={commitment.completionLevel} />
          </Group>
          <Group gap={6} wrap="nowrap">
            <Progress value={commitment.progress} w={90} size="sm" aria-hidden />
            <Text size="xs">{formatPercent(commitment.progress, language)}</Text>
          </Group>
          {canRecord || staff ? (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button
                  size="xs"
                  variant="default"
                  rightSection={<IconChevronDown size={14} aria-hidden />}
                  aria-label={t('matters.followUpOf', { reference: commitment.reference })}
                  data-testid="matter-actions"
                >
                  {t('matters.followUp')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {canRecord ? (
                  <Menu.Item
                    leftSection={<IconMessage2 size={14} aria-hidden />}
                    onClick={() => onAction('progress')}
                    data-testid="record-progress"
                  >
                    {t('matters.recordProgress')}
                  </Menu.Item>
                ) : null}
                {staff ? (
                  <Menu.Item
                    leftSection={<IconCalendarTime size={14} aria-hidden />}
                    onClick={() => onAction('dueDate')}
                  >
                    {t('dueDates.change')}
                  </Menu.Item>
                ) : null}
                {staff ? (
                  <Menu.Item
                    leftSection={
                      completed ? <IconShieldCheck size={14} aria-hidden /> : <IconCircleX size={14} aria-hidden />
                    }
                    onClick={() => onAction('close')}
                  >
                    {completed ? t('verify.accept') : t('closeCommitment.title')}
                  </Menu.Item>
                ) : null}
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Stack>
      </Group>
    </Paper>
  );
}

/** What changed since the previous meeting of the series; each figure opens its commitments here. */
function SincePrevious({
  meetingId,
  previous,
  figures,
}: {
  meetingId: string;
  previous: { id: string; title: string | null; titleKm: string | null; startsAt: string };
  figures: SincePreviousFiguresFragment;
}) {
  const { t } = useTranslation();
  const [change, setChange] = useState<ProgressChange | null>(null);
  return (
    <Stack gap="xs" data-testid="since-previous">
      <Text size="sm">
        {t('matters.sincePrevious')} <MeetingLink meeting={previous} underline="always" /> (
        <DateTimeText value={previous.startsAt} />)
      </Text>
      <Group gap="sm">
        {sinceFigures.map((figure) => (
          <UnstyledButton
            key={figure.change}
            onClick={() => setChange(change === figure.change ? null : figure.change)}
            aria-expanded={change === figure.change}
            className="figure-button"
            data-testid={`since-${figure.change}`}
          >
            <Text fw={700} size="lg" lh={1.2}>
              {figures[figure.field]}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`reports.figures.${figure.field}`)}
            </Text>
          </UnstyledButton>
        ))}
      </Group>
      {change ? <SinceCommitments meetingId={meetingId} change={change} /> : null}
    </Stack>
  );
}

function SinceCommitments({ meetingId, change }: { meetingId: string; change: ProgressChange }) {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(SincePreviousCommitmentsDocument, {
    variables: { id: meetingId, change },
  });
  const connection =
    data?.node?.__typename === 'Meeting' ? (data.node.progressSincePrevious?.commitments ?? null) : null;
  if (loading && !data) return <LoadingState />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!connection || connection.nodes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('reports.noCommitments')}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <CommitmentList commitments={connection.nodes} />
      {connection.totalCount > connection.nodes.length ? (
        <Text size="xs" c="dimmed">
          {t('pager.showing', { shown: connection.nodes.length, total: connection.totalCount })}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The matters arising as the printed minutes show them: what changed since the previous meeting, then each one. */
export function MattersArisingReview({
  meeting: from,
}: {
  meeting: FragmentType<typeof MattersArisingReviewMeetingFragmentDoc>;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { data: meeting, complete } = useFragment({
    fragment: MattersArisingReviewMeetingFragmentDoc,
    fragmentName: 'MattersArisingReviewMeeting',
    from,
  });
  if (!complete) return null;
  if (!meeting.previousInSeries && meeting.mattersArising.length === 0) return null;
  const figures = meeting.progressSincePrevious;
  return (
    <section data-testid="matters-review">
      <Title order={2} size="h3" mb="xs">
        {t('matters.reviewTitle')}
      </Title>
      {meeting.previousInSeries && figures ? (
        <Stack gap={0} mb="xs">
          <Text>
            {t('matters.sincePrevious')}{' '}
            <Local en={meeting.previousInSeries.title} km={meeting.previousInSeries.titleKm} /> (
            <DateTimeText value={meeting.previousInSeries.startsAt} />)
          </Text>
          <Text>
            {sinceFigures
              .map((figure) => `${t(`reports.figures.${figure.field}`)}: ${figures[figure.field]}`)
              .join(' · ')}
          </Text>
        </Stack>
      ) : null}
      {meeting.mattersArising.length === 0 ? (
        <Text c="dimmed">{t('matters.none')}</Text>
      ) : (
        <PrintTable
          head={
            <>
              <Table.Th>{t('commitments.fields.reference')}</Table.Th>
              <Table.Th>{t('commitments.fields.title')}</Table.Th>
              <Table.Th>{t('commitments.fields.leadOrganization')}</Table.Th>
              <Table.Th>{t('commitments.fields.dueDate')}</Table.Th>
              <Table.Th>{t('commitments.fields.status')}</Table.Th>
              <Table.Th>{t('commitments.fields.progress')}</Table.Th>
            </>
          }
        >
          {meeting.mattersArising.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{c.reference}</Table.Td>
              <Table.Td>
                <Local en={c.title} km={c.titleKm} />
              </Table.Td>
              <Table.Td>{c.leadOrganization.acronym}</Table.Td>
              <Table.Td>
                <DateText value={c.dueDate} />
                {c.isOverdue ? ` (${t('commitments.overdue')})` : ''}
              </Table.Td>
              <Table.Td>{t(`commitmentStatus.${c.status}`)}</Table.Td>
              <Table.Td>{formatPercent(c.progress, language)}</Table.Td>
            </Table.Tr>
          ))}
        </PrintTable>
      )}
    </section>
  );
}
