import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { type Command, CommandError, type CommandInput } from './command.js';
import { commands } from './commands/index.js';

function helpFor(command: Command): string {
  const lines = [`Usage: pnpm prachum ${command.name}${command.options ? ' [options]' : ''}`, '', command.summary];
  const options = Object.entries(command.options ?? {});
  lines.push('', 'Options:');
  for (const [name, spec] of options) {
    const flag = `--${name}${spec.type === 'string' ? ` ${spec.valueName ?? name.toUpperCase()}` : ''}`;
    lines.push(`  ${flag.padEnd(28)} ${spec.description}`);
  }
  lines.push(`  ${'--help'.padEnd(28)} show this help`);
  return lines.join('\n');
}

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'Usage: pnpm prachum <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)} ${c.summary}`),
    '',
    'Run `pnpm prachum <command> --help` for the options of a command.',
  ].join('\n');
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CommandError('expected input on standard input (pipe it in)');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs one CLI invocation and returns the exit code. */
export async function runCli(argv: string[], out = console.log, err = console.error): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(overview());
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    err(`prachum: unknown command "${name}"; run \`pnpm prachum --help\` for the list`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    err(`prachum ${name}: ${(error as Error).message.split('\n')[0]}`);
    return 2;
  }
  if (parsed.values.help) {
    out(helpFor(command));
    return 0;
  }
  const input: CommandInput = {
    values: parsed.values as CommandInput['values'],
    positionals: parsed.positionals,
    readStdin,
    print: out,
  };
  try {
    await command.run(input);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) err(error.message);
    else if (error instanceof CommandError) err(`prachum ${name}: ${error.message}`);
    else err(`prachum ${name}: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}
