// Time to interactive of the dashboard on the demo data, in Debian's Chromium against `pnpm start`
// (embedded PostgreSQL on a temporary data directory). Prints each run and the median; asserts nothing.
// Usage from the repository root: pnpm bench:client   (BENCH_RUNS=5 by default)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const port = Number(process.env.BENCH_PORT ?? 4527);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const dataDir = mkdtempSync(path.join(tmpdir(), 'prachum-bench-client-'));
const env = { ...process.env, PRACHUM_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
const server = spawn('pnpm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
let output = '';
server.stdout.on('data', (chunk) => {
  output += chunk;
});

async function until(check, what) {
  for (let i = 0; i < 1200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

try {
  await until(() => /SECRETARIAT\s+(\S+)\s+(\S+)/.test(output), 'the server and its demo logins');
  const [, email, password] = /SECRETARIAT\s+(\S+)\s+(\S+)/.exec(output);
  const browser = await chromium.launch({
    executablePath: process.env.PRACHUM_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const times = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
    const page = await context.newPage();
    const login = await page.request.post('/graphql', {
      data: {
        query: 'mutation ($input: LoginInput!) { login(input: $input) { viewer { role } } }',
        variables: { input: { email, password } },
      },
    });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const started = Date.now();
    await page.goto('/');
    // Interactive: the dashboard's sections are rendered and no loader is left.
    await page.locator('main section[aria-label]').nth(2).waitFor();
    await page
      .locator('.mantine-Loader-root')
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => {});
    times.push(Date.now() - started);
    console.log(`run ${run + 1}: dashboard interactive after ${times.at(-1)} ms (empty cache)`);
    await context.close();
  }
  await browser.close();
  times.sort((a, b) => a - b);
  console.log(`median of ${runs}: ${times[Math.floor(runs / 2)]} ms`);
} finally {
  try {
    process.kill(-server.pid, 'SIGINT');
  } catch {}
  await new Promise((r) => setTimeout(r, 3000));
  rmSync(dataDir, { recursive: true, force: true });
}
