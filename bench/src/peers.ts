/**
 * `pnpm bench:peers [--scale N] [--quick] [--prachum-node-options FLAGS]`: Prachum against PostGraphile v5 (amber preset) and a bare
 * node:http + pg server, on one fresh database holding the demo data ×N. Checks that the three give
 * the same answers, counts SQL statements per request, then runs alternating autocannon rounds and a
 * fixed-rate latency run of Prachum's Q1; prints Markdown tables (see docs/performance.md).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchDatabase, createBenchDatabase } from './database.js';
import { combine, type Measurement, runLoad } from './load.js';
import { freePort, type RunningServer, runCommand, startServer } from './processes.js';
import { type BenchQuery, benchQueries, SERVERS, type ServerName } from './queries.js';
import { formatFixedRate, formatTable, type Row } from './report.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '20' },
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string', default: '8' },
    'fixed-seconds': { type: 'string' },
    /** Node flags for the Prachum process (NODE_OPTIONS), e.g. "--max-old-space-size=160". */
    'prachum-node-options': { type: 'string' },
  },
});
/** A whole number ≥ 1 from an option, or a usage error. */
function count(option: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${option} must be a whole number ≥ 1, got ${value}`);
  return n;
}
const scale = count('scale', args.scale);
const rounds = count('rounds', args.rounds ?? (args.quick ? '1' : '3'));
const seconds = count('seconds', args.seconds ?? (args.quick ? '2' : '6'));
const connections = count('connections', args.connections);
const fixedSeconds = count('fixed-seconds', args['fixed-seconds'] ?? (args.quick ? '3' : '10'));
const warmupSeconds = args.quick ? 1 : 2;
const FIXED_RATES = [50, 100, 200];
/** Connections for the fixed-rate runs: enough to offer 200 req/s while answers take up to ~150 ms. */
const FIXED_CONNECTIONS = 32;
/** Sequential requests per query and server to count statements. */
const COUNT_REQUESTS = 10;

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(benchDir, '..');
const log = (message: string) => console.error(`· ${message}`);

const started = Date.now();
const servers = new Map<ServerName, RunningServer>();
let database: BenchDatabase | undefined;
let logDir: string | undefined;
let cleaning: Promise<void> | undefined;
const cleanUp = (keepLogs = false) => {
  cleaning ??= (async () => {
    await Promise.all([...servers.values()].map((s) => s.stop().catch(() => {})));
    await database?.drop();
    if (logDir && !keepLogs) await rm(logDir, { recursive: true, force: true });
  })();
  return cleaning;
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the servers and dropping the database`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** The environment the servers get: ours without what would point them elsewhere. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // TSX_TSCONFIG_PATH: our --tsconfig, relative to bench/, would be wrong for the server's own tsx.
  for (const key of [
    'DATABASE_URL',
    'PORT',
    'HOST',
    'REDIS_URL',
    'DATABASE_READ_URL',
    'PRACHUM_DATA_DIR',
    'TSX_TSCONFIG_PATH',
  ])
    delete env[key];
  return env;
}

async function post(server: RunningServer, body: string): Promise<{ data?: unknown; errors?: unknown[] }> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...server.headers },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${server.name}: HTTP ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as { data?: unknown; errors?: unknown[] };
}

const ok = async (url: string) => (await fetch(url)).ok;

