import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { CommitmentStatusBadge, CompletionLevelBadge } from '../../components/badges.js';
import { Local, PersonName } from '../../components/text.js';
import type { CommitmentStatus, CompletionLevel } from '../../graphql/generated.js';
import { completionAddsToStatus } from './due-dates.js';

/** A commitment's status badge, and its completion level's beside it when that says more than the status. */
export function CommitmentStatusBadges({
  status,
  completionLevel,
}: {
  status: CommitmentStatus;
  completionLevel: CompletionLevel | null | undefined;
}) {
  return (
    <>
      <CommitmentStatusBadge status={status} />
      {completionLevel && completionAddsToStatus(status, completionLevel) ? (
        <CompletionLevelBadge level={completionLevel} />
      ) : null}
    </>
  );
}

/** A commitment's title, linking to its page, over its reference, lead agency and assignee (for lists). */
export function CommitmentHeadline({
  commitment,
}: {
  commitment: {
    id: string;
    title?: string | null;
    titleKm?: string | null;
    reference: string;
    leadOrganization: { acronym: string };
    assignee?: { fullName: string | null; fullNameKm: string | null } | null;
  };
}) {
  return (
    <>
      <Anchor component={Link} to={`/commitments/${encodeURIComponent(commitment.id)}`} size="sm" fw={500}>
        <Local en={commitment.title} km={commitment.titleKm} />
      </Anchor>
      <Text size="xs" c="dimmed">
        {commitment.reference} · {commitment.leadOrganization.acronym}
        {commitment.assignee ? (
          <>
            {' · '}
            <PersonName person={commitment.assignee} />
          </>
        ) : null}
      </Text>
    </>
  );
}
