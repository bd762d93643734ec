import 'reflect-metadata';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createTestAccount, createTestHttp } from '../../../test/http.js';
import { partner, secretariat } from '../../../test/viewers.js';
import type { Viewer } from '../../auth/viewer.js';
import { runCli } from '../../cli/main.js';
import { migrationsList } from '../../db/migrations/index.js';
import { loadDemo } from '../../demo/demo.service.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { migrateQueue } from '../../jobs/queue.js';
import { CommitmentSchema } from '../commitments/commitment.entity.js';
import { addProgressUpdate } from '../commitments/progress.service.js';
import { LocalFileStorage } from '../files/file-storage.js';
import { saveUpload } from '../files/file.service.js';
import { exportDatabase, importDatabase, parseExport, serializeExport } from './backup.service.js';

const created: TestDatabase[] = [];
let work: string;

async function database(options: { template?: boolean } = {}) {
  const db = await createTestDatabase(options);
  created.push(db);
  return db;
}

/** Runs the CLI against one database and data directory; returns the exit code and what it printed. */
async function cli(db: TestDatabase, dataDir: string, args: string[]) {
  const saved = { url: process.env.DATABASE_URL, dir: process.env.PRACHUM_DATA_DIR };
  process.env.DATABASE_URL = db.url;
  process.env.PRACHUM_DATA_DIR = dataDir;
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await runCli(
      args,
      (line) => out.push(line),
      (line) => err.push(line),
    );
    return { code, out, err };
  } finally {
    process.env.DATABASE_URL = saved.url;
    if (saved.dir === undefined) delete process.env.PRACHUM_DATA_DIR;
    else process.env.PRACHUM_DATA_DIR = saved.dir;
  }
}

/**
 * Evidence given in the same instant (the demo's) has no order among itself: Commitment.evidence sorts
 * by createdAt alone, so PostgreSQL may return such ties either way. Compared by title.
 */
function evidenceByTitle(key: string, value: unknown) {
  if (key !== 'evidence' || !Array.isArray(value)) return value;
  return [...value].sort((a, b) => String(a.title).localeCompare(String(b.title)));
}

/** What the API answers to a set of queries: the same before and after a round trip. */
async function answers(db: TestDatabase) {
  const api = await createTestApi(db.orm);
  const queries: [Viewer, string][] = [
    [
      secretariat,
      `{ commitments(first: 40, orderBy: { field: REFERENCE, direction: ASC }) { totalCount nodes { id reference title titleKm status progress dueDate isOverdue version
          leadOrganization { acronym } supportingOrganizations { acronym } assignee { fullName email } planObjectives { code } gcmObjectives { number }
          updates(first: 5) { nodes { status note author { fullName } evidence { kind title fileName contentType size sha256 downloadUrl } } }
          dueDateChanges { from to status } } } }`,
    ],
    [
      secretariat,
      `{ meetings(first: 20) { totalCount nodes { id title titleKm status startsAt visibility series { title }
          agendaItems { position title minutes } participations { person { fullName } organization { acronym } role attendance }
          decisions { text } mattersArising { reference } } } }`,
    ],
    [secretariat, '{ organizations(first: 100) { totalCount nodes { acronym name nameKm kind parent { acronym } } } }'],
    [secretariat, '{ people(first: 100) { totalCount nodes { fullName email organization { acronym } } } }'],
    [secretariat, '{ auditEvents(first: 100) { totalCount nodes { at entityType operation changes } } }'],
    [secretariat, '{ commitmentStats(groupBy: ORGANIZATION) { key total overdue averageProgress } }'],
    [partner, '{ commitments(first: 100) { totalCount nodes { reference title } } }'],
    [secretariat, '{ reportingPeriods(first: 10) { nodes { title closedAt report { created completed verified } } } }'],
    [secretariat, '{ gcmObjectives { number title titleKm } }'],
  ];
  const results = [];
  for (const [viewer, query] of queries) {
    const result = await api.run(viewer, query);
    expect(result.errors).toBeUndefined();
    results.push(JSON.parse(JSON.stringify(result.data), evidenceByTitle));
  }
  await api.stop();
  return results;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'prachum-backup-test-'));
});
afterAll(async () => {
  for (const db of created) await db.drop();
  await rm(work, { recursive: true, force: true });
});