async function startPrachum(db: BenchDatabase, dir: string): Promise<RunningServer> {
  const env = {
    ...baseEnv(),
    DATABASE_URL: db.url,
    PRACHUM_DEMO: '0',
    PRACHUM_WORKER: '0',
    NODE_ENV: 'production',
    PRACHUM_SECRET: randomBytes(32).toString('hex'),
    PRACHUM_RATE_LIMIT_PER_MINUTE: '1000000',
    ...(args['prachum-node-options']
      ? { NODE_OPTIONS: [process.env.NODE_OPTIONS, args['prachum-node-options']].filter(Boolean).join(' ') }
      : {}),
  };
  const email = `bench-${Date.now()}@prachum.invalid`;
  await runCommand(
    'pnpm',
    ['--silent', 'prachum', 'accounts:create', '--email', email, '--role', 'SECRETARIAT', '--name', 'Benchmark'],
    { cwd: repoRoot, env, input: `${randomBytes(18).toString('base64url')}\n` },
  );
  const created = await runCommand(
    'pnpm',
    ['--silent', 'prachum', 'tokens:create', '--email', email, '--name', 'bench:peers', '--scope', 'READ'],
    { cwd: repoRoot, env },
  );
  const token = created.trim().split('\n').at(-1)!.trim();
  const port = await freePort();
  return startServer({
    name: 'Prachum',
    command: 'pnpm',
    args: ['--filter', '@prachum/server', 'start'],
    cwd: repoRoot,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    port,
    marker: 'dist/main.js',
    ready: (url) => ok(`${url}/readyz`),
    headers: { authorization: `Bearer ${token}` },
    logFile: path.join(dir, 'prachum.log'),
  });
}

async function startPeer(name: 'PostGraphile' | 'bare', script: string, db: BenchDatabase, dir: string) {
  const port = await freePort();
  return startServer({
    name,
    command: process.execPath,
    args: ['--import', 'tsx', script],
    cwd: benchDir,
    env: { ...baseEnv(), DATABASE_URL: db.url, PORT: String(port), NODE_ENV: 'production', GRAPHILE_ENV: 'production' },
    port,
    marker: script,
    ready: (url) => ok(`${url}/__bench/sql`),
    logFile: path.join(dir, `${name.toLowerCase()}.log`),
  });
}

/** Today's start in Phnom Penh (as the web client sends `from`) and the person with most open commitments. */
async function dashboardValues(db: BenchDatabase) {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Phnom_Penh' }).format(new Date());
  const personId = await db.query<{ id: string }>(
    `select assignee_id as id from commitment where status in ('NOT_STARTED', 'IN_PROGRESS', 'AT_RISK')
     and assignee_id is not null group by assignee_id order by count(*) desc, assignee_id limit 1`,
  );
  return { from: new Date(`${day}T00:00:00+07:00`).toISOString(), personId: personId[0].id };
}

/**
 * Asks each server each query once. A query whose answers differ (or that fails) is not timed: the
 * reason is returned, printed in the table and makes the run exit with 1.
 */
async function checkAnswers(queries: BenchQuery[]): Promise<Map<BenchQuery, string>> {
  const problems = new Map<BenchQuery, string>();
  for (const query of queries) {
    const answers: [ServerName, string][] = [];
    for (const name of SERVERS) {
      const request = query.requests[name];
      if (!request) continue;
      const response = await post(servers.get(name)!, request.body);
      if (response.errors?.length || response.data == null) {
        problems.set(query, `${name} answered with errors: ${JSON.stringify(response.errors).slice(0, 800)}`);
        break;
      }
      answers.push([name, JSON.stringify(request.normalise(response.data))]);
    }
    if (problems.has(query)) continue;
    const [[first, expected], ...others] = answers;
    for (const [name, answer] of others) {
      if (answer === expected) continue;
      const [where, a, b] = firstDifference(JSON.parse(expected), JSON.parse(answer));
      problems.set(
        query,
        where === '$.notCompared'
          ? `${first} answers ${JSON.stringify(a)}, which the ${name} server does not: the client's query has changed, bench/src/servers/bare.sql.ts and queries.ts need it too`
          : `${name} and ${first} answer differently, first at ${where}: ${first} ${JSON.stringify(a)?.slice(0, 600)}, ${name} ${JSON.stringify(b)?.slice(0, 600)}`,
      );
      break;
    }
    if (problems.has(query)) log(`NOT THE SAME: ${query.label}: ${problems.get(query)}`);
    else log(`same answers from ${answers.map(([n]) => n).join(', ')}: ${query.label}${summary(expected)}`);
  }
  return problems;
}

