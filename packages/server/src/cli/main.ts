import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { type Command, CommandError, type CommandInput, EXIT, UsageError } from './command.js';
import { checkText } from '../validation.js';
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

/** Longest standard input a command reads (a password line, today). */
const STDIN_MAX = 100_000;
/** Longest option value (an e-mail, a name, a token prefix, a date). */
const OPTION_MAX = 1_000;

/** Standard input as text: UTF-8 without U+0000, kept as typed (it is a password). */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CommandError('expected input on standard input (pipe it in)');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new CommandError('standard input is not UTF-8 text');
  }
  const checked = checkText(text, { max: STDIN_MAX, verbatim: true });
  if ('problem' in checked) throw new CommandError(`standard input ${checked.problem.message}`);
  return checked.text;
}

/**
 * Checks option values as every entry point checks text (validation.ts): within their length,
 * no U+0000, well-formed; NFC from here on. Returns the problem of the first bad one.
 */
function checkOptions(values: Record<string, unknown>): string | undefined {
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'string') continue;
    const checked = checkText(value, { max: OPTION_MAX });
    if ('problem' in checked) return `--${name} ${checked.problem.message}`;
    values[name] = checked.text;
  }
  return undefined;
}

/** Runs one CLI invocation and returns the exit code. */
export async function runCli(argv: string[], out = console.log, err = console.error): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    err('prachum: give a command; run `pnpm prachum --help` for the list');
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    out(overview());
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    err(`prachum: unknown command "${name}"; run \`pnpm prachum --help\` for the list`);
    return EXIT.usage;
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
    err(`prachum ${name}: ${firstLine((error as Error).message)}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    out(helpFor(command));
    return EXIT.ok;
  }
  const badOption = checkOptions(parsed.values);
  if (badOption) {
    err(`prachum ${name}: ${badOption}`);
    return EXIT.failed;
  }
  const input: CommandInput = {
    values: parsed.values as CommandInput['values'],
    positionals: parsed.positionals,
    readStdin,
    print: out,
  };
  try {
    const { run } = await command.load();
    await run(input);
    return EXIT.ok;
  } catch (error) {
    // One line whatever failed: the configuration, the operator's input, the database.
    if (error instanceof ConfigError) err(`prachum ${name}: invalid configuration: ${error.problems.join('; ')}`);
    else err(`prachum ${name}: ${firstLine(error instanceof Error ? error.message : String(error))}`);
    return error instanceof UsageError ? EXIT.usage : EXIT.failed;
  }
}

function firstLine(message: string): string {
  return message.trim().split('\n')[0]?.trim() || 'failed';
}
