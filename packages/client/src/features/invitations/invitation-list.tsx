import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCalendarCheck, IconCalendarX, IconMail } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Tag, type Tone } from '../../components/badges.js';
import { EmptyState, MutationError, QueryStates } from '../../components/states.js';
import { DateTimeText } from '../../components/text.js';
import {
  type Attendance,
  type InvitationFieldsFragment,
  MyInvitationsDocument,
  RespondToInvitationDocument,
} from '../../graphql/generated.js';
import { MeetingLink } from '../meetings/meeting-link.js';

const tones: Partial<Record<Attendance, Tone>> = { CONFIRMED: 'green', APOLOGIES: 'orange', INVITED: 'blue' };

/** One invitation with the viewer's answer, and the two buttons to give or change it. */
export function InvitationCard({ invitation }: { invitation: InvitationFieldsFragment }) {
  const { t } = useTranslation();
  // Participations have no id of their own (apollo.ts), so the lists holding this one are read again.
  const [respond, { loading, error }] = useMutation(RespondToInvitationDocument, {
    refetchQueries: [MyInvitationsDocument],
    awaitRefetchQueries: true,
  });
  const meeting = invitation.meeting;
  const answer = (attendance: Attendance) =>
    void respond({ variables: { input: { meetingId: meeting.id, attendance } } }).catch(() => undefined);
  const headingId = `invitation-${meeting.id}`;
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-labelledby={headingId} data-testid="invitation">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div>
            <Title order={3} size="h5" id={headingId}>
              <MeetingLink meeting={meeting} />
            </Title>
            <Text size="sm" c="dimmed">
              <DateTimeText value={meeting.startsAt} />
              {meeting.location ? ` · ${meeting.location}` : ''} · {meeting.organizer.acronym}
            </Text>
            <Text size="xs" c="dimmed">
              {t('invitations.as', {
                role: t(`participationRole.${invitation.role}`),
                organization: invitation.organization.acronym,
              })}
            </Text>
          </div>
          <Tag tone={tones[invitation.attendance] ?? 'gray'}>
            <span data-testid="invitation-answer">{t(`attendanceStatus.${invitation.attendance}`)}</span>
          </Tag>
        </Group>
        <MutationError error={error} fields={[]} />
        <Group gap="xs">
          <Button
            size="xs"
            leftSection={<IconCalendarCheck size={14} aria-hidden />}
            variant={invitation.attendance === 'CONFIRMED' ? 'filled' : 'default'}
            aria-pressed={invitation.attendance === 'CONFIRMED'}
            loading={loading}
            onClick={() => answer('CONFIRMED')}
            data-testid="invitation-confirm"
          >
            {t('invitations.confirm')}
          </Button>
          <Button
            size="xs"
            leftSection={<IconCalendarX size={14} aria-hidden />}
            variant={invitation.attendance === 'APOLOGIES' ? 'filled' : 'default'}
            aria-pressed={invitation.attendance === 'APOLOGIES'}
            loading={loading}
            onClick={() => answer('APOLOGIES')}
            data-testid="invitation-apologies"
          >
            {t('invitations.apologies')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/**
 * The viewer's upcoming invitations, soonest first, each answerable in place. Small enough for the
 * dashboard (`limit`, with a link to the full list at /invitations).
 */
export function UpcomingInvitations({ limit = 3 }: { limit?: number }) {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(MyInvitationsDocument, {
    variables: { first: limit },
    fetchPolicy: 'cache-and-network',
  });
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="upcoming-invitations-heading">
      <Group justify="space-between" mb="sm">
        <Group gap={6}>
          <IconMail size={18} aria-hidden />
          <Title order={2} size="h4" id="upcoming-invitations-heading">
            {t('invitations.title')}
          </Title>
        </Group>
        <Anchor component={Link} to="/invitations" size="sm">
          {t('invitations.all')}
        </Anchor>
      </Group>
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data && data.myInvitations.nodes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('invitations.empty')}
        </Text>
      ) : null}
      <Stack gap="sm">
        {data?.myInvitations.nodes.map((invitation) => (
          <InvitationCard key={invitation.meeting.id} invitation={invitation} />
        ))}
      </Stack>
    </Card>
  );
}

/** The empty state of the invitations page. */
export function NoInvitations() {
  const { t } = useTranslation();
  return <EmptyState title={t('invitations.empty')} description={t('invitations.emptyHint')} />;
}
