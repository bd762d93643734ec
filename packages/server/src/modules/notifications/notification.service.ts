import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireWriteScope } from '../../auth/permissions.js';
import type { Viewer } from '../../auth/viewer.js';
import { NotFoundError, UnauthenticatedError } from '../../errors.js';
import type { Page, PageArgs } from '../../graphql/connection.js';
import { listPage } from '../../graphql/list-page.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { CommitmentSchema } from '../commitments/commitment.entity.js';
import { commitmentVisibilitySql } from '../commitments/commitment.sql.js';
import { MeetingSchema } from '../meetings/meeting.entity.js';
import { meetingVisibilityWhere } from '../meetings/meeting.service.js';
import { link, type MailConfig, queueMail } from '../mail/outbox.service.js';
import { PersonSchema } from '../people/person.entity.js';
import type { FollowUpEvent } from './follow-up.js';
import { type Notification, type NotificationKind, NotificationSchema } from './notification.entity.js';
import { type Bilingual, describe, type MessageFacts } from './notification.messages.js';
import { followersOf, loadRecipients, type Recipient, recipientMaySee, recipientsWithRole } from './recipients.js';
import { queueLive } from '../../live/live.outbox.js';

export interface NotificationRequest {
  key: string;
  kind: NotificationKind;
  recipient: Recipient;
  commitment?: string | null;
  meeting?: string | null;
  actor?: string | null;
  message: Bilingual;
  at?: Date;
}

/** Writes a notification once per key; true when it is new. */
export async function createNotification(em: EntityManager, request: NotificationRequest): Promise<boolean> {
  const rows = await em.execute(
    `insert into notification (id, key, recipient_id, kind, at, commitment_id, meeting_id, actor_id, message, message_km)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (key) do nothing returning id`,
    [
      randomUUID(),
      request.key,
      request.recipient.person,
      request.kind,
      (request.at ?? new Date()).toISOString(),
      request.commitment ?? null,
      request.meeting ?? null,
      request.actor ?? null,
      request.message.en,
      request.message.km,
    ],
  );
  const id = (rows[0] as { id?: string } | undefined)?.id;
  // The bell of the recipient's open pages (notificationAdded), on commit.
  if (id) queueLive(em, { t: 'notification', id, r: request.recipient.person });
  return rows.length > 0;
}

/** Kinds the whole secretariat hears of, besides the followers. */
const SECRETARIAT_KINDS = new Set<NotificationKind>([
  'STATUS_CHANGED',
  'PROGRESS_REPORTED',
  'AWAITING_VERIFICATION',
  'DUE_DATE_CHANGE_REQUESTED',
]);

/** Who hears about an event, before the access rules and the actor are taken out. */
async function audience(em: EntityManager, event: FollowUpEvent): Promise<Recipient[]> {
  switch (event.kind) {
    case 'ASSIGNED':
      return loadRecipients(em, [event.assignee]);
    case 'MEETING_INVITATION':
      return loadRecipients(em, [event.person]);
    case 'MINUTES_APPROVED': {
      // The people who took part and the focal points of the organisations they represented.
      const rows = await em.execute<{ person: string }[]>(
        `select pa.person_id as person from participation pa where pa.meeting_id = ?
          union select p.id from person p
          where p.is_focal_point and p.organization_id in (select organization_id from participation where meeting_id = ?)`,
        [event.meeting, event.meeting],
      );
      return loadRecipients(
        em,
        rows.map((r) => r.person),
      );
    }
    default: {
      const followers = (await followersOf(em, [event.commitment])).get(event.commitment) ?? [];
      const requester = 'requester' in event && event.requester ? [event.requester] : [];
      const recipients = await loadRecipients(em, [...followers, ...requester]);
      if (!SECRETARIAT_KINDS.has(event.kind)) return recipients;
      const known = new Set(recipients.map((r) => r.person));
      const secretariat = (await recipientsWithRole(em, 'SECRETARIAT')).filter((r) => !known.has(r.person));
      return [...recipients, ...secretariat];
    }
  }
}

async function factsOf(em: EntityManager, event: FollowUpEvent): Promise<MessageFacts & { path: string }> {
  const actor = event.actor ? await em.findOne(PersonSchema, { id: event.actor }) : null;
  const base = { actor: actor?.fullName, actorKm: actor?.fullNameKm };
  if ('commitment' in event) {
    const commitment = await em.findOneOrFail(CommitmentSchema, { id: event.commitment });
    return {
      ...base,
      reference: commitment.reference,
      title: commitment.title,
      titleKm: commitment.titleKm,
      status: commitment.status,
      progress: commitment.progress,
      dueDate: commitment.dueDate,
      reason: 'reason' in event ? event.reason : null,
      fromDate: 'from' in event ? event.from : undefined,
      toDate: 'to' in event ? event.to : undefined,
      accepted: 'accepted' in event ? event.accepted : undefined,
      path: `/commitments/${toGlobalId('Commitment', commitment.id)}`,
    };
  }
  const meeting = await em.findOneOrFail(MeetingSchema, { id: event.meeting });
  return {
    ...base,
    meetingTitle: meeting.title,
    meetingTitleKm: meeting.titleKm,
    meetingStartsAt: meeting.startsAt,
    path: `/meetings/${toGlobalId('Meeting', meeting.id)}`,
  };
}

const OPEN: Bilingual = { en: 'Open in Prachum', km: 'បើកក្នុងប្រជុំ' };

/**
 * The `notify` job: tells everyone concerned by an event, each once. Everything is written in
 * one transaction with keys derived from the event, so a retry or a second worker adds nothing.
 */
