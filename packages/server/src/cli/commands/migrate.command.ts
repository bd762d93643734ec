import type { Command } from '../command.js';
import { withDatabase } from '../database.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply the pending database migrations (the server also does this at start).',
  async run({ print }) {
    const applied = await withDatabase((database) => database.migrate());
    print(
      applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.',
    );
  },
};
