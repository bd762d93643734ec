import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue } from '../../jobs/queue.js';
import type { NotificationKind } from './notification.entity.js';

/**
 * Something that happened that people should hear about. `id` is unique per event (the id of
 * the audit event or progress update that recorded it): notifications and e-mails are keyed by it.
 */
export type FollowUpEvent =
  | { id: string; kind: 'ASSIGNED'; commitment: string; assignee: string; actor: string | null }
  | {
      id: string;
      kind: 'STATUS_CHANGED' | 'PROGRESS_REPORTED' | 'AWAITING_VERIFICATION' | 'VERIFIED' | 'RETURNED';
      commitment: string;
      actor: string | null;
      reason?: string | null;
    }
  | {
      id: string;
      kind: 'DUE_DATE_CHANGE_REQUESTED' | 'DUE_DATE_CHANGE_DECIDED';
      commitment: string;
      actor: string | null;
      /** The person who asked (told of the decision). */
      requester?: string | null;
      from: string | null;
      to: string | null;
      accepted?: boolean;
      reason?: string | null;
    }
  | { id: string; kind: 'MEETING_INVITATION'; meeting: string; person: string; actor: string | null }
  | { id: string; kind: 'MINUTES_APPROVED'; meeting: string; actor: string | null };

export type EventKind = FollowUpEvent['kind'] & NotificationKind;

/** Queues the notifications (and e-mails) of an event in the transaction of `em`, which made the change. */
export async function followUp(em: EntityManager, event: FollowUpEvent): Promise<void> {
  await enqueue(em, 'notify', event, { key: `notify:${event.kind}:${event.id}` });
}
