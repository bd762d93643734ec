import type { CommandInput } from '../command.js';
import { withDatabase } from '../database.js';

/** Runs `migrate` (listed, with its options, in commands/index.ts). */
export async function run({ print }: CommandInput): Promise<void> {
  const applied = await withDatabase((database) => database.migrate());
  print(
    applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.',
  );
}
