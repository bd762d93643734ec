import type { Command } from '../command.js';
import { demoCommand } from './demo.command.js';
import { migrateCommand } from './migrate.command.js';

/** Every operator command; adding one is one file plus one line here. */
export const commands: Command[] = [migrateCommand, demoCommand];