export async function deliverEvent(em: EntityManager, config: MailConfig, event: FollowUpEvent) {
  return em.transactional(async (tx) => {
    const record = 'commitment' in event ? { commitment: event.commitment } : { meeting: event.meeting };
    const exists =
      'commitment' in event
        ? await tx.findOne(CommitmentSchema, { id: event.commitment })
        : await tx.findOne(MeetingSchema, { id: event.meeting });
    if (!exists) return { notifications: 0, mails: 0 };
    const facts = await factsOf(tx, event);
    const message = describe(event.kind, facts);
    let notifications = 0;
    let mails = 0;
    for (const recipient of await audience(tx, event)) {
      if (recipient.person === event.actor) continue;
      if (!(await recipientMaySee(tx, recipient, record))) continue;
      const key = `${event.kind}:${event.id}:${recipient.person}`;
      const created = await createNotification(tx, {
        key,
        kind: event.kind,
        recipient,
        ...record,
        actor: event.actor,
        message,
      });
      if (!created) continue;
      notifications++;
      if (!recipient.emailEvents) continue;
      const mail = await queueMail(tx, config, {
        key,
        kind: event.kind,
        recipient: recipient.person,
        to: recipient.email,
        locale: recipient.locale,
        body: { subject: message, heading: message, action: { label: OPEN, url: link(config, facts.path) } },
      });
      if (mail) mails++;
    }
    return { notifications, mails };
  });
}

// --- reading ---------------------------------------------------------------------------------

/** The viewer's own notifications about records they may (still) see, as SQL on `n`. */
function ownVisible(viewer: Viewer): { sql: string; params: unknown[] } {
  if (!viewer.personId) return { sql: 'false', params: [] };
  const commitment = commitmentVisibilitySql(viewer, false, 'nc');
  const meeting = meetingVisibilityWhere(viewer, false, 'nm');
  return {
    sql: `n.recipient_id = ?
      and (n.commitment_id is null or exists (select 1 from commitment nc where nc.id = n.commitment_id and ${commitment.sql}))
      and (n.meeting_id is null or exists (select 1 from meeting nm where nm.id = n.meeting_id${meeting ? ` and ${meeting.sql}` : ''}))`,
    params: [viewer.personId, ...commitment.params, ...(meeting?.params ?? [])],
  };
}

function requireSignedIn(viewer: Viewer): void {
  if (!viewer.role) throw new UnauthenticatedError();
}

export async function listNotifications(
  scope: { em: EntityManager; viewer: Viewer },
  unreadOnly: boolean,
  page: PageArgs,
): Promise<Page<Notification>> {
  requireSignedIn(scope.viewer);
  const own = ownVisible(scope.viewer);
  const where = `${own.sql}${unreadOnly ? ' and n.read_at is null' : ''}`;
  return listPage(page, {
    async count() {
      const [{ count }] = await scope.em.execute<{ count: string }[]>(
        `select count(*) as count from notification n where ${where}`,
        own.params,
      );
      return Number(count);
    },
    async rows({ limit, offset }) {
      const rows = await scope.em.execute<Record<string, unknown>[]>(
        `select n.* from notification n where ${where} order by n.at desc, n.id desc limit ? offset ?`,
        [...own.params, limit, offset],
      );
      return rows.map((row) => scope.em.map(NotificationSchema, row) as Notification);
    },
  });
}

export async function unreadNotificationCount(scope: { em: EntityManager; viewer: Viewer }): Promise<number> {
  if (!scope.viewer.personId) return 0;
  const own = ownVisible(scope.viewer);
  const [{ count }] = await scope.em.execute<{ count: string }[]>(
    `select count(*) as count from notification n where ${own.sql} and n.read_at is null`,
    own.params,
  );
  return Number(count);
}

/** Marks some (or all) of the viewer's notifications read; ids of others' notifications are ignored. */
export async function markNotificationsRead(
  scope: { em: EntityManager; viewer: Viewer },
  selection: { ids?: string[]; all?: boolean },
): Promise<number> {
  requireSignedIn(scope.viewer);
  requireWriteScope(scope.viewer);
  if (scope.viewer.personId && (selection.all || selection.ids?.length)) {
    const ids = selection.all ? [] : (selection.ids ?? []);
    await scope.em.execute(
      `update notification set read_at = now() where recipient_id = ? and read_at is null${
        selection.all ? '' : ` and id in (${ids.map(() => '?').join(', ')})`
      }`,
      [scope.viewer.personId, ...ids],
    );
  }
  return unreadNotificationCount(scope);
}

// --- following -------------------------------------------------------------------------------

/**
 * Follows or unfollows a commitment the viewer may see. Unfollowing one followed by role (as
 * assignee, focal point or creator) is remembered too, so its notifications stop.
 */
export async function setFollowing(
  scope: { em: EntityManager; viewer: Viewer },
  commitmentId: string,
  following: boolean,
  visible: (id: string) => Promise<unknown>,
): Promise<void> {
  requireSignedIn(scope.viewer);
  requireWriteScope(scope.viewer);
  // Hidden and missing answer alike: NOT_FOUND.
  if (!scope.viewer.personId || !(await visible(commitmentId))) throw new NotFoundError('Commitment', commitmentId);
  await scope.em.execute(
    `insert into commitment_follow (commitment_id, person_id, following, at) values (?, ?, ?, now())
     on conflict (commitment_id, person_id) do update set following = excluded.following, at = excluded.at`,
    [commitmentId, scope.viewer.personId, following],
  );
}
