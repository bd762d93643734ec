import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/database.js';
import { commands } from './commands/index.js';
import { runCli } from './main.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, print: (line: string) => out.push(line), printErr: (line: string) => err.push(line) };
}

describe('operator CLI', () => {
  it('lists the commands with --help', async () => {
    const io = capture();
    expect(await runCli(['--help'], io.print, io.printErr)).toBe(0);
    for (const command of commands) expect(io.out.join('\n')).toContain(command.name);
  });

  it.each(commands.map((c) => c.name))('%s --help describes the command and exits 0', async (name) => {
    const io = capture();
    expect(await runCli([name, '--help'], io.print, io.printErr)).toBe(0);
    expect(io.out.join('\n')).toContain(`Usage: pnpm prachum ${name}`);
  });

  it('refuses an unknown command with one line and exit code 2', async () => {
    const io = capture();
    expect(await runCli(['frobnicate'], io.print, io.printErr)).toBe(2);
    expect(io.err).toEqual(['prachum: unknown command "frobnicate"; run `pnpm prachum --help` for the list']);
  });

  it('refuses an unknown option with one line', async () => {
    const io = capture();
    expect(await runCli(['migrate', '--nope'], io.print, io.printErr)).toBe(2);
    expect(io.err).toHaveLength(1);
    expect(io.err[0]).toMatch(/^prachum migrate: Unknown option '--nope'/);
  });

  it('checks option values before touching the database', async () => {
    const io = capture();
    expect(await runCli(['demo', '--scale', 'lots'], io.print, io.printErr)).toBe(1);
    expect(io.err).toEqual(['prachum demo: --scale must be an integer from 1 to 1000, got "lots"']);
  });

  it('migrate brings an empty database up to date, then says so', async () => {
    const db = await createTestDatabase({ template: false });
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = db.url;
    try {
      const first = capture();
      expect(await runCli(['migrate'], first.print, first.printErr)).toBe(0);
      expect(first.out[0]).toMatch(/^Applied \d+ migration\(s\): Migration/);
      const second = capture();
      expect(await runCli(['migrate'], second.print, second.printErr)).toBe(0);
      expect(second.out).toEqual(['The database is up to date.']);
    } finally {
      process.env.DATABASE_URL = previous;
      await db.drop();
    }
  });
});
