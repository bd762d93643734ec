/**
 * What travels between server instances: ids and kinds only, never record contents, so a
 * message stays far below PostgreSQL's 8000-byte NOTIFY limit and carries nothing a viewer
 * could be refused. Each instance loads what it needs with each subscriber's own viewer.
 */

/** The PostgreSQL NOTIFY channel (and Redis pub/sub channel) of live events. */
export const LIVE_CHANNEL = 'prachum_live';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
export const MAX_MESSAGE_BYTES = 7_900;

/** One entry of an instance's presence list for a meeting. */
export interface PresenceWire {
  /** Person. */
  p: string;
  /** Agenda item being edited, or null. */
  a: string | null;
  /** Since when on the page (ISO). */
  s: string;
  /** Whose browser session it is: a hash, so that no session id travels. */
  k: string;
  /** When the item was chosen (epoch ms; 0: never). */
  d: number;
}

export type LiveMessage =
  /** An audited change was committed. */
  | {
      t: 'audit';
      /** Entity type, e.g. AgendaItem. */
      e: string;
      /** Entity id. */
      id: string;
      /** Operation, e.g. update. */
      o: string;
      /** The kind a meeting page shows, e.g. MINUTES_UPDATED. */
      k: string;
      /** The meeting concerned, when known at write time (always for removals). */
      m?: string;
      /** Who did it (person). */
      p?: string;
      at: string;
    }
  /** A notification was written for `r` (person). */
  | { t: 'notification'; id: string; r: string }
  /** The presence list of one instance `i` for meeting `m` (replaces the previous one). */
  | { t: 'presence'; i: string; m: string; e: PresenceWire[] }
  /** Session `k` edits agenda item `a` (null: none) of meeting `m` now. */
  | { t: 'presence-set'; m: string; k: string; a: string | null }
  /** Instance `i` wants every instance's presence for meeting `m` (it just got a watcher). */
  | { t: 'presence-ask'; m: string; i: string };

/** The JSON text of a message; throws when it would not fit in a NOTIFY payload. */
export function encodeMessage(message: LiveMessage): string {
  const text = JSON.stringify(message);
  if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) throw new Error(`live message too large (${text.length} bytes)`);
  return text;
}

/** The message a payload holds, or undefined for anything else (another program on the channel). */
export function decodeMessage(text: string): LiveMessage | undefined {
  try {
    const value = JSON.parse(text) as LiveMessage;
    return value && typeof value === 'object' && typeof value.t === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

type AuditChanges = Record<string, { before: unknown; after: unknown }> | null | undefined;

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string')
    return (value as { id: string }).id;
  return undefined;
}

/** What a meeting page calls an audited change (MeetingEvent.kind). */
export function eventKind(entityType: string, operation: string, changes: AuditChanges): string {
  const changed = (field: string) => Boolean(changes && field in changes);
  switch (entityType) {
    case 'Meeting':
      if (operation === 'reorder') return 'AGENDA_REORDERED';
      return changed('status') ? 'STATUS_CHANGED' : operation === 'create' ? 'MEETING_CREATED' : 'MEETING_UPDATED';
    case 'AgendaItem':
      if (operation === 'create') return 'AGENDA_ITEM_ADDED';
      if (operation === 'remove') return 'AGENDA_ITEM_REMOVED';
      if (operation === 'reorder') return 'AGENDA_REORDERED';
      if (operation === 'reviseMinutes') return 'MINUTES_REVISED';
      return changed('minutes') || changed('minutesKm') ? 'MINUTES_UPDATED' : 'AGENDA_ITEM_UPDATED';
    case 'Participation':
      return 'ATTENDANCE_CHANGED';
    case 'Decision':
      return operation === 'create' ? 'DECISION_RECORDED' : 'DECISION_UPDATED';
    case 'Commitment':
      if (operation === 'create') return 'COMMITMENT_CREATED';
      return changed('status') ? 'COMMITMENT_STATUS_CHANGED' : 'COMMITMENT_UPDATED';
    case 'DueDateChange':
      return 'COMMITMENT_UPDATED';
    default:
      return `${entityType}_${operation}`.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
  }
}

/** The live message of an audit event (ids, the kind, and the meeting when the changes name it). */
export function auditMessage(
  event: { entityType: string; entityId: string; operation: string; changes?: AuditChanges },
  actor: string | undefined,
): LiveMessage {
  const meeting =
    event.entityType === 'Meeting'
      ? event.entityId
      : (idOf(event.changes?.meeting?.after) ?? idOf(event.changes?.meeting?.before));
  return {
    t: 'audit',
    e: event.entityType,
    id: event.entityId,
    o: event.operation,
    k: eventKind(event.entityType, event.operation, event.changes),
    ...(meeting ? { m: meeting } : {}),
    ...(actor ? { p: actor } : {}),
    at: new Date().toISOString(),
  };
}
