import type { Command } from '../command.js';
import { accountsCreateCommand } from './accounts-create.command.js';
import { accountsDeactivateCommand } from './accounts-deactivate.command.js';
import { tokensCreateCommand } from './tokens-create.command.js';
import { tokensRevokeCommand } from './tokens-revoke.command.js';
import { demoCommand } from './demo.command.js';
import { migrateCommand } from './migrate.command.js';
import { remindersCommand } from './reminders.command.js';
import { workerCommand } from './worker.command.js';
import { exportCommand } from './export.command.js';
import { importCommand } from './import.command.js';

/** Every operator command; adding one is one file plus one line here. */
export const commands: Command[] = [
  migrateCommand,
  demoCommand,
  accountsCreateCommand,
  accountsDeactivateCommand,
  tokensCreateCommand,
  tokensRevokeCommand,
  remindersCommand,
  workerCommand,
  exportCommand,
  importCommand,
];
