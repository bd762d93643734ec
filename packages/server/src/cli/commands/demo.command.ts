import { loadDemo } from '../../demo/demo.service.js';
import { type CommandInput, CommandError } from '../command.js';
import { withDatabase } from '../database.js';

/** Runs `demo` (listed, with its options, in commands/index.ts). */
export async function run({ values, print }: CommandInput): Promise<void> {
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1 || scale > 1000) {
    throw new CommandError(`--scale must be an integer from 1 to 1000, got "${String(values.scale)}"`);
  }
  // Under the start lock, as the server loads it: never twice at once.
  const result = await withDatabase((database) =>
    database.exclusive(async () => {
      await database.migrate();
      return loadDemo(database.orm, { force: Boolean(values.force), scale });
    }),
  );
  if (result === 'not-empty') {
    throw new CommandError('the database already holds data; use --force to load the demo data set anyway');
  }
  print(
    `Loaded the demo data set: ${Object.entries(result)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
}
