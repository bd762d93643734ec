import { useMutation } from '@apollo/client/react';
import { Button, Card, List, Text, Title, Tooltip } from '@mantine/core';
import { IconBell, IconBellCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { MutationError } from '../../components/states.js';
import { PersonName } from '../../components/text.js';
import {
  type CommitmentFollowingFragment,
  FollowCommitmentDocument,
  UnfollowCommitmentDocument,
} from '../../graphql/generated.js';

/** Follow / Following: a toggle; followers are told of every change to the commitment. */
export function FollowButton({ commitment }: { commitment: CommitmentFollowingFragment }) {
  const { t } = useTranslation();
  const [follow, followed] = useMutation(FollowCommitmentDocument);
  const [unfollow, unfollowed] = useMutation(UnfollowCommitmentDocument);
  const following = commitment.viewerIsFollowing;
  const toggle = () => {
    const variables = { input: { commitmentId: commitment.id } };
    void (following ? unfollow({ variables }) : follow({ variables })).catch(() => undefined);
  };
  const error = followed.error ?? unfollowed.error;
  return (
    <>
      <Tooltip label={following ? t('follow.followingHint') : t('follow.followHint')} multiline w={260} withArrow>
        <Button
          variant={following ? 'light' : 'default'}
          leftSection={following ? <IconBellCheck size={16} aria-hidden /> : <IconBell size={16} aria-hidden />}
          aria-pressed={following}
          loading={followed.loading || unfollowed.loading}
          onClick={toggle}
          data-testid="follow-button"
        >
          {following ? t('follow.following') : t('follow.follow')}
        </Button>
      </Tooltip>
      {error ? <MutationError error={error} /> : null}
    </>
  );
}

/** For the secretariat: who is told about this commitment's changes. */
export function FollowersCard({ commitment }: { commitment: CommitmentFollowingFragment }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="followers-heading">
      <Title order={2} size="h4" id="followers-heading" mb={4}>
        {t('follow.followers', { count: commitment.followers.length })}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('follow.followersHint')}
      </Text>
      {commitment.followers.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('follow.noFollowers')}
        </Text>
      ) : (
        <List size="sm" spacing={4} data-testid="followers">
          {commitment.followers.map((person) => (
            <List.Item key={person.id}>
              <PersonName person={person} />
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
