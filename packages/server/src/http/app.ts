import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { clientDistDir } from '../paths.js';
import type { AuthConfig } from '../auth/auth.config.js';
import { createRateLimitStore, type RateLimitStore } from '../auth/rate-limit.js';
import type { Database } from '../db/database.js';
import { replyWithError } from '../graphql/errors.js';
import { cameOverHttps, registerGraphql } from '../graphql/http.js';
import { registerExports } from '../modules/exports/exports.routes.js';
import { registerRequestLog } from './request-log.js';
import { registerTextChecks } from './text.js';
import { registerDocumentRoutes } from '../modules/documents/documents.routes.js';
import type { LiveConfig } from '../live/live.config.js';
import { registerLiveSocket } from '../live/live.websocket.js';
import { registerPublicPage } from './public-page.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  database: Database;
  /** Sessions, tokens, rate and document limits; read from the environment when omitted. */
  auth?: AuthConfig;
  /** Where rate-limit counters live; PostgreSQL (or Redis with REDIS_URL) when omitted. */
  rateLimitStore?: RateLimitStore;
  /** Where the built web client is; packages/client/dist (or PRACHUM_CLIENT_DIR) when omitted. */
  clientDir?: string;
  /** How instances tell each other of changes (subscriptions); read from the environment when omitted. */
  liveConfig?: LiveConfig;
}

/**
 * Content-Security-Policy of the web client: only our own scripts, styles (inline style
 * attributes allowed for charts), fonts and images; no framing, no plugins.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const CORS_ALLOWED_HEADERS =
  'authorization, content-type, accept, apollo-require-preflight, x-apollo-operation-name, x-request-id';

/** The HTTP surface: /graphql, health probes, and the built web client with SPA fallback. */
export async function buildApp({
  config,
  logger,
  database,
  auth = config.auth,
  rateLimitStore,
  clientDir = clientDistDir,
  liveConfig,
}: AppDeps): Promise<FastifyInstance> {
  const store = rateLimitStore ?? createRateLimitStore(database.orm.em, auth.redisUrl);
  const app = Fastify({
    trustProxy: auth.trustProxy,
    loggerInstance: logger,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: 1_048_576,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs,
    forceCloseConnections: 'idle',
    // One line per request instead of Fastify's two (./request-log.ts).
    disableRequestLogging: true,
    // A URL that is not percent-encoded UTF-8 is refused like every bad request (graphql/errors.ts).
    frameworkErrors: (error, request, reply) =>
      replyWithError(request, reply, error, { exposeDetails: !config.isProduction }),
  });

  registerRequestLog(app);

  // Only JSON bodies: a text/plain POST (a CSRF "simple request") is refused with 415 before GraphQL.
  app.removeContentTypeParser('text/plain');
  if (!rateLimitStore) app.addHook('onClose', async () => store.close());

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (cameOverHttps(request)) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  // CORS is closed unless PRACHUM_CORS_ORIGINS lists origins: browsers elsewhere cannot read answers.
  const corsOrigins = new Set(auth.corsOrigins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin && corsOrigins.has(origin) && request.url.startsWith('/graphql')) {
      reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
    }
  });
  app.options('/graphql', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !corsOrigins.has(origin)) {
      return reply
        .code(403)
        .send({ error: 'Forbidden', message: 'Cross-origin requests are not allowed from this origin' });
    }
    return reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', CORS_ALLOWED_HEADERS)
      .header('access-control-max-age', '600')
      .send();
  });

  // Refusals before GraphQL runs (body too large, wrong content type, bad JSON) answer in GraphQL's shape;
  // unexpected failures are logged once and never show their message in production (graphql/errors.ts).
  app.setErrorHandler((error, request, reply) =>
    replyWithError(request, reply, error, { exposeDetails: !config.isProduction }),
  );

  registerTextChecks(app, { exposeDetails: !config.isProduction });

  app.get('/healthz', async () => ({ status: 'ok' }));

  // Why the database does not answer (its host, port, the driver's message) is for the log, not for
  // whoever asks: /readyz is open to anyone. Logged when it changes, not at every probe.
  let lastProblem: string | undefined;
  app.get('/readyz', async (request, reply) => {
    const problem = await database.check();
    if (problem !== lastProblem) {
      if (problem) request.log.warn({ reason: problem }, 'not ready: the database does not answer');
      else request.log.info('ready again: the database answers');
      lastProblem = problem;
    }
    if (problem) return reply.code(503).send({ status: 'unavailable', reason: 'the database does not answer' });
    return { status: 'ready' };
  });

  // Subscriptions: WebSocket upgrades of /graphql (src/live/live.websocket.ts).
  const live = await registerLiveSocket(app, { config, logger, database, auth, store, live: liveConfig });
  await registerGraphql(app, { config, logger, database, auth, store, live });
  await registerExports(app, { config, database, auth, store });
  await registerDocumentRoutes(app, { config, database, auth, store });

  const indexHtml = path.join(clientDir, 'index.html');
  // The public page, with its title and description in the HTML (./public-page.ts).
  registerPublicPage(app, { publicRead: config.publicRead, indexHtml });
  if (existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: clientDir, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' && !request.url.startsWith('/graphql') && !path.extname(request.url.split('?')[0]);
    if (!wantsPage)
      return reply
        .code(404)
        .send({ error: 'Not Found', message: `No route for ${request.method} ${request.url.split('?')[0]}` });
    if (!existsSync(indexHtml)) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web client is not built. Run `pnpm --filter @prachum/client build` (pnpm start does it for you).');
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html', clientDir);
  });

  return app;
}
