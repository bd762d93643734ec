import { useFragment, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Card, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Pager } from '../components/pager.js';
import { EmptyState, ErrorState, LoadingState, QueryStates } from '../components/states.js';
import { DateTimeText, Local, OrganizationName, useLanguage, useLocalText } from '../components/text.js';
import { MarkdownText } from '../features/meetings/markdown.js';
import { useDigits } from '../features/plans/digits.js';
import { PublicCommitmentList, PublicMeetingList } from '../features/public/public-commitment-list.js';
import { PublicHeading } from '../features/public/public-layout.js';
import { PublicMeetingDocument, PublicMeetingRowFragmentDoc, PublicMeetingsDocument } from '../graphql/generated.js';
import { errorCode } from '../lib/errors.js';
import { pickText } from '../lib/format.js';
import { PublicNotFound } from './public-commitments.js';

/** /public/meetings: the PUBLIC meetings, newest first. */
export function PublicMeetingsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { data, loading, error, refetch } = useQuery(PublicMeetingsDocument, {
    variables: { after: params.get('after') },
  });
  return (
    <>
      <PublicHeading title={t('public.meetings.title')} intro={t('public.meetings.intro')} />
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data && data.meetings.nodes.length === 0 ? (
        <EmptyState title={t('public.meetings.empty')} description={t('public.meetings.emptyHint')} />
      ) : null}
      {data && data.meetings.nodes.length > 0 ? (
        <>
          <PublicMeetingList meetings={data.meetings.nodes} />
          <Pager connection={data.meetings} forwardOnly />
        </>
      ) : null}
    </>
  );
}

/**
 * /public/meetings/:id: a PUBLIC meeting; its minutes only once approved (drafts are still being written), its
 * decisions and the PUBLIC commitments made in it. No attendance list: people are not shown here.
 */
export function PublicMeetingPage() {
  const { t } = useTranslation();
  const local = useLocalText();
  const language = useLanguage();
  const digits = useDigits();
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(PublicMeetingDocument, { variables: { id } });
  const node = data?.node;
  const meeting = node && node.__typename === 'Meeting' ? node : null;
  // What the list's card shows is read through the card's fragment; the rest is this page's own.
  const { data: row, complete } = useFragment({
    fragment: PublicMeetingRowFragmentDoc,
    fragmentName: 'PublicMeetingRow',
    from: meeting,
  });

  if (loading && !data) return <LoadingState />;
  // A malformed address reads like a record that does not exist, as does one that is not PUBLIC.
  if (error && !data && !['NOT_FOUND', 'BAD_USER_INPUT'].includes(errorCode(error) ?? ''))
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!meeting) return <PublicNotFound />;
  if (!complete) return null;
  const approved = row.status === 'MINUTES_APPROVED';
  const items = [...meeting.agendaItems].sort((a, b) => a.position - b.position);

  return (
    <>
      <Anchor component={Link} to="/public/meetings" size="sm">
        {t('public.meetings.back')}
      </Anchor>
      <PublicHeading title={local(row.title, row.titleKm)} />
      <Text c="dimmed" mt={-12} mb="lg">
        <DateTimeText value={row.startsAt} />
        {row.location ? ` · ${row.location}` : ''} · <OrganizationName organization={row.organizer} full />
      </Text>
      <Stack gap="lg">
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="public-minutes">
          <Title order={2} size="h4" id="public-minutes" mb="sm">
            {t('public.meetings.minutes')}
          </Title>
          {!approved ? (
            <Alert
              color="blue"
              variant="light"
              icon={<IconInfoCircle aria-hidden />}
              data-testid="minutes-not-approved"
            >
              {row.status === 'CANCELLED' ? t('public.meetings.cancelled') : t('public.meetings.notApproved')}
            </Alert>
          ) : items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('public.meetings.noAgenda')}
            </Text>
          ) : (
            <Stack gap="md" component="ol" style={{ paddingLeft: '1.25rem', margin: 0 }}>
              {items.map((item) => {
                const minutes = pickText(language, item.minutes, item.minutesKm);
                return (
                  <li key={item.id} data-testid="public-agenda-item">
                    <Text fw={600}>
                      <Local en={item.title} km={item.titleKm} />
                    </Text>
                    {minutes ? (
                      <MarkdownText text={minutes.text} />
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('public.meetings.noMinutes')}
                      </Text>
                    )}
                  </li>
                );
              })}
            </Stack>
          )}
        </Card>
        {approved ? (
          <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="public-decisions">
            <Title order={2} size="h4" id="public-decisions" mb="sm">
              {t('public.meetings.decisions')}
            </Title>
            {meeting.decisions.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('public.meetings.noDecisions')}
              </Text>
            ) : (
              <Stack gap="xs" component="ol" style={{ paddingLeft: '1.25rem', margin: 0 }}>
                {meeting.decisions.map((decision) => (
                  <li key={decision.id}>
                    <Text size="sm">
                      <Local en={decision.text} km={decision.textKm} />
                    </Text>
                  </li>
                ))}
              </Stack>
            )}
          </Card>
        ) : null}
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="public-meeting-commitments">
          <Title order={2} size="h4" id="public-meeting-commitments" mb="sm">
            {t('public.meetings.commitments', {
              count: meeting.commitments.totalCount,
              total: digits(meeting.commitments.totalCount),
            })}
          </Title>
          {meeting.commitments.nodes.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('public.meetings.noCommitments')}
            </Text>
          ) : (
            <PublicCommitmentList commitments={meeting.commitments.nodes} />
          )}
        </Card>
      </Stack>
    </>
  );
}
