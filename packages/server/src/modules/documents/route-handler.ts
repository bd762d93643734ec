import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthConfig } from '../../auth/auth.config.js';
import { requireReader } from '../../auth/permissions.js';
import type { RateLimitStore } from '../../auth/rate-limit.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { replyWithError } from '../../graphql/errors.js';
import { authenticateHttpRequest } from '../../graphql/http.js';
import type { Scope } from '../organizations/organization.service.js';

export interface RouteDeps {
  config: Config;
  database: Database;
  auth: AuthConfig;
  store: RateLimitStore;
}

export type RouteWork = (scope: Scope, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * Wraps a REST route as the exports do: the API's authentication (session cookie or Bearer token,
 * its rate limit), a fresh EntityManager, `Cache-Control: no-store`, and every failure answered
 * through the one error pipeline (graphql/errors.ts). Routes that read check `requireReader`.
 */
export function routeHandler(deps: RouteDeps) {
  return (work: RouteWork) => async (request: FastifyRequest, reply: FastifyReply) => {
    const em = deps.database.orm.em.fork();
    const viewer = await authenticateHttpRequest(request, reply, { em, auth: deps.auth, store: deps.store });
    if (!viewer) return reply;
    reply.header('cache-control', 'no-store');
    try {
      requireReader(viewer, deps.config.publicRead);
      return await work({ em, viewer, config: { publicRead: deps.config.publicRead } }, request, reply);
    } catch (error) {
      return replyWithError(request, reply, error, { viewer, exposeDetails: !deps.config.isProduction });
    }
  };
}

/** The single value of a query-string parameter (the last one when repeated). */
export function queryValue(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, string | string[] | undefined>)[name];
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  return last === undefined || last === '' ? undefined : last;
}
