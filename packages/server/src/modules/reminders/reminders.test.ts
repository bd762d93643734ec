import 'reflect-metadata';
import { parseCrontab } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { startSmtpServer } from '../../../test/smtp.js';
import { runCli } from '../../cli/main.js';
import { pino } from 'pino';
import { runDueJobs, startWorker, type WorkerDeps } from '../../jobs/worker.js';
import { CRONTAB } from '../../jobs/schedule.js';
import { createLogger } from '../../logger.js';
import { testFactories } from '../../test-support/factories.js';
import { DueDateChangeSchema } from '../due-dates/due-date-change.entity.js';
import { runWeeklyDigest } from './digest.service.js';
import { addDays } from '../committee/rules.js';
import { reminderRule, runReminderSweep } from './reminder.service.js';

let db: TestDatabase;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let f: ReturnType<typeof testFactories>;
let deps: WorkerDeps;
let o: Record<string, any>;

// The sweep's "today" is injected: every date below is relative to it, whatever the real clock says.
const TODAY = '2027-03-01';
const config = () => ({
  smtpUrl: smtp.url,
  mailFrom: 'Prachum <no-reply@ncct.test>',
  publicUrl: 'https://prachum.test',
});

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startSmtpServer();
  f = testFactories(db.orm);
  deps = { orm: db.orm, url: db.url, config: config(), logger: createLogger({ logLevel: 'silent' }) };
  const mop = await f.organization('MOP');
  const other = await f.organization('MOT');
  o = {
    mop,
    other,
    assignee: await f.account('FOCAL_POINT', { organization: mop.id, focalPoint: false, locale: 'KM' }),
    focal: await f.account('FOCAL_POINT', { organization: mop.id }),
    noReminders: await f.account('FOCAL_POINT', { organization: mop.id, emailReminders: false }),
    inactive: await f.account('FOCAL_POINT', { organization: mop.id, active: false }),
    otherFocal: await f.account('FOCAL_POINT', { organization: other.id }),
    staff: await f.account('SECRETARIAT', { locale: 'KM' }),
  };
});
afterAll(async () => {
  await smtp?.stop();
  await db?.drop();
});

const sweep = (date: string, dryRun = false) => runReminderSweep(db.orm.em.fork(), config(), { date, dryRun });
const notificationsOf = async (person: string, commitment: string) =>
  db.orm.em
    .fork()
    .execute<{ kind: string; key: string; message_km: string }[]>(
      'select kind, key, message_km from notification where recipient_id = ? and commitment_id = ? order by at, key',
      [person, commitment],
    );

