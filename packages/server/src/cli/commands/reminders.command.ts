import { todayInPhnomPenh } from '../../modules/committee/rules.js';
import { createMailer, deliverMail } from '../../modules/mail/outbox.service.js';
import { runReminderSweep } from '../../modules/reminders/reminder.service.js';
import { type CommandInput, CommandError } from '../command.js';
import { withDatabase } from '../database.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Runs `reminders` (listed, with its options, in commands/index.ts). */
export async function run({ values, print }: CommandInput): Promise<void> {
  const date = values.date === undefined ? todayInPhnomPenh() : String(values.date);
  if (
    !DATE.test(date) ||
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  )
    throw new CommandError(`--date must be a calendar date YYYY-MM-DD, got "${date}"`);
  const dryRun = Boolean(values['dry-run']);
  const { result, failures } = await withDatabase(async (database, config) => {
    await database.migrate();
    const em = database.orm.em.fork();
    const result = await runReminderSweep(em, config, { date, dryRun });
    // Send now rather than wait for a worker; the queued jobs then find them sent and skip them.
    const mailer = dryRun ? undefined : createMailer(config);
    const failures: string[] = [];
    for (const mail of mailer ? result.mails : []) {
      try {
        if (mail.id) await deliverMail(em, mailer, config, mail.id);
      } catch (error) {
        failures.push(`to ${mail.to}: not sent yet (${(error as Error).message}); the worker retries it`);
      }
    }
    return { result, failures };
  });
  for (const mail of result.mails) print(`to ${mail.to}: ${mail.subject}`);
  for (const failure of failures) print(failure);
  print(
    `${result.mails.length} e-mails, ${result.notifications} notifications${dryRun ? ' (dry run: nothing was written or sent)' : ''}`,
  );
}
