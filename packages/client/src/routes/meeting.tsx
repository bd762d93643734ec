import type { FragmentType } from '@apollo/client';
import { useFragment, useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconCalendarPlus, IconCheck, IconEdit, IconFileCertificate, IconTrash, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { MeetingStatusBadge, VisibilityBadge } from '../components/badges.js';
import { ConflictNotice } from '../components/conflict.js';
import { Fact, PageHeader } from '../components/page.js';
import { MutationError, RecordPageStates } from '../components/states.js';
import { DateTimeText, Local, OrganizationName, PersonName, useLocalText } from '../components/text.js';
import { RecordHistory } from '../features/audit/audit-events.js';
import { AgendaSection } from '../features/meetings/agenda-section.js';
import { MeetingLive } from '../features/live/meeting-live.js';
import { AttendanceSection } from '../features/meetings/attendance-section.js';
import { DecisionsSection } from '../features/meetings/decisions-section.js';
import { MattersArisingSection } from '../features/meetings/matters-arising.js';
import { MinutesDownloadMenu } from '../features/meetings/minutes-download.js';
import { MeetingEditModal } from '../features/meetings/meeting-edit.js';
import {
  ApproveMinutesModal,
  CancelMeetingModal,
  DeleteMeetingModal,
  isDeletable,
} from '../features/meetings/status-modals.js';
import { isStaff, useViewer } from '../features/session/session.js';
import {
  ApproveMinutesDocument,
  CancelMeetingDocument,
  DeleteMeetingDocument,
  MarkMeetingHeldDocument,
  type MeetingDetailFragment,
  MeetingDetailFragmentDoc,
  MeetingPageDocument,
} from '../graphql/generated.js';
import { conflictVersion, errorCode, fieldErrors } from '../lib/errors.js';

/** The live minute-taking screen: agenda and minutes, attendance, decisions and the commitments they create. */
export function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const viewer = useViewer();
  const { data, loading, error, refetch } = useQuery(MeetingPageDocument, { variables: { id } });
  const meeting = data?.node?.__typename === 'Meeting' ? data.node : null;
  const approved = meeting?.status === 'MINUTES_APPROVED';

  if (!meeting || !data) {
    return (
      <RecordPageStates
        query={{ loading, error, data, refetch }}
        notFound={t('meetings.notFound')}
        back={{ to: '/meetings', label: t('meetings.title') }}
      />
    );
  }
  const staff = isStaff(viewer);
  const editable = staff && (meeting.status === 'PLANNED' || meeting.status === 'HELD');
  const directory = { gcmObjectives: data.gcmObjectives };

  const reload = () => refetch();

  return (
    <>
      <MeetingHeader meeting={meeting} staff={staff} onReload={reload} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <MeetingLive meetingId={meeting.id} onReload={reload} />
            {meeting.series ? (
              <MattersArisingSection key={meeting.id} meeting={meeting} viewer={viewer} onReload={reload} />
            ) : null}
            <AgendaSection meeting={meeting} editable={editable} revisable={staff && approved} onReload={reload} />
            <DecisionsSection meeting={meeting} directory={directory} editable={editable} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <MeetingFacts meeting={meeting} />
            <AttendanceSection meeting={meeting} editable={editable} />
            {staff ? <RecordHistory key={meeting.id} entityId={meeting.id} /> : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

type MeetingRef = FragmentType<typeof MeetingDetailFragmentDoc>;

/** The meeting's own fields, read from the page's query through the header's fragment. */
function useMeetingDetail(meeting: MeetingRef): MeetingDetailFragment | null {
  const { data, complete } = useFragment({
    fragment: MeetingDetailFragmentDoc,
    fragmentName: 'MeetingDetail',
    from: meeting,
  });
  return complete ? data : null;
}

function MeetingHeader({ meeting, ...props }: Omit<HeaderProps, 'meeting'> & { meeting: MeetingRef }) {
  const detail = useMeetingDetail(meeting);
  return detail ? <Header meeting={detail} {...props} /> : null;
}

interface HeaderProps {
  meeting: MeetingDetailFragment;
  staff: boolean;
  onReload: () => Promise<unknown>;
}

function Header({ meeting, staff, onReload }: HeaderProps) {
  const { t } = useTranslation();
  const local = useLocalText();
  const navigate = useNavigate();
  const [deleteMeeting, deleted] = useMutation(DeleteMeetingDocument);
  const series = meeting.series;
  const deletable = staff && isDeletable(meeting, meeting.commitments.totalCount);
  const [markHeld, held] = useMutation(MarkMeetingHeldDocument);
  const [approve, approved] = useMutation(ApproveMinutesDocument);
  const [cancel, cancelled] = useMutation(CancelMeetingDocument);
  const [reloading, setReloading] = useState(false);
  const [dialog, setDialog] = useState<'edit' | 'cancel' | 'approve' | 'delete' | null>(null);
  const error = held.error ?? approved.error ?? cancelled.error;
  // A missing or refused reason is shown beside the field in the cancel dialog, which stays open.
  const cancelProblems = fieldErrors(cancelled.error);
  const headerError =
    cancelled.error && errorCode(cancelled.error) === 'BAD_USER_INPUT' && cancelProblems.reason ? undefined : error;
  const input = { id: meeting.id, version: meeting.version };

  const run = (action: () => Promise<unknown>) => action().catch(() => undefined);
  const close = () => setDialog(null);

  return (
    <PageHeader
      title={<Local en={meeting.title} km={meeting.titleKm} />}
      documentTitle={local(meeting.title, meeting.titleKm)}
      crumbs={[{ label: t('meetings.title'), to: '/meetings' }]}
      actions={
        <>
          <MinutesDownloadMenu meetingId={meeting.id} />
          <Button
            component="a"
            href={`/exports/meetings/${encodeURIComponent(meeting.id)}.ics`}
            download
            variant="default"
            leftSection={<IconCalendarPlus size={16} aria-hidden />}
            data-testid="add-to-calendar"
          >
            {t('meetings.addToCalendar')}
          </Button>
          {staff && meeting.status !== 'CANCELLED' ? (
            <Button
              variant="default"
              leftSection={<IconEdit size={16} aria-hidden />}
              onClick={() => setDialog('edit')}
              data-testid="edit-meeting"
            >
              {t('meetings.editDetails')}
            </Button>
          ) : null}
          {staff && meeting.status === 'PLANNED' ? (
            <>
              {deletable ? (
                <Button
                  variant="default"
                  color="red"
                  leftSection={<IconTrash size={16} aria-hidden />}
                  onClick={() => {
                    deleted.reset();
                    setDialog('delete');
                  }}
                  data-testid="delete-meeting"
                >
                  {t('corrections.deleteMeeting')}
                </Button>
              ) : null}
              <Button
                variant="default"
                color="red"
                leftSection={<IconX size={16} aria-hidden />}
                loading={cancelled.loading}
                onClick={() => {
                  cancelled.reset();
                  setDialog('cancel');
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
                approved.reset();
                setDialog('approve');
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
      {staff ? (
        <>
          <MeetingEditModal
            meeting={meeting}
            series={series}
            opened={dialog === 'edit'}
            onClose={close}
            onReload={onReload}
          />
          <CancelMeetingModal
            key={dialog === 'cancel' ? 'open' : 'closed'}
            opened={dialog === 'cancel'}
            onClose={close}
            loading={cancelled.loading}
            reasonError={cancelProblems.reason}
            onConfirm={(reason) =>
              void cancel({ variables: { input: { ...input, reason } } }).then(close, (failure: unknown) => {
                // A refused reason stays beside its field; anything else is shown on the page.
                if (!fieldErrors(failure).reason) close();
              })
            }
          />
          <DeleteMeetingModal
            opened={dialog === 'delete'}
            onClose={close}
            loading={deleted.loading}
            error={deleted.error}
            onConfirm={() =>
              void deleteMeeting({
                variables: { input },
                update: (cache) => {
                  cache.evict({ id: cache.identify({ __typename: 'Meeting', id: meeting.id }) });
                  cache.evict({ fieldName: 'meetings' });
                  cache.gc();
                },
              }).then(
                () => navigate('/meetings', { replace: true }),
                () => undefined,
              )
            }
          />
          <ApproveMinutesModal
            opened={dialog === 'approve'}
            onClose={close}
            loading={approved.loading}
            onConfirm={() =>
              void run(async () => {
                try {
                  await approve({ variables: { input } });
                } finally {
                  close();
                }
              })
            }
          />
        </>
      ) : null}
      {headerError && conflictVersion(headerError) !== undefined ? (
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
        <MutationError error={headerError} />
      )}
    </PageHeader>
  );
}

function MeetingFacts({ meeting: ref }: { meeting: MeetingRef }) {
  const { t } = useTranslation();
  const meeting = useMeetingDetail(ref);
  if (!meeting) return null;
  const series = meeting.series;
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
        {series ? (
          <Fact label={t('meetings.fields.series')}>
            <Anchor component={Link} to={`/series/${encodeURIComponent(series.id)}`} size="sm">
              <Local en={series.title} km={series.titleKm} />
            </Anchor>
          </Fact>
        ) : null}
      </Stack>
    </Card>
  );
}
