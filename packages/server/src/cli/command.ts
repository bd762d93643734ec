import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { description: string; valueName?: string };

export interface CommandInput {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** Standard input, read only when a command asks for it (e.g. a password). */
  readStdin(): Promise<string>;
  print(line: string): void;
}

/** What a command does, once its command line is parsed. */
export type RunCommand = (input: CommandInput) => Promise<void>;

/**
 * One operator command as `--help` and argument parsing see it (commands/index.ts). The module that runs
 * it, and the server code that module needs, is imported only when the command runs.
 */
export interface Command {
  name: string;
  summary: string;
  options?: Record<string, OptionSpec>;
  load(): Promise<{ run: RunCommand }>;
}

/** A failure the operator can act on: printed as one line, exit code 1. */
export class CommandError extends Error {}

/** The command line itself is wrong (a required option is missing): printed as one line, exit code 2. */
export class UsageError extends CommandError {}

/** The exit codes the README promises. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
