import { useQuery } from '@apollo/client/react';
import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page.js';
import { useSearchParams } from 'react-router';
import { Pager } from '../components/pager.js';
import { QueryStates } from '../components/states.js';
import { InvitationCard, NoInvitations } from '../features/invitations/invitation-list.js';
import { MyInvitationsDocument } from '../graphql/generated.js';

const PAGE_SIZE = 20;

/** A focal point's upcoming meetings: confirm or send apologies, themselves (RSVP). */
export function InvitationsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { data, loading, error, refetch } = useQuery(MyInvitationsDocument, {
    variables: { first: PAGE_SIZE, after: params.get('after') },
    fetchPolicy: 'cache-and-network',
  });
  return (
    <>
      <PageHeader title={t('invitations.title')}>
        <Text c="dimmed" size="sm">
          {t('invitations.intro')}
        </Text>
      </PageHeader>
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data && data.myInvitations.nodes.length === 0 ? <NoInvitations /> : null}
      {data && data.myInvitations.nodes.length > 0 ? (
        <>
          <Stack gap="sm" component="section" aria-label={t('invitations.title')}>
            {data.myInvitations.nodes.map((invitation) => (
              <InvitationCard key={invitation.meeting.id} invitation={invitation} />
            ))}
          </Stack>
          <Pager connection={data.myInvitations} forwardOnly />
        </>
      ) : null}
    </>
  );
}
