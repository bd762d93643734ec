import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { serverDir } from '../../test/server-process.js';
import { OrganizationSchema } from '../modules/organizations/organization.entity.js';
import { commands } from './commands/index.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  const em = db.orm.em.fork();
  em.create(OrganizationSchema, { acronym: 'EXIT-T', name: 'Exit code tests', kind: 'COMMITTEE' });
  await em.flush();
});
afterAll(async () => {
  await db?.drop();
});

interface Run {
  code: number | null;
  stdout: string[];
  stderr: string[];
}

/** Runs `prachum` as the operator does, in its own process; `stdin` is piped in (or /dev/null). */
function prachum(
  argv: string[],
  { stdin, env = {}, command }: { stdin?: string | Buffer; env?: Record<string, string>; command?: string[] } = {},
): Promise<Run> {
  const [program, ...args] = command ?? [process.execPath, '--import', 'tsx', 'src/cli/bin.ts'];
  const child = spawn(program!, [...args, ...argv], {
    cwd: serverDir,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: db.url, LOG_LEVEL: '', ...env },
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  if (stdin !== undefined) child.stdin?.end(stdin);
  const lines = (text: string) => text.split('\n').filter((line) => line !== '');
  return new Promise((resolve) =>
    child.once('close', (code) => resolve({ code, stdout: lines(stdout), stderr: lines(stderr) })),
  );
}

/** A failure as the README promises it: its exit code and exactly one line saying why, on standard error. */
function expectFailure(run: Run, code: 1 | 2, reason: RegExp) {
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code, stderr: [expect.stringMatching(reason)] });
}

/** A module for `node --import` after tsx: importing a package whose name matches `packages` throws. */
function refusing(packages: RegExp): string {
  const hooks = `export async function resolve(specifier, context, next) {
    if (${packages}.test(specifier)) throw new Error('imported ' + specifier);
    return next(specifier, context);
  }`;
  const preload = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
  return `data:text/javascript,${encodeURIComponent(preload)}`;
}

const unreachable = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing' };

