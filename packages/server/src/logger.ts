import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import type { Config } from './config.js';

/** A pino logger (Fastify's request loggers are the same kind). */
export type Logger = FastifyBaseLogger;

/**
 * JSON logs on standard output; `silent` in tests unless LOG_LEVEL says otherwise. Written
 * synchronously: pino's buffered default flushes at exit in a loop that never ends when standard
 * output is a closed pipe (the process that read it is gone), which hung the stop; a synchronous
 * stream stops writing on EPIPE instead.
 */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'prachum' } }, pino.destination({ dest: 1, sync: true }));
}

/** What the one log line of a request says besides its timing: who asked, which operation, how much SQL. */
export interface RequestFacts {
  /** The viewer's role, ANONYMOUS for nobody; unset until the request is authenticated. */
  role?: string;
  /** The GraphQL operation's name, when it has one. */
  operation?: string;
  /** SQL statements run for the request so far. */
  sql: number;
  /** Whether the query was answered by one statement built in PostgreSQL (graphql/sql-answers.ts). */
  inSql?: boolean;
}

const requestFacts = new AsyncLocalStorage<RequestFacts>();

/** Runs `work` (the rest of a request) with facts that the code it calls adds to (src/http/request-log.ts). */
export function withRequestFacts<T>(facts: RequestFacts, work: () => T): T {
  return requestFacts.run(facts, work);
}

/** The facts of the request this code runs for; undefined outside requests (the worker, the CLI). */
export function currentRequestFacts(): RequestFacts | undefined {
  return requestFacts.getStore();
}

/** Counts one SQL statement for the current request (the ORM calls it for every statement). */
export function countSql(): void {
  const facts = requestFacts.getStore();
  if (facts) facts.sql += 1;
}