describe('the reminder rules', () => {
  it('say which rule applies how many days before or after the due date', () => {
    expect(reminderRule(8)).toBeUndefined();
    expect(reminderRule(7)).toEqual({ rule: 'DUE_IN_7', kind: 'DUE_SOON' });
    expect(reminderRule(2)).toEqual({ rule: 'DUE_IN_7', kind: 'DUE_SOON' });
    expect(reminderRule(1)).toEqual({ rule: 'DUE_TOMORROW', kind: 'DUE_SOON' });
    expect(reminderRule(-1)).toEqual({ rule: 'OVERDUE_0', kind: 'OVERDUE' });
    expect(reminderRule(-7)).toEqual({ rule: 'OVERDUE_0', kind: 'OVERDUE' });
    expect(reminderRule(-8)).toEqual({ rule: 'OVERDUE_1', kind: 'OVERDUE' });
  });

  it('fire on the right days, to the assignee and the focal points with active accounts, each in their language', async () => {
    const due = addDays(TODAY, 7);
    const c = await f.commitment({
      lead: o.mop.id,
      assignee: o.assignee.person,
      dueDate: due,
      title: 'Publish the data',
      titleKm: 'ផ្សព្វផ្សាយទិន្នន័យ',
    });
    const mailsFor = (email: string) => smtp.to(email).filter((m) => m.parsed.subject?.includes(c.reference));

    // Eight days before: nothing.
    expect((await sweep(addDays(TODAY, -1))).notifications).toBe(0);

    // Seven days before: "due in 7 days".
    const week = await sweep(TODAY);
    expect(week.mails.map((m) => m.to).sort()).toEqual([o.assignee.email, o.focal.email].sort());
    // The focal point who turned reminders off is notified in the product only; the inactive one not at all.
    expect(week.notifications).toBe(3);
    await runDueJobs(deps);
    const [khmer] = mailsFor(o.assignee.email);
    expect(khmer.parsed.subject).toContain('នឹងដល់កាលកំណត់ក្នុងរយៈពេល 7 ថ្ងៃទៀត');
    expect(khmer.parsed.text).toContain('is due in 7 days');
    expect(mailsFor(o.focal.email)[0].parsed.subject).toContain('is due in 7 days');
    expect(smtp.to(o.noReminders.email)).toEqual([]);
    expect(await notificationsOf(o.noReminders.person, c.id)).toHaveLength(1);
    expect(await notificationsOf(o.inactive.person, c.id)).toEqual([]);
    expect(await notificationsOf(o.otherFocal.person, c.id)).toEqual([]);

    // The days between send nothing new; the day before sends "due tomorrow".
    expect((await sweep(addDays(TODAY, 3))).notifications).toBe(0);
    const tomorrow = await sweep(addDays(TODAY, 6));
    expect(tomorrow.mails).toHaveLength(2);
    expect(tomorrow.mails.find((m) => m.to === o.focal.email)?.subject).toContain('is due tomorrow');
    expect((await sweep(addDays(TODAY, 7))).notifications).toBe(0);

    // Overdue: the day after the due date, then every 7 days while it stays open.
    const overdue = await sweep(addDays(TODAY, 8));
    expect(overdue.mails.find((m) => m.to === o.focal.email)?.subject).toContain('is overdue');
    expect((await sweep(addDays(TODAY, 9))).notifications).toBe(0);
    expect((await sweep(addDays(TODAY, 14))).notifications).toBe(0);
    expect((await sweep(addDays(TODAY, 15))).mails).toHaveLength(2);
    const kinds = (await notificationsOf(o.focal.person, c.id)).map((n) => n.kind);
    expect(kinds).toEqual(['DUE_SOON', 'DUE_SOON', 'OVERDUE', 'OVERDUE']);
  });

  it('send nothing twice for the same date, and start afresh for a new due date', async () => {
    const due = addDays(TODAY, 1);
    const c = await f.commitment({ lead: o.mop.id, dueDate: due });
    const first = await sweep(TODAY);
    expect(first.mails.filter((m) => m.subject.includes(c.reference))).toHaveLength(1);
    const again = await sweep(TODAY);
    expect(again).toEqual({ mails: [], notifications: 0 });

    await db.orm.em.fork().execute('update commitment set due_date = ? where id = ?', [addDays(TODAY, 5), c.id]);
    const moved = await sweep(TODAY);
    expect(moved.mails.filter((m) => m.subject.includes(c.reference))).toHaveLength(1);
    expect(moved.mails[0].subject).toContain('is due in 5 days');
  });

  it('leave closed commitments alone', async () => {
    const c = await f.commitment({ lead: o.mop.id, dueDate: addDays(TODAY, -1), status: 'COMPLETED', progress: 100 });
    await sweep(TODAY);
    expect(await notificationsOf(o.focal.person, c.id)).toEqual([]);
  });

  it('a dry run writes and sends nothing', async () => {
    const c = await f.commitment({ lead: o.mop.id, dueDate: addDays(TODAY, 40) });
    const date = addDays(TODAY, 33);
    const dry = await sweep(date, true);
    expect(dry.mails.filter((m) => m.subject.includes(c.reference))).toHaveLength(1);
    expect(await notificationsOf(o.focal.person, c.id)).toEqual([]);
    expect((await sweep(date)).mails.filter((m) => m.subject.includes(c.reference))).toHaveLength(1);
    expect((await sweep(date, true)).mails.filter((m) => m.subject.includes(c.reference))).toEqual([]);
  });
});

describe('pnpm prachum reminders', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, print: (l: string) => out.push(l), printErr: (l: string) => err.push(l) };
  };

  it('prints each mail and the totals, sends them, and sends nothing new the second time', async () => {
    const c = await f.commitment({ lead: o.mop.id, dueDate: '2027-06-08' });
    // Mails queued by the tests above go out first, so that only this run's are counted.
    await runDueJobs(deps);
    const previous = { ...process.env };
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      PRACHUM_PUBLIC_URL: 'https://prachum.test',
    });
    try {
      const dry = capture();
      expect(await runCli(['reminders', '--date', '2027-06-01', '--dry-run'], dry.print, dry.printErr)).toBe(0);
      expect(dry.out).toContain(
        `to ${o.focal.email}: ${c.reference} is due in 7 days, on 8 June 2027: ${'Commitment'}${dry.out.find((l) => l.includes(c.reference))?.split(': Commitment')[1] ?? ''}`,
      );
      expect(dry.out.at(-1)).toMatch(/^\d+ e-mails, \d+ notifications \(dry run: nothing was written or sent\)$/);

      const before = smtp.received.length;
      const run = capture();
      expect(await runCli(['reminders', '--date', '2027-06-01'], run.print, run.printErr)).toBe(0);
      expect(run.out.some((l) => l.startsWith(`to ${o.focal.email}: ${c.reference} is due in 7 days`))).toBe(true);
      const [mails, notifications] = /^(\d+) e-mails, (\d+) notifications$/.exec(run.out.at(-1)!)!.slice(1).map(Number);
      expect(mails).toBeGreaterThan(0);
      expect(notifications).toBeGreaterThanOrEqual(mails);
      expect(smtp.received.length - before).toBe(mails);

      const second = capture();
      expect(await runCli(['reminders', '--date', '2027-06-01'], second.print, second.printErr)).toBe(0);
      expect(second.out).toEqual(['0 e-mails, 0 notifications']);
      // The jobs queued for these mails find them sent.
      await runDueJobs(deps);
      expect(smtp.received.length - before).toBe(mails);
    } finally {
      process.env = previous;
    }
  });

  it('refuses a date that is not a calendar date', async () => {
    const io = capture();
    expect(await runCli(['reminders', '--date', '2027-02-30'], io.print, io.printErr)).toBe(1);
    expect(io.err).toEqual(['prachum reminders: --date must be a calendar date YYYY-MM-DD, got "2027-02-30"']);
  });
});

