import { type ApolloServerPlugin, ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { resolveViewer } from '../auth/authenticate.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logger.js';
import { type Context, createContext } from './context.js';
import { createErrorFormatter } from './errors.js';
import { createLimits } from './limits.js';
import { getSchema } from './schema.js';

/** Builds the Apollo server (limits, error masking) for a schema. */
export async function createApollo(config: Config, logger: Logger): Promise<ApolloServer<Context>> {
  const limits = createLimits();
  const apollo = new ApolloServer<Context>({
    schema: await getSchema(),
    // graphql-armor's typings come from Apollo's CommonJS build; the plugin objects are the same.
    plugins: [...(limits.plugins as unknown as ApolloServerPlugin<Context>[]), ApolloServerPluginLandingPageDisabled()],
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    formatError: createErrorFormatter(logger, { exposeDetails: !config.isProduction }),
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.isProduction,
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  return apollo;
}

/** Serves POST and GET /graphql through Apollo, with a request-scoped context. */
export async function registerGraphql(
  app: FastifyInstance,
  { config, logger, database }: { config: Config; logger: Logger; database: Database },
): Promise<void> {
  const apollo = await createApollo(config, logger);
  app.addHook('onClose', async () => {
    await apollo.stop();
  });

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: request.method.toUpperCase(),
      headers,
      search: new URL(request.url, 'http://localhost').search,
      body: request.body,
    };
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: async () => {
        const em = database.orm.em.fork();
        const viewer = await resolveViewer(em, request, reply, config);
        return createContext({
          em,
          viewer,
          config,
          requestId: request.id,
          logger: request.log,
          ip: request.ip,
          setCookie: (value) => reply.header('set-cookie', value),
        });
      },
    });
    for (const [key, value] of response.headers) reply.header(key, value);
    reply.code(response.status ?? 200);
    if (response.body.kind === 'complete') return reply.send(response.body.string);
    return reply.send(Readable.from(response.body.asyncIterator));
  };
  app.route({ method: ['GET', 'POST'], url: '/graphql', handler });
}
