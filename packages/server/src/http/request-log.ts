import type { FastifyInstance } from 'fastify';
import { type RequestFacts, withRequestFacts } from '../logger.js';

/** Probes are asked every few seconds; their lines would bury everything else. */
const PROBES = new Set(['/healthz', '/readyz']);

/**
 * One log line per request, at info when it ends (Fastify's own two lines are off): the request id
 * (`reqId`), method, path (never the query string, which may hold search text), status, duration,
 * the viewer's role, the GraphQL operation's name, how many SQL statements it ran,
 * and `inSql` when one statement answered it (graphql/sql-answers.ts). Health probes
 * are logged at debug.
 */
export function registerRequestLog(app: FastifyInstance): void {
  const facts = new WeakMap<object, RequestFacts>();
  app.addHook('onRequest', (request, _reply, done) => {
    const mine: RequestFacts = { sql: 0 };
    facts.set(request, mine);
    // The rest of the request runs in this context, so that the ORM's SQL and GraphQL's operation reach it.
    withRequestFacts(mine, done);
  });
  app.addHook('onResponse', async (request, reply) => {
    const known = facts.get(request);
    const path = request.url.split('?')[0] ?? request.url;
    const line = {
      method: request.method,
      path,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      role: known?.role,
      operation: known?.operation,
      sql: known?.sql ?? 0,
      // Set when the query was answered by one statement (graphql/sql-answers.ts).
      ...(known?.inSql ? { inSql: true } : {}),
    };
    if (PROBES.has(path)) request.log.debug(line, 'request');
    else request.log.info(line, 'request');
  });
}
