import { readFile } from 'node:fs/promises';
import { migrationsList } from '../../db/migrations/index.js';
import { BackupError, importDatabase, parseExport } from '../../modules/backup/backup.service.js';
import { createFileStorage } from '../../modules/files/file-storage.js';
import { type CommandInput, CommandError, UsageError } from '../command.js';
import { withDatabase } from '../database.js';

/** Runs `import` (listed, with its options, in commands/index.ts). */
export async function run({ values, print }: CommandInput): Promise<void> {
  const from = values.in;
  if (typeof from !== 'string' || from === '') throw new UsageError('give the export to load: --in FILE');
  let text: string;
  try {
    text = await readFile(from, 'utf8');
  } catch (error) {
    throw new CommandError(`cannot read ${from}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const data = parseExport(
      text,
      migrationsList.map((m) => m.name),
    );
    const result = await withDatabase((database, config) =>
      importDatabase(database.orm, createFileStorage(config.files), data, () => database.migrate()),
    );
    print(`Imported ${result.rows} rows of ${result.tables} tables and ${result.files} files from ${from}`);
  } catch (error) {
    if (error instanceof BackupError) throw new CommandError(`cannot import ${from}: ${error.message}`);
    throw error;
  }
}
