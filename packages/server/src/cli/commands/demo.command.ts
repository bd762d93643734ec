import { loadDemo } from '../../demo/demo.service.js';
import { type Command, CommandError } from '../command.js';
import { withDatabase } from '../database.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Load the demo data set (the 1 November 2023 NCCT review meeting and its follow-up).',
  options: {
    force: { type: 'boolean', description: 'load even if the database already holds data (adds to it)' },
    scale: { type: 'string', valueName: 'N', description: 'multiply the data set N times (1-1000) for benchmarks' },
  },
  async run({ values, print }) {
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
  },
};
