/**
 * `pnpm --filter @prachum/server bench:import`: times the spreadsheet import of commitments
 * (POST /imports/commitments) on BENCH_IMPORT_ROWS rows (default 2,000) against the demo data set
 * in a scratch database: the preview (dryRun=true, median of BENCH_ROUNDS runs, default 5) from
 * .xlsx and from .csv, then one commit. Uses DATABASE_URL's server or an embedded PostgreSQL; drops
 * what it created.
 */
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { initOrm } from '../src/db/orm.js';
import { loadDemo } from '../src/demo/demo.service.js';
import { migrateQueue } from '../src/jobs/queue.js';
import { COMMITMENT_COLUMNS, importCommitments } from '../src/modules/imports/commitment-import.js';

const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 2000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

const config = loadConfig();
let dataDir: string | undefined;
let stopEmbedded: (() => Promise<void>) | undefined;
let serverUrl = config.databaseUrl;
if (!serverUrl) {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'prachum-bench-'));
  const embedded = await startEmbeddedPostgres(dataDir);
  serverUrl = embedded.url;
  stopEmbedded = embedded.stop;
}
const name = `prachum_bench_import_${Date.now()}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database "${name}"`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const orm = await initOrm({ url: url.toString() });

try {
  await orm.migrator.up();
  await migrateQueue(url.toString());
  await loadDemo(orm);
  const em = orm.em.fork();
  const organizations = (await em.execute<{ acronym: string }[]>('select acronym from organization')).map(
    (o) => o.acronym,
  );
  const emails = (await em.execute<{ email: string }[]>('select email from person where email is not null')).map(
    (p) => p.email,
  );
  const codes = (await em.execute<{ code: string }[]>('select code from plan_objective')).map((o) => o.code);
  const [staff] = await em.execute<{ id: string; person_id: string }[]>(
    `select a.id, a.person_id from account a where a.role = 'SECRETARIAT' limit 1`,
  );

  // Realistic rows: every column filled, lists of two, both languages.
  const table = Array.from({ length: rows }, (_, i) => {
    const lead = organizations[i % organizations.length]!;
    const support = organizations[(i + 3) % organizations.length]!;
    return [
      `Commitment ${i + 1}: strengthen data exchange on migration`,
      `ការប្តេជ្ញាចិត្តទី ${i + 1}៖ ពង្រឹងការផ្លាស់ប្តូរទិន្នន័យ`,
      'Agree and publish the procedure; train the focal points of each province.',
      'ព្រមព្រៀង និងផ្សព្វផ្សាយនីតិវិធី',
      lead,
      support === lead ? '' : support,
      emails[i % emails.length] ?? '',
      `2027-${String((i % 12) + 1).padStart(2, '0')}-15`,
      ['LOW', 'MEDIUM', 'HIGH'][i % 3]!,
      `${(i % 23) + 1};${((i + 5) % 23) + 1}`,
      codes.length ? `${codes[i % codes.length]}` : '',
      i % 2 ? '2023-11-01' : 'NCCT-2023-11-01',
      ['INTERNAL', 'PARTNERS', 'PUBLIC'][i % 3]!,
    ];
  });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Commitments');
  sheet.addRow([...COMMITMENT_COLUMNS]);
  for (const row of table) sheet.addRow(row);
  const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
  const csv = Buffer.from(
    [COMMITMENT_COLUMNS.join(','), ...table.map((row) => row.map((v) => `"${v.replace(/"/g, '""')}"`).join(','))].join(
      '\n',
    ),
  );
  const scope = () => ({
    em: orm.em.fork(),
    viewer: { role: 'SECRETARIAT' as const, accountId: staff?.id, personId: staff?.person_id, canWrite: true },
    config: { publicRead: false },
  });

  const time = async (work: () => Promise<unknown>) => {
    const start = performance.now();
    await work();
    return performance.now() - start;
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

  console.log(
    `Import of ${rows} commitment rows (${(xlsx.length / 1024).toFixed(0)} KB .xlsx, ${(csv.length / 1024).toFixed(0)} KB .csv)`,
  );
  for (const [label, bytes] of [
    ['xlsx', xlsx],
    ['csv', csv],
  ] as const) {
    let problems = 0;
    const times: number[] = [];
    for (let round = 0; round < rounds; round++)
      times.push(
        await time(async () => {
          problems = (await importCommitments(scope(), bytes, { dryRun: true, lang: 'en' })).problems.length;
        }),
      );
    console.log(
      `  preview (${label}): median ${(median(times) / 1000).toFixed(2)} s, max ${(Math.max(...times) / 1000).toFixed(2)} s over ${rounds} runs; ${problems} problems`,
    );
  }
  let created = 0;
  const commit = await time(async () => {
    created = (await importCommitments(scope(), xlsx, { dryRun: false, lang: 'en' })).created;
  });
  console.log(`  commit (xlsx): ${(commit / 1000).toFixed(2)} s for ${created} commitments, one transaction`);
} finally {
  await orm.close(true);
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
  await stopEmbedded?.();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
