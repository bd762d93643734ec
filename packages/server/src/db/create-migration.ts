/**
 * Generates a migration from the difference between the entities and a database
 * migrated with every committed migration. Usage: pnpm --filter @prachum/server migration:create [name]
 * Uses DATABASE_URL's server (or the embedded one) and a scratch database it drops afterwards.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../config.js';
import { startEmbeddedPostgres } from './embedded.js';
import { initOrm } from './orm.js';

const config = loadConfig();
const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
const serverUrl = config.databaseUrl ?? embedded!.url;
const scratch = `prachum_migration_${Date.now()}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database "${scratch}"`);
const url = new URL(serverUrl);
url.pathname = `/${scratch}`;
try {
  const orm = await initOrm({ url: url.toString() });
  await orm.migrator.up();
  const result = await orm.migrator.create(undefined, false, false, process.argv[2]);
  await orm.close();
  if (!result.fileName) {
    console.log('No changes: the entities match the migrations.');
  } else {
    const folder = path.join(path.dirname(new URL(import.meta.url).pathname), 'migrations');
    const className = /export class (\w+)/.exec(await readFile(path.join(folder, result.fileName), 'utf8'))?.[1];
    const indexPath = path.join(folder, 'index.ts');
    let index = await readFile(indexPath, 'utf8');
    const module = result.fileName.replace(/\.ts$/, '.js');
    index = `import { ${className} } from './${module}';\n${index}`;
    index = index.replace(/\] = \[([\s\S]*?)\];/, (_m, items: string) => {
      const list = items.trim() ? `${items.trim().replace(/,$/, '')},\n  ` : '';
      return `] = [\n  ${list}{ name: '${result.fileName.replace(/\.ts$/, '')}', class: ${className} },\n];`;
    });
    await writeFile(indexPath, index);
    console.log(`Created ${result.fileName}; review it, then commit it.`);
  }
} finally {
  await admin.query(`drop database if exists "${scratch}" with (force)`);
  await admin.end();
  await embedded?.stop();
}
