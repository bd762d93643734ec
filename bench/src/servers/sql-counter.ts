import type { IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';

let statements = 0;

/**
 * Counts every statement this process sends through `pg` (the fallback when the database has no
 * pg_stat_statements). One increment per call: cheap enough to leave on while timing.
 */
export function countStatements(): void {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
    statements++;
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

/** Answers GET /__bench/sql with the statements counted so far; false for any other request. */
export function answerCounter(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' || req.url !== '/__bench/sql') return false;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ statements }));
  return true;
}

/** The port from PORT, or a usage error. */
export function portFromEnv(): number {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be set');
  return port;
}
