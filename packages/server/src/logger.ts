import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import type { Config } from './config.js';

/** A pino logger (Fastify's request loggers are the same kind). */
export type Logger = FastifyBaseLogger;

/** JSON logs on standard output; `silent` in tests unless LOG_LEVEL says otherwise. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'prachum' } });
}