/** The path of the first place where two JSON values differ, with the two values there. */
function firstDifference(a: unknown, b: unknown, where = '$'): [string, unknown, unknown] {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return [where, a, b];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (JSON.stringify(x) !== JSON.stringify(y)) return firstDifference(x, y, `${where}.${key}`);
  }
  return [where, a, b];
}

function summary(normalised: string): string {
  const value = JSON.parse(normalised) as unknown;
  if (Array.isArray(value)) return ` (${value.length} items)`;
  const parts = Object.entries(value as Record<string, unknown>).map(([key, part]) => {
    const items = Array.isArray(part) ? part : ((part as { nodes?: unknown[] }).nodes ?? []);
    return `${key} ${items.length}`;
  });
  return ` (${parts.join(', ')})`;
}

/** SQL statements per request of each server for each query: pg_stat_statements, else the fallbacks. */
async function countStatements(db: BenchDatabase, queries: BenchQuery[]) {
  const perRequest = new Map<string, number>();
  const peerCount = async (server: RunningServer) =>
    ((await (await fetch(`${server.url}/__bench/sql`)).json()) as { statements: number }).statements;
  for (const name of SERVERS) {
    const server = servers.get(name)!;
    const ask = async (q: BenchQuery, times: number) => {
      for (let i = 0; i < times; i++) await post(server, q.requests[name]!.body);
    };
    const own = queries.filter((q) => q.requests[name]);
    for (const q of own) await ask(q, 3); // warm: first-request work is not what is counted
    const read =
      db.counter === 'pg_stat_statements'
        ? () => db.statements()
        : name === 'prachum'
          ? () => db.xacts()
          : () => peerCount(server);
    let before = await read();
    for (const q of own) {
      await ask(q, COUNT_REQUESTS);
      const after = await read();
      perRequest.set(`${q.label}|${name}`, (after - before) / COUNT_REQUESTS);
      before = after;
    }
  }
  return perRequest;
}

/** The commit measured, and whether the server's files differed from it. */
async function prachumVersion(): Promise<string> {
  const git = (...gitArgs: string[]) => runCommand('git', gitArgs, { cwd: repoRoot, env: process.env });
  try {
    const commit = (await git('rev-parse', '--short', 'HEAD')).trim();
    const changed = (await git('status', '--porcelain', '--', 'packages/server')).trim() !== '';
    return changed ? `${commit} with uncommitted changes in packages/server` : commit;
  } catch {
    return 'at an unknown commit';
  }
}

