import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { startSmtpServer } from '../../../test/smtp.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { runDueJobs, startWorker, type WorkerDeps } from '../../jobs/worker.js';
import { createLogger } from '../../logger.js';
import { daysFromToday, testFactories } from '../../test-support/factories.js';
import { createMailer, deliverMail } from '../mail/outbox.service.js';
import { followUp } from './follow-up.js';
import { deliverEvent } from './notification.service.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let f: ReturnType<typeof testFactories>;
let deps: WorkerDeps;
let o: Record<string, any>;

const config = () => ({
  smtpUrl: smtp.url,
  mailFrom: 'NCCT Prachum <no-reply@ncct.test>',
  publicUrl: 'https://prachum.test',
});

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  smtp = await startSmtpServer();
  f = testFactories(db.orm);
  deps = { orm: db.orm, url: db.url, config: config(), logger: createLogger({ logLevel: 'silent' }) };
  const moi = await f.organization('MOI');
  const moh = await f.organization('MOH');
  o = {
    moi,
    moh,
    // The secretariat reads Khmer; the focal point English.
    staff: await f.account('SECRETARIAT', { locale: 'KM', name: 'Sok Dara', nameKm: 'សុខ ដារា' }),
    focal: await f.account('FOCAL_POINT', { organization: moi.id, name: 'Chan Vanna' }),
    otherFocal: await f.account('FOCAL_POINT', { organization: moh.id }),
    quietStaff: await f.account('SECRETARIAT', { emailEvents: false }),
  };
});
afterAll(async () => {
  await api?.stop();
  await smtp?.stop();
  await db?.drop();
});

