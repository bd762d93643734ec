import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { clientDistDir } from '../paths.js';
import type { Database } from '../db/database.js';
import { registerGraphql } from '../graphql/http.js';

export interface AppDeps {
  config: Config;
  logger: Logger;
  database: Database;
}

/** The HTTP surface: /graphql, health probes, and the built web client with SPA fallback. */
export async function buildApp({ config, logger, database }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    requestIdLogLabel: 'requestId',
    bodyLimit: 1_048_576,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs,
    forceCloseConnections: 'idle',
    disableRequestLogging: config.nodeEnv === 'test',
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const problem = await database.check();
    if (problem) return reply.code(503).send({ status: 'unavailable', reason: problem });
    return { status: 'ready' };
  });

  await registerGraphql(app, { config, logger, database });

  const indexHtml = path.join(clientDistDir, 'index.html');
  if (existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: clientDistDir, wildcard: false, index: ['index.html'] });
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
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });

  return app;
}