describe('the weekly digest', () => {
  it('gives each focal point their organisation’s open commitments and the secretariat what waits for it, once a week', async () => {
    const monday = '2027-09-06';
    const overdue = await f.commitment({ lead: o.other.id, dueDate: addDays(monday, -3), title: 'Overdue one' });
    const soon = await f.commitment({ lead: o.other.id, dueDate: addDays(monday, 20), title: 'Soon one' });
    const waiting = await f.commitment({ lead: o.other.id, status: 'COMPLETED', progress: 100, title: 'Done one' });
    const asked = await f.commitment({ lead: o.other.id, dueDate: addDays(monday, 200), title: 'Asked one' });
    const em = db.orm.em.fork();
    em.create(DueDateChangeSchema, {
      commitment: asked.id,
      from: addDays(monday, 200),
      to: addDays(monday, 300),
      reason: 'Late',
      status: 'REQUESTED',
    });
    await em.flush();
    const result = await runWeeklyDigest(db.orm.em.fork(), config(), monday);
    const mine = result.mails.filter((m) => m.to === o.otherFocal.email);
    expect(mine).toHaveLength(1);
    await runDueJobs(deps);
    const [digest] = smtp.to(o.otherFocal.email).filter((m) => m.parsed.subject?.includes('week of'));
    const text = digest.parsed.text ?? '';
    expect(text.indexOf(overdue.reference)).toBeGreaterThan(-1);
    expect(text.indexOf(overdue.reference)).toBeLessThan(text.indexOf(soon.reference));
    expect(text).not.toContain(waiting.reference);
    expect(text).toContain('https://prachum.test/settings');

    const [staff] = smtp.to(o.staff.email).filter((m) => m.parsed.subject?.includes('ការតាមដានសម្រាប់លេខាធិការដ្ឋាន'));
    expect(staff.parsed.text).toContain(waiting.reference);
    expect(staff.parsed.text).toContain('Due-date changes asked for');
    expect(staff.parsed.text).toContain(asked.reference);
    expect(staff.parsed.text).toContain('MOT');

    expect((await runWeeklyDigest(db.orm.em.fork(), config(), monday)).mails).toEqual([]);
  });
});

describe('the schedule', () => {
  it('runs the sweep daily and the digest on Mondays at 08:00 in Phnom Penh (01:00 UTC)', () => {
    const items = parseCrontab(CRONTAB);
    const due = (iso: string) => {
      const ts = new Date(iso);
      const digest = {
        min: ts.getUTCMinutes(),
        hour: ts.getUTCHours(),
        date: ts.getUTCDate(),
        month: ts.getUTCMonth() + 1,
        dow: ts.getUTCDay(),
      };
      return items.filter((item) => item.match(digest)).map((item) => item.task);
    };
    expect(due('2026-12-07T01:00:00Z')).toEqual(['reminder_sweep', 'weekly_digest']); // Monday 08:00 in Phnom Penh
    expect(due('2026-12-08T01:00:00Z')).toEqual(['reminder_sweep']);
    expect(due('2026-12-07T08:00:00Z')).toEqual([]);
  });

  it('runs a missed sweep once, however many workers start', async () => {
    // Both workers find that the daily sweep last ran 30 hours ago and catch it up: graphile-worker
    // lets only one of them schedule each missed run.
    await db.orm.em.fork().execute(
      `insert into graphile_worker._private_known_crontabs (identifier, known_since, last_execution)
       values ('reminder_sweep', now() - interval '3 days', now() - interval '30 hours')
       on conflict (identifier) do update set known_since = excluded.known_since, last_execution = excluded.last_execution`,
    );
    const lines: { msg: string; date?: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const workers = await Promise.all([
      startWorker({ ...deps, logger }, { concurrency: 2 }),
      startWorker({ ...deps, logger }, { concurrency: 2 }),
    ]);
    const sweeps = () => lines.filter((l) => l.msg === 'reminder sweep done');
    try {
      for (let i = 0; i < 100 && sweeps().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    const dates = sweeps().map((l) => l.date);
    expect(dates.length).toBeGreaterThan(0);
    expect(new Set(dates).size).toBe(dates.length);
  });
});
