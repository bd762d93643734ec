import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconFileCertificate, IconPrinter, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { MeetingStatusBadge, VisibilityBadge } from '../components/badges.js';
import { ConflictNotice } from '../components/conflict.js';
import { PageHeader } from '../components/page.js';
import { EmptyState, ErrorState, LoadingState, MutationError } from '../components/states.js';
import { DateTimeText, Local, OrganizationName, PersonName, useLocalText } from '../components/text.js';
import { AgendaSection } from '../features/meetings/agenda-section.js';
import { AttendanceSection } from '../features/meetings/attendance-section.js';
import { DecisionsSection } from '../features/meetings/decisions-section.js';
import { isStaff, useViewer } from '../features/session/session.js';
import {
  ApproveMinutesDocument,
  CancelMeetingDocument,
  MarkMeetingHeldDocument,
  type MeetingDetailFragment,
  MeetingPageDocument,
} from '../graphql/generated.js';
import { conflictVersion } from '../lib/errors.js';

/** The live minute-taking screen: agenda and minutes, attendance, decisions and the commitments they create. */
export function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const viewer = useViewer();
  const { data, loading, error, refetch } = useQuery(MeetingPageDocument, { variables: { id } });
  const meeting = data?.node?.__typename === 'Meeting' ? data.node : null;

  if (loading && !data) return <LoadingState />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!meeting || !data) {
    return (
      <EmptyState
        title={t('meetings.notFound')}
        action={
          <Button component={Link} to="/meetings" variant="default">
            {t('meetings.title')}
          </Button>
        }
      />
    );
  }
  const staff = isStaff(viewer);
  const editable = staff && (meeting.status === 'PLANNED' || meeting.status === 'HELD');
  const directory = {
    organizations: data.organizations.nodes,
    people: data.people.nodes,
    gcmObjectives: data.gcmObjectives,
  };

  return (
    <>
      <MeetingHeader meeting={meeting} staff={staff} onReload={() => refetch()} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <AgendaSection meeting={meeting} directory={directory} editable={editable} onReload={() => refetch()} />
            <DecisionsSection meeting={meeting} directory={directory} editable={editable} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <MeetingFacts meeting={meeting} />
            <AttendanceSection meeting={meeting} directory={directory} editable={editable} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function MeetingHeader({
  meeting,
  staff,
  onReload,
}: {
  meeting: MeetingDetailFragment;
  staff: boolean;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const local = useLocalText();
  const [markHeld, held] = useMutation(MarkMeetingHeldDocument);
  const [approve, approved] = useMutation(ApproveMinutesDocument);
  const [cancel, cancelled] = useMutation(CancelMeetingDocument);
  const [reloading, setReloading] = useState(false);
  const error = held.error ?? approved.error ?? cancelled.error;
  const input = { id: meeting.id, version: meeting.version };

  const run = (action: () => Promise<unknown>) => action().catch(() => undefined);

  return (
    <PageHeader
      title={<Local en={meeting.title} km={meeting.titleKm} />}
      documentTitle={local(meeting.title, meeting.titleKm)}
      crumbs={[{ label: t('meetings.title'), to: '/meetings' }]}
      actions={
        <>
          <Button
            component={Link}
            to={`/meetings/${encodeURIComponent(meeting.id)}/print`}
            variant="default"
            leftSection={<IconPrinter size={16} aria-hidden />}
          >
            {t('meetings.printable')}
          </Button>
          {staff && meeting.status === 'PLANNED' ? (
            <>
              <Button
                variant="default"
                color="red"
                leftSection={<IconX size={16} aria-hidden />}
                loading={cancelled.loading}
                onClick={() => {
                  const reason = window.prompt(t('meetings.cancelReason'));
                  if (reason) void run(() => cancel({ variables: { input: { ...input, reason } } }));
                }}
              >
                {t('meetings.cancel')}
              </Button>
              <Button
                leftSection={<IconCheck size={16} aria-hidden />}
                loading={held.loading}
                onClick={() => void run(() => markHeld({ variables: { input } }))}
              >
                {t('meetings.markHeld')}
              </Button>
            </>
          ) : null}
          {staff && meeting.status === 'HELD' ? (
            <Button
              leftSection={<IconFileCertificate size={16} aria-hidden />}
              loading={approved.loading}
              onClick={() => {
                if (window.confirm(t('meetings.confirmApprove'))) void run(() => approve({ variables: { input } }));
              }}
            >
              {t('meetings.approveMinutes')}
            </Button>
          ) : null}
        </>
      }
    >
      <Group gap="xs">
        <MeetingStatusBadge status={meeting.status} />
        <VisibilityBadge visibility={meeting.visibility} />
        <Text size="sm" c="dimmed">
          {t(`meetingKind.${meeting.kind}`)} · <DateTimeText value={meeting.startsAt} />
          {meeting.location ? ` · ${meeting.location}` : ''}
        </Text>
      </Group>
      {error && conflictVersion(error) !== undefined ? (
        <ConflictNotice
          reloading={reloading}
          onReload={() => {
            setReloading(true);
            void onReload().finally(() => {
              setReloading(false);
              held.reset();
              approved.reset();
              cancelled.reset();
            });
          }}
        />
      ) : (
        <MutationError error={error} />
      )}
    </PageHeader>
  );
}

function MeetingFacts({ meeting }: { meeting: MeetingDetailFragment }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="facts-heading">
      <Title order={2} size="h4" id="facts-heading" mb="sm">
        {t('meetings.details')}
      </Title>
      <Stack gap={6}>
        <Fact label={t('meetings.fields.startsAt')}>
          <DateTimeText value={meeting.startsAt} />
        </Fact>
        {meeting.endsAt ? (
          <Fact label={t('meetings.fields.endsAt')}>
            <DateTimeText value={meeting.endsAt} />
          </Fact>
        ) : null}
        <Fact label={t('meetings.fields.location')}>{meeting.location || '—'}</Fact>
        <Fact label={t('meetings.fields.organizer')}>
          <OrganizationName organization={meeting.organizer} full />
        </Fact>
        <Fact label={t('meetings.fields.chair')}>
          <PersonName person={meeting.chair} />
        </Fact>
      </Stack>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}