const jobs = async () =>
  Number((await db.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from graphile_worker.jobs'))[0].n);

/**
 * Runs the due jobs and expects the queue to empty. graphile-worker may write a job's completion just after
 * runOnce returns (a loaded machine saw one left), so the emptying is waited for, not read once.
 */
const runJobsUntilEmpty = async () => {
  await runDueJobs(deps);
  await expect.poll(jobs, { timeout: 10_000 }).toBe(0);
};

const NOTIFICATIONS = `query ($unread: Boolean) {
  me { unreadNotificationCount }
  notifications(first: 50, unreadOnly: $unread) {
    totalCount
    nodes { id kind message messageKm readAt commitment { reference } meeting { title } actor { fullName } }
  }
}`;
const REPORT = `mutation ($input: AddProgressUpdateInput!) { addProgressUpdate(input: $input) { commitment { version } } }`;

async function reportCompleted(commitment: { gid: string }, version = 1) {
  const result = await api.run(o.focal.viewer, REPORT, {
    input: {
      commitmentId: commitment.gid,
      version,
      status: 'COMPLETED',
      note: 'Data sharing agreement signed',
      evidence: [{ url: 'https://example.org/agreement.pdf', title: 'Agreement' }],
    },
  });
  expect(result.errors).toBeUndefined();
}

describe('notifications and e-mail for events', () => {
  it('tells the secretariat, in its language with English below, that a completion waits for verification', async () => {
    const c = await f.commitment({ lead: o.moi.id, title: 'Sign the data sharing agreement', titleKm: 'ចុះហត្ថលេខា' });
    const before = smtp.received.length;
    await reportCompleted(c);
    expect(await jobs()).toBeGreaterThan(0);
    await runJobsUntilEmpty();

    const seen = await api.run(o.staff.viewer, NOTIFICATIONS);
    const mine = seen.data!.notifications.nodes.filter((n: any) => n.commitment?.reference === c.reference);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'AWAITING_VERIFICATION', readAt: null, actor: { fullName: 'Chan Vanna' } });
    expect(mine[0].message).toContain('waiting for verification');
    expect(mine[0].messageKm).toContain('កំពុងរង់ចាំការផ្ទៀងផ្ទាត់');
    expect(seen.data!.me.unreadNotificationCount).toBeGreaterThanOrEqual(1);

    // The actor is not told about their own report.
    const own = await api.run(o.focal.viewer, NOTIFICATIONS);
    expect(own.data!.notifications.nodes.filter((n: any) => n.commitment?.reference === c.reference)).toEqual([]);

    const mails = smtp.received.slice(before).filter((m) => m.to === o.staff.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail.parsed.subject).toContain('កំពុងរង់ចាំការផ្ទៀងផ្ទាត់');
    expect(mail.parsed.from?.value[0]).toMatchObject({ name: 'NCCT Prachum', address: 'no-reply@ncct.test' });
    expect(mail.raw).toMatch(/charset=utf-8/i);
    const text = mail.parsed.text ?? '';
    // Khmer first, English below, a working link and the settings link.
    expect(text.indexOf('កំពុងរង់ចាំការផ្ទៀងផ្ទាត់')).toBeLessThan(text.indexOf('waiting for verification'));
    expect(text).toContain(`https://prachum.test/commitments/${c.gid}`);
    expect(text).toContain('https://prachum.test/settings');
    expect(mail.parsed.html).toContain('Noto Sans Khmer');
    expect(mail.parsed.html).toContain(`href="https://prachum.test/commitments/${c.gid}"`);

    // The secretariat member who turned event e-mails off has the notification but no mail.
    const quiet = await api.run(o.quietStaff.viewer, NOTIFICATIONS);
    expect(quiet.data!.notifications.nodes.some((n: any) => n.commitment?.reference === c.reference)).toBe(true);
    expect(smtp.to(o.quietStaff.email)).toEqual([]);
  });

  it('marks one or all notifications read', async () => {
    const first = await api.run(o.staff.viewer, NOTIFICATIONS, { unread: true });
    const unread = first.data!.me.unreadNotificationCount;
    expect(unread).toBeGreaterThan(0);
    const MARK = `mutation ($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { unreadCount } }`;
    const one = await api.run(o.staff.viewer, MARK, { input: { ids: [first.data!.notifications.nodes[0].id] } });
    expect(one.data!.markNotificationsRead.unreadCount).toBe(unread - 1);
    // Another person's notification ids change nothing for them.
    const foreign = await api.run(o.quietStaff.viewer, MARK, {
      input: { ids: [first.data!.notifications.nodes[0].id] },
    });
    expect(foreign.errors).toBeUndefined();
    const all = await api.run(o.staff.viewer, MARK, { input: { all: true } });
    expect(all.data!.markNotificationsRead.unreadCount).toBe(0);
    const nothing = await api.run(o.staff.viewer, MARK, { input: {} });
    expect(nothing.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('tells the followers when a commitment is verified or returned, with the reason', async () => {
    const c = await f.commitment({ lead: o.moi.id, status: 'COMPLETED', progress: 100 });
    const VERIFY = `mutation ($input: VerifyCommitmentInput!) { verifyCommitment(input: $input) { commitment { version } } }`;
    const result = await api.run(o.staff.viewer, VERIFY, {
      input: { id: c.gid, version: 1, accept: false, reason: 'The signed copy is missing' },
    });
    expect(result.errors).toBeUndefined();
    await runDueJobs(deps);
    const seen = await api.run(o.focal.viewer, NOTIFICATIONS);
    const returned = seen.data!.notifications.nodes.find((n: any) => n.commitment?.reference === c.reference);
    expect(returned).toMatchObject({ kind: 'RETURNED' });
    expect(returned.message).toContain('The signed copy is missing');
    expect(smtp.to(o.focal.email).some((m) => m.parsed.subject?.includes(c.reference))).toBe(true);
  });

  it('notifies an assignee, and never about a commitment they may not see', async () => {
    const CREATE = `mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { id reference } } }`;
    const visible = await api.run(o.staff.viewer, CREATE, {
      input: {
        title: 'Train border officials',
        leadOrganizationId: o.moi.gid ?? toGlobalId('Organization', o.moi.id),
        assigneeId: toGlobalId('Person', o.focal.person),
      },
    });
    // A focal point of MOH assigned to an INTERNAL MOI commitment cannot read it: no notification.
    const hidden = await api.run(o.staff.viewer, CREATE, {
      input: {
        title: 'Internal matter',
        leadOrganizationId: toGlobalId('Organization', o.moi.id),
        assigneeId: toGlobalId('Person', o.otherFocal.person),
      },
    });
    expect(visible.errors ?? hidden.errors).toBeUndefined();
    await runDueJobs(deps);
    const focal = await api.run(o.focal.viewer, NOTIFICATIONS);
    expect(
      focal.data!.notifications.nodes.find(
        (n: any) => n.commitment?.reference === visible.data!.createCommitment.commitment.reference,
      ),
    ).toMatchObject({ kind: 'ASSIGNED', actor: { fullName: 'Sok Dara' } });
    const other = await api.run(o.otherFocal.viewer, NOTIFICATIONS);
    expect(other.data!.notifications.totalCount).toBe(0);
    expect(smtp.to(o.otherFocal.email)).toEqual([]);
  });

  it('stops showing a notification once its record is no longer visible to the viewer', async () => {
    const c = await f.commitment({ lead: o.moh.id, visibility: 'PARTNERS' });
    const FOLLOW = `mutation ($input: FollowCommitmentInput!) { followCommitment(input: $input) { commitment { viewerIsFollowing } } }`;
    const followed = await api.run(o.focal.viewer, FOLLOW, { input: { commitmentId: c.gid } });
    expect(followed.data!.followCommitment.commitment.viewerIsFollowing).toBe(true);
    const UPDATE = `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { version } } }`;
    const update = await api.run(o.staff.viewer, UPDATE, { input: { id: c.gid, version: 1, status: 'AT_RISK' } });
    expect(update.errors).toBeUndefined();
    await runDueJobs(deps);
    const before = await api.run(o.focal.viewer, NOTIFICATIONS);
    expect(
      before.data!.notifications.nodes.some(
        (n: any) => n.kind === 'STATUS_CHANGED' && n.commitment?.reference === c.reference,
      ),
    ).toBe(true);
    const count = before.data!.notifications.totalCount;
    await api.run(o.staff.viewer, UPDATE, { input: { id: c.gid, version: 2, visibility: 'INTERNAL' } });
    const after = await api.run(o.focal.viewer, NOTIFICATIONS);
    expect(after.data!.notifications.totalCount).toBe(count - 1);
    expect(after.data!.notifications.nodes.some((n: any) => n.commitment?.reference === c.reference)).toBe(false);
  });
});

describe('following', () => {
  const PAGE = `query ($id: ID!) { node(id: $id) { ... on Commitment { viewerIsFollowing followers { fullName } } } }`;
  const FOLLOW = `mutation ($input: FollowCommitmentInput!) { followCommitment(input: $input) { commitment { viewerIsFollowing } } }`;
  const UNFOLLOW = `mutation ($input: FollowCommitmentInput!) { unfollowCommitment(input: $input) { commitment { viewerIsFollowing } } }`;

  it('follows by role and by hand; an unfollow by role is kept; followers are for staff only', async () => {
    const c = await f.commitment({ lead: o.moi.id, assignee: o.focal.person });
    expect((await api.run(o.focal.viewer, PAGE, { id: c.gid })).data!.node.viewerIsFollowing).toBe(true);
    expect((await api.run(o.staff.viewer, PAGE, { id: c.gid })).data!.node.viewerIsFollowing).toBe(false);
    expect(
      (await api.run(o.staff.viewer, FOLLOW, { input: { commitmentId: c.gid } })).data!.followCommitment.commitment
        .viewerIsFollowing,
    ).toBe(true);
    const staffView = await api.run(o.staff.viewer, PAGE, { id: c.gid });
    expect(staffView.data!.node.followers.map((p: any) => p.fullName).sort()).toEqual(['Chan Vanna', 'Sok Dara']);
    expect((await api.run(o.focal.viewer, PAGE, { id: c.gid })).data!.node.followers).toEqual([]);

    const unfollowed = await api.run(o.focal.viewer, UNFOLLOW, { input: { commitmentId: c.gid } });
    expect(unfollowed.data!.unfollowCommitment.commitment.viewerIsFollowing).toBe(false);
    // Unfollowed: a status change no longer reaches the assignee.
    const UPDATE = `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { version } } }`;
    await api.run(o.staff.viewer, UPDATE, { input: { id: c.gid, version: 1, status: 'IN_PROGRESS' } });
    await runDueJobs(deps);
    const seen = await api.run(o.focal.viewer, NOTIFICATIONS);
    expect(seen.data!.notifications.nodes.some((n: any) => n.commitment?.reference === c.reference)).toBe(false);
  });

  it('answers a hidden commitment exactly like a missing one', async () => {
    const hidden = await f.commitment({ lead: o.moh.id });
    const missing = toGlobalId('Commitment', '00000000-0000-4000-8000-000000000000');
    const a = await api.run(o.focal.viewer, FOLLOW, { input: { commitmentId: hidden.gid } });
    const b = await api.run(o.focal.viewer, FOLLOW, { input: { commitmentId: missing } });
    expect(a.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(b.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(a.errors?.[0].message.replace(hidden.id, 'X')).toBe(
      b.errors?.[0].message.replace('00000000-0000-4000-8000-000000000000', 'X'),
    );
  });

  it('loads followers of a whole page in a fixed number of statements', async () => {
    for (let i = 0; i < 12; i++) await f.commitment({ lead: o.moi.id, assignee: o.focal.person });
    const LIST = `query ($first: Int) { commitments(first: $first) { nodes { viewerIsFollowing followers { fullName organization { acronym } } } } }`;
    const count = async (first: number) => {
      db.queries.length = 0;
      const result = await api.run(o.staff.viewer, LIST, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.commitments.nodes).toHaveLength(first);
      return db.queries.length;
    };
    expect(await count(12)).toBe(await count(3));
  });
});

describe('meetings', () => {
  it('invites a person added to a coming meeting, and tells participants when minutes are approved', async () => {
    const start = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const CREATE = `mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { id version } } }`;
    const created = await api.run(o.staff.viewer, CREATE, {
      input: {
        title: 'Quarterly review',
        kind: 'PLENARY',
        startsAt: start,
        organizerId: toGlobalId('Organization', o.moi.id),
      },
    });
    const meeting = created.data!.createMeeting.meeting;
    const SET = `mutation ($input: SetParticipationInput!) { setParticipation(input: $input) { meeting { version } } }`;
    const set = await api.run(o.staff.viewer, SET, {
      input: {
        meetingId: meeting.id,
        personId: toGlobalId('Person', o.focal.person),
        role: 'PARTICIPANT',
        attendance: 'INVITED',
      },
    });
    expect(set.errors).toBeUndefined();
    await runDueJobs(deps);
    let seen = await api.run(o.focal.viewer, NOTIFICATIONS);
    expect(seen.data!.notifications.nodes.find((n: any) => n.meeting?.title === 'Quarterly review')).toMatchObject({
      kind: 'MEETING_INVITATION',
    });
    const version = async () =>
      (
        await api.run(o.staff.viewer, `query ($id: ID!) { node(id: $id) { ... on Meeting { version } } }`, {
          id: meeting.id,
        })
      ).data!.node.version;
    const held = await api.run(
      o.staff.viewer,
      `mutation ($input: MarkMeetingHeldInput!) { markMeetingHeld(input: $input) { meeting { version } } }`,
      { input: { id: meeting.id, version: await version() } },
    );
    expect(held.errors).toBeUndefined();
    const approved = await api.run(
      o.staff.viewer,
      `mutation ($input: ApproveMinutesInput!) { approveMinutes(input: $input) { meeting { version } } }`,
      { input: { id: meeting.id, version: await version() } },
    );
    expect(approved.errors).toBeUndefined();
    await runDueJobs(deps);
    seen = await api.run(o.focal.viewer, NOTIFICATIONS);
    expect(
      seen.data!.notifications.nodes.some(
        (n: any) => n.kind === 'MINUTES_APPROVED' && n.meeting?.title === 'Quarterly review',
      ),
    ).toBe(true);
  });
});

describe('nothing is sent twice, and nothing follows a rolled-back change', () => {
  it('a change that rolls back enqueues nothing', async () => {
    const c = await f.commitment({ lead: o.moi.id });
    const before = await jobs();
    await expect(
      db.orm.em.fork().transactional(async (em) => {
        await followUp(em, { id: c.id, kind: 'STATUS_CHANGED', commitment: c.id, actor: null });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await jobs()).toBe(before);
    // A refused mutation enqueues nothing either.
    const stale = await api.run(o.focal.viewer, REPORT, { input: { commitmentId: c.gid, version: 99, note: 'late' } });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await jobs()).toBe(before);
  });

  it('a retried job and a retried mail add nothing', async () => {
    const c = await f.commitment({ lead: o.moi.id, assignee: o.focal.person });
    const event = {
      id: '11111111-1111-4111-8111-111111111111',
      kind: 'STATUS_CHANGED' as const,
      commitment: c.id,
      actor: null,
    };
    const first = await deliverEvent(db.orm.em.fork(), config(), event);
    expect(first.notifications).toBeGreaterThan(0);
    // The job "crashed" after its transaction committed and runs again.
    expect(await deliverEvent(db.orm.em.fork(), config(), event)).toEqual({ notifications: 0, mails: 0 });
    const before = smtp.received.length;
    await runDueJobs(deps);
    const sent = smtp.received.length - before;
    expect(sent).toBe(first.mails);
    // Sending an already-sent mail again does nothing.
    const [mail] = await db.orm.em
      .fork()
      .execute<{ id: string }[]>(`select id from outbox_mail where key like ?`, [`STATUS_CHANGED:${event.id}:%`]);
    expect(await deliverMail(db.orm.em.fork(), createMailer(config()), config(), mail.id)).toBe('skipped');
    expect(smtp.received.length - before).toBe(sent);
  });

  it('two workers on one database send each mail once', async () => {
    const commitments = [];
    for (let i = 0; i < 8; i++) commitments.push(await f.commitment({ lead: o.moi.id }));
    const em = db.orm.em.fork();
    for (const c of commitments) {
      await em.transactional(async (tx) => {
        await followUp(tx, { id: c.id, kind: 'STATUS_CHANGED', commitment: c.id, actor: null });
      });
    }
    const before = smtp.received.length;
    const workers = await Promise.all([startWorker(deps, { concurrency: 3 }), startWorker(deps, { concurrency: 3 })]);
    try {
      for (let i = 0; i < 100 && (await jobs()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    expect(await jobs()).toBe(0);
    const mails = smtp.received.slice(before);
    // One mail per commitment to the lead's focal point, none twice.
    const keys = mails.map((m) => `${m.to} ${m.parsed.subject}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(mails.filter((m) => m.to === o.focal.email)).toHaveLength(commitments.length);
  });
});

describe('the outbox', () => {
  it('records a failure while the mail server is down and sends once it is back', async () => {
    const c = await f.commitment({ lead: o.moi.id, dueDate: daysFromToday(30) });
    const event = {
      id: '22222222-2222-4222-8222-222222222222',
      kind: 'STATUS_CHANGED' as const,
      commitment: c.id,
      actor: null,
    };
    const outbox = () =>
      db.orm.em
        .fork()
        .execute<{ status: string; attempts: number; last_error: string | null }[]>(
          'select status, attempts, last_error from outbox_mail where key like ? order by key',
          [`STATUS_CHANGED:${event.id}:%`],
        );
    await smtp.stop();
    let queued: number;
    try {
      await db.orm.em.fork().transactional((em) => followUp(em, event));
      await runDueJobs(deps);
      const failed = await outbox();
      queued = failed.length;
      expect(queued).toBeGreaterThan(0);
      for (const mail of failed) {
        expect(mail).toMatchObject({ status: 'FAILED', attempts: 1 });
        expect(mail.last_error).toMatch(/ECONNREFUSED|connect/i);
      }
      // Each mail's job waits for its retry (with backoff): nothing was lost.
      expect(await jobs()).toBe(queued);
    } finally {
      await smtp.start();
    }
    const before = smtp.received.length;
    await db.orm.em.fork().execute('update graphile_worker._private_jobs set run_at = now()');
    await runJobsUntilEmpty();
    for (const mail of await outbox()) expect(mail).toMatchObject({ status: 'SENT', attempts: 2, last_error: null });
    expect(smtp.received.length - before).toBe(queued);
  });

  it('holds mail when no SMTP_URL is set, and only administrators read the outbox', async () => {
    const c = await f.commitment({ lead: o.moi.id });
    const held = { ...config(), smtpUrl: undefined };
    await deliverEvent(db.orm.em.fork(), held, {
      id: '33333333-3333-4333-8333-333333333333',
      kind: 'STATUS_CHANGED',
      commitment: c.id,
      actor: null,
    });
    const admin = await f.account('ADMIN');
    const OUTBOX = `query { mailOutbox(first: 100, status: [HELD]) { totalCount nodes { to subject status attempts recipient { fullName } } } }`;
    const result = await api.run(admin.viewer, OUTBOX);
    expect(result.data!.mailOutbox.nodes).toContainEqual(
      expect.objectContaining({
        to: o.focal.email,
        status: 'HELD',
        attempts: 0,
        recipient: { fullName: 'Chan Vanna' },
      }),
    );
    expect(await jobs()).toBe(0);
    const refused = await api.run(o.staff.viewer, OUTBOX);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('my settings', () => {
  it('saves the language and e-mail choices on the account, audited', async () => {
    const me = await f.account('FOCAL_POINT', { organization: o.moi.id });
    const UPDATE = `mutation ($input: UpdateMySettingsInput!) { updateMySettings(input: $input) { viewer { locale emailPreferences { reminders digest events } } } }`;
    const result = await api.run(me.viewer, UPDATE, { input: { locale: 'KM', emailDigest: false } });
    expect(result.data!.updateMySettings.viewer).toEqual({
      locale: 'KM',
      emailPreferences: { reminders: true, digest: false, events: true },
    });
    const again = await api.run(me.viewer, `{ me { locale emailPreferences { digest } } }`);
    expect(again.data!.me).toEqual({ locale: 'KM', emailPreferences: { digest: false } });
    const empty = await api.run(me.viewer, UPDATE, { input: { emailEvents: null } });
    expect(empty.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const [audit] = await db.orm.em
      .fork()
      .execute<{ operation: string }[]>(
        `select operation from audit_event where entity_id = ? order by at desc limit 1`,
        [me.account],
      );
    expect(audit.operation).toBe('updateSettings');
  });
});