describe('prachum export and import', () => {
  it('round-trips the demo data with accounts and files: the same bytes, the same answers, the same sign-in', async () => {
    const source = await database();
    await loadDemo(source.orm);
    const staff = await createTestAccount(source, { role: 'SECRETARIAT', password: 'a long secret passphrase' });
    // An attached evidence file and an upload not attached yet, in the source's data directory.
    const storage = new LocalFileStorage(path.join(work, 'a', 'files'));
    const viewer: Viewer = { role: 'SECRETARIAT', accountId: staff.id, personId: staff.personId, canWrite: true };
    const scope = { em: source.orm.em.fork(), viewer, config: { publicRead: false } };
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const file = await saveUpload(scope, storage, { fileName: 'signed MoU.pdf', bytes: pdf });
    await saveUpload({ ...scope, em: source.orm.em.fork() }, storage, {
      fileName: 'notes.txt',
      bytes: Buffer.from('notes'),
    });
    const [commitment] = await source.orm.em.fork().find(CommitmentSchema, { status: 'IN_PROGRESS' }, { limit: 1 });
    await addProgressUpdate({ ...scope, em: source.orm.em.fork() }, commitment!.id, commitment!.version, {
      note: 'Signed',
      evidence: [{ fileId: toGlobalId('File', file.id) }],
    });

    const first = path.join(work, 'first.json');
    const exported = await cli(source, path.join(work, 'a'), ['export', '--out', first]);
    expect(exported).toMatchObject({ code: 0, err: [] });
    expect(exported.out[0]).toMatch(/^Exported \d+ rows of \d+ tables and 2 files to /);

    const target = await database({ template: false });
    const imported = await cli(target, path.join(work, 'b'), ['import', '--in', first]);
    expect(imported).toMatchObject({ code: 0, err: [] });
    expect(imported.out[0]).toMatch(/^Imported \d+ rows of \d+ tables and 2 files from /);

    const second = path.join(work, 'second.json');
    expect((await cli(target, path.join(work, 'b'), ['export', '--out', second])).code).toBe(0);
    const [a, b] = await Promise.all([readFile(first), readFile(second)]);
    expect(b.equals(a)).toBe(true);

    expect(await answers(target)).toEqual(await answers(source));
    const restored = new LocalFileStorage(path.join(work, 'b', 'files'));
    expect((await restored.get(file.id)) !== undefined).toBe(true);

    // Password hashes came along: the account signs in on the restored database.
    const http = await createTestHttp(target);
    expect(await http.login(staff.email, 'a long secret passphrase')).toMatch(/^prachum_session=/);
    await http.close();

    // The document says what it is.
    const data = JSON.parse(a.toString('utf8'));
    expect(data).toMatchObject({ format: 'prachum-export', version: 1, migration: migrationsList.at(-1)!.name });
    const names = data.tables.map((t: { name: string }) => t.name);
    for (const table of [
      'account',
      'audit_event',
      'stored_file',
      'evidence',
      'organization',
      'session',
      'gcm_objective',
    ])
      expect(names).toContain(table);
    expect(names.indexOf('organization')).toBeLessThan(names.indexOf('person'));
    expect(names.indexOf('account')).toBeLessThan(names.indexOf('stored_file'));
  });

  it('refuses a database that holds data, and an unknown format version, each in one line', async () => {
    const source = await database();
    await loadDemo(source.orm);
    const file = path.join(work, 'demo.json');
    expect((await cli(source, path.join(work, 'c'), ['export', '--out', file])).code).toBe(0);

    const full = await cli(source, path.join(work, 'c'), ['import', '--in', file]);
    expect(full.code).toBe(1);
    expect(full.err).toHaveLength(1);
    expect(full.err[0]).toMatch(
      /^prachum import: cannot import .*demo\.json: the database is not empty \(\d+ in \w+, .*\); import only into an empty one$/,
    );

    const data = JSON.parse(await readFile(file, 'utf8'));
    const future = path.join(work, 'future.json');
    await writeFile(future, JSON.stringify({ ...data, version: 2 }));
    const empty = await database({ template: false });
    const refused = await cli(empty, path.join(work, 'd'), ['import', '--in', future]);
    expect(refused).toMatchObject({
      code: 1,
      err: [
        `prachum import: cannot import ${future}: the file is in export format version 2; this Prachum reads version 1 only`,
      ],
    });
    // Refused before touching the database: it is still without tables.
    const [{ count }] = await empty.orm.em
      .fork()
      .execute<{ count: string }[]>(
        `select count(*) as count from information_schema.tables where table_schema = 'public'`,
      );
    expect(Number(count)).toBe(0);

    expect(() => parseExport('{"format":"something else"}', [])).toThrow(/not a Prachum export/);
    expect(() => parseExport('not json', [])).toThrow(/not JSON/);
    expect(() =>
      parseExport(
        JSON.stringify({ ...data, migration: 'Migration29990101000000_Future' }),
        migrationsList.map((m) => m.name),
      ),
    ).toThrow(/does not know/);
    const missing = await cli(empty, path.join(work, 'd'), ['import']);
    expect(missing).toMatchObject({ code: 2, err: ['prachum import: give the export to load: --in FILE'] });
  });

  it('round-trips a scaled data set (loadDemo scale 3) to the same bytes', async () => {
    const source = await database();
    await loadDemo(source.orm, { scale: 3 });
    const storage = new LocalFileStorage(path.join(work, 'e', 'files'));
    const first = serializeExport(await exportDatabase(source.orm, storage));
    const target = await database({ template: false });
    const data = parseExport(
      first,
      migrationsList.map((m) => m.name),
    );
    const result = await importDatabase(
      target.orm,
      new LocalFileStorage(path.join(work, 'f', 'files')),
      data,
      async () => {
        await target.orm.migrator.up();
        await migrateQueue(target.url);
      },
    );
    expect(result.rows).toBeGreaterThan(500);
    const second = serializeExport(await exportDatabase(target.orm, storage));
    expect(second === first).toBe(true);
    expect(await answers(target)).toEqual(await answers(source));
  });
});
