import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { description: string; valueName?: string };

export interface CommandInput {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** Standard input, read only when a command asks for it (e.g. a password). */
  readStdin(): Promise<string>;
  print(line: string): void;
}

/** One operator command: adding a command is adding one file that exports one of these. */
export interface Command {
  name: string;
  summary: string;
  options?: Record<string, OptionSpec>;
  run(input: CommandInput): Promise<void>;
}

/** A failure the operator can act on: printed as one line, exit code 1. */
export class CommandError extends Error {}

/** The command line itself is wrong (a required option is missing): printed as one line, exit code 2. */
export class UsageError extends CommandError {}

/** The exit codes the README promises. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