describe('exit codes of every command, in a real process', { timeout: 300_000 }, () => {
  it('0 for --help; 2 for no command, an unknown command, an unknown option or a stray argument', async () => {
    const [help, none, unknown, option, stray] = await Promise.all([
      prachum(['--help']),
      prachum([]),
      prachum(['frobnicate']),
      prachum(['migrate', '--nope']),
      prachum(['accounts:deactivate', 'someone@example.org']),
    ]);
    expect(help.code).toBe(0);
    for (const command of commands) expect(help.stdout.join('\n')).toContain(command.name);
    expectFailure(none, 2, /^prachum: give a command/);
    expectFailure(unknown, 2, /^prachum: unknown command "frobnicate"/);
    expectFailure(option, 2, /^prachum migrate: Unknown option '--nope'/);
    expectFailure(stray, 2, /^prachum accounts:deactivate: Unexpected argument/);
  });

  it("--help, a command's --help and an unknown command load no server code (MikroORM, type-graphql)", async () => {
    const command = [
      process.execPath,
      '--import',
      'tsx',
      '--import',
      refusing(/^(@mikro-orm|type-graphql)(\/|$)/),
      'src/cli/bin.ts',
    ];
    const [help, demoHelp, unknown, migrate] = await Promise.all([
      prachum(['--help'], { command }),
      prachum(['demo', '--help'], { command }),
      prachum(['frobnicate'], { command }),
      prachum(['migrate'], { command }),
    ]);
    expect({ code: help.code, stderr: help.stderr }).toEqual({ code: 0, stderr: [] });
    expect({ code: demoHelp.code, stderr: demoHelp.stderr }).toEqual({ code: 0, stderr: [] });
    expect(demoHelp.stdout[0]).toBe('Usage: pnpm prachum demo [options]');
    expectFailure(unknown, 2, /^prachum: unknown command "frobnicate"/);
    // The command that runs does load them: the check above would have caught it.
    expectFailure(migrate, 1, /^prachum migrate: imported @mikro-orm\//);
  });

  it.each(commands.map((c) => c.name))('%s: 1 with one line when the database cannot be reached', async (name) => {
    const argv: Record<string, string[]> = {
      'accounts:create': ['--email', 'x@exit.example.org', '--role', 'PARTNER'],
      'accounts:deactivate': ['--email', 'x@exit.example.org'],
      'tokens:create': ['--email', 'x@exit.example.org', '--name', 'n', '--scope', 'READ'],
      'tokens:revoke': ['--token-prefix', 'prc_abc'],
      export: ['--out', path.join(os.tmpdir(), `prachum-exit-${process.pid}.json`)],
      import: ['--in', serverDir + '/package.json'],
    };
    const run = await prachum([name, ...(argv[name] ?? [])], { env: unreachable, stdin: 'a long enough password\n' });
    expectFailure(run, 1, new RegExp(`^prachum ${name}: `));
  });

  it('1 with one line for a bad configuration', async () => {
    expectFailure(
      await prachum(['migrate'], { env: { PORT: 'abc' } }),
      1,
      /^prachum migrate: invalid configuration: PORT must be an integer/,
    );
  });

  it('migrate: 0 when up to date', async () => {
    const run = await prachum(['migrate']);
    expect(run).toEqual({ code: 0, stdout: ['The database is up to date.'], stderr: [] });
  });

  it('demo: 1 for a bad --scale and for a database that holds data already', async () => {
    const [scale, notEmpty] = await Promise.all([prachum(['demo', '--scale', 'lots']), prachum(['demo'])]);
    expectFailure(scale, 1, /--scale must be an integer from 1 to 1000/);
    expectFailure(notEmpty, 1, /already holds data; use --force/);
  });

  it('accounts:create: 0 when created; 2 without --email; 1 for a bad role, password, organisation or a duplicate', async () => {
    const password = 'a long enough pass phrase\n';
    const ok = await prachum(['accounts:create', '--email', 'made@exit.example.org', '--role', 'partner'], {
      stdin: password,
    });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toEqual([]);
    expect(ok.stdout.at(-1)).toMatch(/^Created the PARTNER account made@exit.example.org/);
    const [noEmail, role, short, noStdin, organisation, duplicate] = await Promise.all([
      prachum(['accounts:create', '--role', 'PARTNER'], { stdin: password }),
      prachum(['accounts:create', '--email', 'y@exit.example.org', '--role', 'KING'], { stdin: password }),
      prachum(['accounts:create', '--email', 'y@exit.example.org', '--role', 'PARTNER'], { stdin: 'short\n' }),
      prachum(['accounts:create', '--email', 'y@exit.example.org', '--role', 'PARTNER']),
      prachum(['accounts:create', '--email', 'y@exit.example.org', '--role', 'PARTNER', '--organization', 'NOPE'], {
        stdin: password,
      }),
      prachum(['accounts:create', '--email', 'MADE@exit.example.org', '--role', 'PARTNER'], { stdin: password }),
    ]);
    expectFailure(noEmail, 2, /--email is required/);
    expectFailure(role, 1, /--role must be one of/);
    expectFailure(short, 1, /password must be at least 12/);
    expectFailure(noStdin, 1, /password must be at least 12/);
    expectFailure(organisation, 1, /no organisation with the acronym "NOPE"/);
    expectFailure(duplicate, 1, /^prachum accounts:create: email /);
  });

  it('tokens:create and tokens:revoke: 0 when done; 2 for missing options; 1 for what names nothing', async () => {
    await prachum(['accounts:create', '--email', 'tokens@exit.example.org', '--role', 'PARTNER'], {
      stdin: 'a long enough pass phrase\n',
    });
    const created = await prachum([
      'tokens:create',
      '--email',
      'tokens@exit.example.org',
      '--name',
      'n',
      '--scope',
      'read',
    ]);
    expect(created.code).toBe(0);
    const token = created.stdout.at(-1)!;
    expect(token).toMatch(/^prc_/);
    const [noName, noEmail, scope, expiry, ghost, neither, prefix, badId, unknownId] = await Promise.all([
      prachum(['tokens:create', '--email', 'tokens@exit.example.org', '--scope', 'READ']),
      prachum(['tokens:create', '--name', 'n', '--scope', 'READ']),
      prachum(['tokens:create', '--email', 'tokens@exit.example.org', '--name', 'n', '--scope', 'ALL']),
      prachum([
        'tokens:create',
        '--email',
        'tokens@exit.example.org',
        '--name',
        'n',
        '--scope',
        'READ',
        '--expires-at',
        'soon',
      ]),
      prachum(['tokens:create', '--email', 'ghost@exit.example.org', '--name', 'n', '--scope', 'READ']),
      prachum(['tokens:revoke']),
      prachum(['tokens:revoke', '--token-prefix', 'prc_nothing']),
      prachum(['tokens:revoke', '--id', 'not-an-id']),
      prachum(['tokens:revoke', '--id', '00000000-0000-4000-8000-000000000000']),
    ]);
    expectFailure(noName, 2, /--name is required/);
    expectFailure(noEmail, 2, /--email is required/);
    expectFailure(scope, 1, /--scope must be READ or WRITE/);
    expectFailure(expiry, 1, /--expires-at must be a date/);
    expectFailure(ghost, 1, /no active account/);
    expectFailure(neither, 2, /give --id or --token-prefix/);
    expectFailure(prefix, 1, /no token starts with "prc_nothing"/);
    expectFailure(badId, 1, /"not-an-id" is not a token id/);
    expectFailure(unknownId, 1, /no token with the id/);
    const revoked = await prachum(['tokens:revoke', '--token-prefix', token.slice(0, 12)]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout[0]).toMatch(/^Revoked the token/);
  });

  it('accounts:deactivate: 0 when done; 2 without --email; 1 for an unknown account', async () => {
    await prachum(['accounts:create', '--email', 'leaver@exit.example.org', '--role', 'PARTNER'], {
      stdin: 'a long enough pass phrase\n',
    });
    const [ok, none, unknown] = await Promise.all([
      prachum(['accounts:deactivate', '--email', 'leaver@exit.example.org']),
      prachum(['accounts:deactivate']),
      prachum(['accounts:deactivate', '--email', 'nobody@exit.example.org']),
    ]);
    expect(ok.code).toBe(0);
    expectFailure(none, 2, /--email is required/);
    expectFailure(unknown, 1, /no account with the e-mail address nobody@exit.example.org/);
  });

  it('reminders: 0 for a dry run; 1 for a bad --date', async () => {
    const [dry, date] = await Promise.all([
      prachum(['reminders', '--dry-run', '--date', '2024-01-15']),
      prachum(['reminders', '--date', '2024-02-30']),
    ]);
    expect(dry.code).toBe(0);
    expect(dry.stdout.at(-1)).toMatch(/e-mails, \d+ notifications \(dry run/);
    expectFailure(date, 1, /--date must be a calendar date/);
  });

  it('worker: 0 after SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'worker'], {
      cwd: serverDir,
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: db.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await expect.poll(() => stdout, { timeout: 60_000 }).toContain('Worker running');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('Worker stopped.');
  });

  it('pnpm prachum passes the exit code on', async () => {
    const run = await prachum(['frobnicate'], { command: ['pnpm', '--silent', 'prachum'] });
    expect(run.code).toBe(2);
    expect(run.stderr[0]).toMatch(/^prachum: unknown command "frobnicate"/);
  });
});
