import { ROLES } from '../../auth/viewer.js';
import type { Command } from '../command.js';

/**
 * Every operator command: what `--help` and argument parsing need, and the module that runs it, imported only
 * when it runs (so `--help` or a mistyped command does not load the server). Adding one is one file plus one
 * entry here.
 */
export const commands: Command[] = [
  {
    name: 'migrate',
    summary: 'Apply the pending database migrations (the server also does this at start).',
    load: () => import('./migrate.command.js'),
  },
  {
    name: 'demo',
    summary: 'Load the demo data set (the 1 November 2023 NCCT review meeting and its follow-up).',
    options: {
      force: { type: 'boolean', description: 'load even if the database already holds data (adds to it)' },
      scale: { type: 'string', valueName: 'N', description: 'multiply the data set N times (1-1000) for benchmarks' },
    },
    load: () => import('./demo.command.js'),
  },
  {
    name: 'accounts:create',
    summary: 'Create a user account (the password is read from standard input; a person is created if needed).',
    options: {
      email: { type: 'string', valueName: 'E', description: 'login e-mail address' },
      role: { type: 'string', valueName: 'R', description: `role: ${ROLES.join(', ')}` },
      organization: { type: 'string', valueName: 'ACRONYM', description: "the person's organisation (e.g. NCCT)" },
      name: { type: 'string', valueName: 'NAME', description: "the person's full name" },
    },
    load: () => import('./accounts-create.command.js'),
  },
  {
    name: 'accounts:deactivate',
    summary: 'Deactivate an account: its sessions end and its API tokens are revoked at once.',
    options: {
      email: { type: 'string', valueName: 'E', description: 'login e-mail address of the account' },
    },
    load: () => import('./accounts-deactivate.command.js'),
  },
  {
    name: 'tokens:create',
    summary: 'Create an API token for an account; the token is printed once, alone on the last line.',
    options: {
      email: { type: 'string', valueName: 'E', description: 'login e-mail address of the account' },
      name: { type: 'string', valueName: 'N', description: 'what the token is for' },
      scope: { type: 'string', valueName: 'READ|WRITE', description: 'READ (queries only) or WRITE' },
      'expires-at': {
        type: 'string',
        valueName: 'DATE',
        description: 'when it stops working (ISO date), default never',
      },
    },
    load: () => import('./tokens-create.command.js'),
  },
  {
    name: 'tokens:revoke',
    summary: 'Revoke an API token at once, by its id or by the prefix shown in lists.',
    options: {
      id: { type: 'string', valueName: 'ID', description: 'the token id (as printed by tokens:create, or its API id)' },
      'token-prefix': {
        type: 'string',
        valueName: 'PREFIX',
        description: 'the first characters shown in lists, e.g. prc_AbC12345',
      },
    },
    load: () => import('./tokens-revoke.command.js'),
  },
  {
    name: 'reminders',
    summary:
      'Run the reminder sweep now (due in 7 days, due tomorrow, overdue); what was sent before is not sent again.',
    options: {
      date: { type: 'string', valueName: 'YYYY-MM-DD', description: 'run as if today were this date in Phnom Penh' },
      'dry-run': { type: 'boolean', description: 'print what would be sent; write and send nothing' },
    },
    load: () => import('./reminders.command.js'),
  },
  {
    name: 'worker',
    summary:
      'Run the background job worker alone (e-mail, notifications, the scheduled sweeps) until SIGINT or SIGTERM.',
    load: () => import('./worker.command.js'),
  },
  {
    name: 'export',
    summary:
      'Write the whole database (every table, accounts and audit events included) and its files to one JSON file (docs/operations.md).',
    options: {
      out: { type: 'string', valueName: 'FILE', description: 'the file to write (replaced if it exists)' },
    },
    load: () => import('./export.command.js'),
  },
  {
    name: 'import',
    summary:
      'Load a file written by `export` into an empty database (migrated first); a database holding data is refused.',
    options: {
      in: { type: 'string', valueName: 'FILE', description: 'the export to load' },
    },
    load: () => import('./import.command.js'),
  },
];
