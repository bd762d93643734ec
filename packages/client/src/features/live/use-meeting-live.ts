import { useApolloClient, useMutation, useSubscription } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  MeetingChangedDocument,
  MeetingPageDocument,
  MeetingPresenceDocument,
  type MeetingPresenceSubscription,
  SetMeetingPresenceDocument,
} from '../../graphql/generated.js';

/** Several events in a burst (someone typing) make one refetch. */
const REFETCH_AFTER_MS = 250;
/** Focus hopping between fields of one item is not worth telling the others about at each hop. */
const PRESENCE_AFTER_MS = 400;

export type PresenceEntry = MeetingPresenceSubscription['meetingPresence'][number];

/** Kinds whose news is the changed agenda item itself, which the event brings into the cache. */
const ITEM_ONLY = new Set(['MINUTES_UPDATED', 'AGENDA_ITEM_UPDATED']);

/** The agenda item the focused element belongs to (its `data-agenda-item-id`), if any. */
function itemOf(element: EventTarget | null): string | null {
  return element instanceof Element
    ? (element.closest('[data-agenda-item-id]')?.getAttribute('data-agenda-item-id') ?? null)
    : null;
}

/**
 * Keeps an open meeting page up to date while others work on it: minutes arrive in the cache with
 * the event; attendance, decisions, commitments, agenda and status changes refetch the page's
 * queries. Also says who else is on the page and which item each edits, and tells them which item
 * this viewer edits (the agenda item holding the focus).
 */
export function useMeetingLive(meetingId: string, options: { personId?: string | null; canEdit: boolean }) {
  const client = useApolloClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refetchSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => void client.refetchQueries({ include: [MeetingPageDocument] }).catch(() => undefined),
      REFETCH_AFTER_MS,
    );
  }, [client]);
  useEffect(() => () => clearTimeout(timer.current), []);

  useSubscription(MeetingChangedDocument, {
    variables: { id: meetingId },
    skip: !meetingId,
    onData: ({ data }) => {
      const event = data.data?.meetingChanged;
      if (!event) return;
      if (event.agendaItem && ITEM_ONLY.has(event.kind)) return;
      refetchSoon();
    },
  });

  const presence = useSubscription(MeetingPresenceDocument, { variables: { id: meetingId }, skip: !meetingId });
  const entries: PresenceEntry[] = presence.data?.meetingPresence ?? [];

  // Which item this viewer edits: the one the focus is in.
  const [editing, setEditing] = useState<string | null>(null);
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => setEditing(itemOf(event.target));
    const onFocusOut = (event: FocusEvent) => {
      if (!event.relatedTarget) setEditing(null);
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
    };
  }, []);

  const [setPresence] = useMutation(SetMeetingPresenceDocument);
  const told = useRef<string | null>(null);
  useEffect(() => {
    if (!options.canEdit || !meetingId || told.current === editing) return;
    const wait = setTimeout(() => {
      told.current = editing;
      void setPresence({ variables: { input: { meetingId, agendaItemId: editing } } }).catch(() => undefined);
    }, PRESENCE_AFTER_MS);
    return () => clearTimeout(wait);
  }, [editing, meetingId, options.canEdit, setPresence]);

  const others = entries.filter((entry) => entry.person.id !== options.personId);
  // Someone else started on the item this viewer edits: the conflict is offered now, not at save time.
  const sameItem = editing ? others.filter((entry) => entry.agendaItem?.id === editing) : [];
  return { others, editing, sameItem };
}
