import { Anchor, type AnchorProps } from '@mantine/core';
import { Link } from 'react-router';
import { Local } from '../../components/text.js';

/** A meeting's title in the reader's language, linking to the meeting's page. */
export function MeetingLink({
  meeting,
  ...anchor
}: {
  meeting: { id: string; title?: string | null; titleKm?: string | null };
} & Pick<AnchorProps, 'fw' | 'size' | 'underline'>) {
  return (
    <Anchor component={Link} to={`/meetings/${encodeURIComponent(meeting.id)}`} {...anchor}>
      <Local en={meeting.title} km={meeting.titleKm} />
    </Anchor>
  );
}
