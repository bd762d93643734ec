import { rename, writeFile } from 'node:fs/promises';
import { createFileStorage } from '../../modules/files/file-storage.js';
import { exportDatabase, serializeExport } from '../../modules/backup/backup.service.js';
import { type CommandInput, UsageError } from '../command.js';
import { withDatabase } from '../database.js';

/** Runs `export` (listed, with its options, in commands/index.ts). */
export async function run({ values, print }: CommandInput): Promise<void> {
  const out = values.out;
  if (typeof out !== 'string' || out === '') throw new UsageError('give the file to write: --out FILE');
  const data = await withDatabase((database, config) => exportDatabase(database.orm, createFileStorage(config.files)));
  // Written beside the target and renamed: an interrupted export never leaves half a file under the name.
  const temporary = `${out}.${process.pid}.part`;
  await writeFile(temporary, serializeExport(data), { mode: 0o600 });
  await rename(temporary, out);
  const rows = data.tables.reduce((sum, table) => sum + table.rows.length, 0);
  print(`Exported ${rows} rows of ${data.tables.length} tables and ${data.files.length} files to ${out}`);
}
