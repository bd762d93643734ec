import { pino } from 'pino';
import type { Logger } from '../src/logger.js';

/** One JSON log line as pino writes it. */
export type LogLine = { level: number; msg: string } & Record<string, any>;

/** A real pino logger (as the app builds it) whose lines are kept for the test to read. */
export function captureLogs(): { logger: Logger; lines: LogLine[]; errors: () => LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'info', base: { service: 'prachum' } },
    { write: (line: string) => void lines.push(JSON.parse(line)) },
  );
  // pino's level 50 is `error`.
  return { logger, lines, errors: () => lines.filter((line) => line.level >= 50) };
}