async function main() {
  const loadBefore = os.loadavg()[0];
  const cpus = os.cpus();
  log(
    `${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
      `scale ×${scale}, ${rounds} round(s) × ${seconds} s per server and query, ${connections} connections`,
  );
  logDir = await mkdtemp(path.join(os.tmpdir(), 'prachum-peers-logs-'));
  database = await createBenchDatabase(scale, log);
  const db = database;
  log(`database ${db.name}; statements counted by ${db.counter}`);

  servers.set('prachum', await startPrachum(db, logDir));
  servers.set('postgraphile', await startPeer('PostGraphile', 'src/servers/postgraphile.server.ts', db, logDir));
  servers.set('bare', await startPeer('bare', 'src/servers/bare.server.ts', db, logDir));
  log(`servers up after ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const queries = await benchQueries(await dashboardValues(db));
  const problems = await checkAnswers(queries);
  const checked = queries.filter((q) => !problems.has(q));
  const sql = await countStatements(db, checked);
  // The backends' CPU time can be read only when PostgreSQL runs on this machine.
  const dbPids = db.local ? () => db.backendPids() : undefined;

  const rows: Row[] = [];
  for (const query of queries) {
    const problem = problems.get(query);
    if (problem) {
      rows.push({ query: query.label, server: 'prachum', problem });
      continue;
    }
    const names = SERVERS.filter((n) => query.requests[n]);
    const runs = new Map<ServerName, Awaited<ReturnType<typeof runLoad>>[]>(names.map((n) => [n, []]));
    for (const name of names) {
      await runLoad({
        server: servers.get(name)!,
        body: query.requests[name]!.body,
        seconds: warmupSeconds,
        connections,
        dbPids,
      });
    }
    for (let round = 0; round < rounds; round++) {
      // Each round starts with the next server, so none always runs first (or just after the heaviest).
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const name of order) {
        runs.get(name)!.push(
          await runLoad({
            server: servers.get(name)!,
            body: query.requests[name]!.body,
            seconds,
            connections,
            dbPids,
          }),
        );
      }
    }
    const measured = new Map<ServerName, Measurement>(
      names.map((n) => [n, combine(servers.get(n)!, connections, runs.get(n)!)]),
    );
    for (const name of SERVERS) {
      rows.push({
        query: query.label,
        server: name,
        measurement: measured.get(name),
        skipped: query.skipped?.[name],
        sqlPerRequest: sql.get(`${query.label}|${name}`),
        postgraphile: measured.get('postgraphile'),
        bare: measured.get('bare'),
      });
    }
    log(`measured ${query.label}`);
  }

  const q1 = queries[0];
  const fixed: { rate: number; measurement: Measurement }[] = [];
  const prachum = servers.get('prachum')!;
  for (const rate of problems.has(q1) ? [] : FIXED_RATES) {
    const run = await runLoad({
      server: prachum,
      body: q1.requests.prachum!.body,
      seconds: fixedSeconds,
      connections: FIXED_CONNECTIONS,
      rate,
      dbPids,
    });
    fixed.push({ rate, measurement: combine(prachum, FIXED_CONNECTIONS, [run]) });
    log(`fixed rate ${rate} req/s done`);
  }

  const counter =
    db.counter === 'pg_stat_statements'
      ? 'pg_stat_statements (transaction control and SET left out)'
      : 'transactions in pg_stat_database for Prachum (a lower bound: one per statement outside a transaction); a count of pg calls in-process for PostGraphile and bare';
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const version = await prachumVersion();
  console.log(
    `\n## bench:peers — ${date} UTC, ${cpus.length} × ${cpus[0]?.model.trim()}, Node ${process.version}, ` +
      `PostgreSQL ${db.serverVersion}${db.embedded ? ' (embedded)' : ''}; Prachum ${version}\n`,
  );
  console.log(
    `Load average (1 min) ${loadBefore.toFixed(1)} before the run, ${os.loadavg()[0].toFixed(1)} at its end; ` +
      `on ${cpus.length} cores, more than the benchmark's own 2–3 means other work shared the machine.\n`,
  );
  console.log(
    `Demo data ×${scale}; ${rounds} alternating round(s) × ${seconds} s per server and query, autocannon at ${connections} connections. ` +
      (args['prachum-node-options'] ? `Prachum with NODE_OPTIONS ${args['prachum-node-options']}. ` : '') +
      `SQL per request from ${counter}.\n`,
  );
  console.log(formatTable(rows));
  console.log(
    `\nPrachum, ${q1.label}, at a fixed offered rate (${FIXED_CONNECTIONS} connections, ${fixedSeconds} s each):\n`,
  );
  console.log(formatFixedRate(fixed));
  console.log(`\nWhole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  if (problems.size) {
    console.log(`\nNot timed, because the answers were not the same:\n`);
    for (const [query, problem] of problems) console.log(`- ${query.label}: ${problem}`);
    process.exitCode = 1;
  }
}

try {
  await main();
  await cleanUp();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  if (logDir) console.error(`the servers' output is in ${logDir}`);
  process.exitCode = 1;
  await cleanUp(true);
}
