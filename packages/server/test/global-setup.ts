import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { initOrm } from '../src/db/orm.js';
import { migrateQueue } from '../src/jobs/queue.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server URL (any database) the tests may create databases on. */
    databaseServerUrl: string;
    /** A database migrated once for this run; each test file copies it. */
    templateDatabase: string;
  }
}

/**
 * Tests use DATABASE_URL's server when set, else one embedded PostgreSQL for the whole run.
 * One freshly migrated template database is made per run; every test file gets its own copy.
 */
export default async function setup(project: TestProject) {
  let stopEmbedded: (() => Promise<void>) | undefined;
  let serverUrl = process.env.DATABASE_URL;
  let dataDir: string | undefined;
  if (!serverUrl) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'prachum-test-pg-'));
    const embedded = await startEmbeddedPostgres(dataDir);
    serverUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const template = `prachum_template_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${template}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${template}`;
  const orm = await initOrm({ url: url.toString() });
  await orm.migrator.up();
  await orm.close(true);
  await migrateQueue(url.toString());

  project.provide('databaseServerUrl', serverUrl);
  project.provide('templateDatabase', template);

  return async () => {
    await admin.query(`drop database if exists "${template}" with (force)`);
    await admin.end();
    await stopEmbedded?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
