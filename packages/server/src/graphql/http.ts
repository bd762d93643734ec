import { type ApolloServerPlugin, ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type DocumentNode, GraphQLError, Kind, specifiedRules, type ValidationRule, validate, visit } from 'graphql';
import { Readable } from 'node:stream';
import type { AuthConfig } from '../auth/auth.config.js';
import { authenticate, SESSION_COOKIE } from '../auth/authenticate.js';
import { requestCounterFor, secondsUntil, type RateLimitStore } from '../auth/rate-limit.js';
import { attachAuthRuntime } from '../auth/runtime.js';
import { isStaff, type Viewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { currentReadRoute, type ReadRoute, withReadRoute } from '../db/replicas.js';
import { RateLimitedError, UnauthenticatedError } from '../errors.js';
import { currentRequestFacts, type Logger } from '../logger.js';
import { type Context, createContext } from './context.js';
import { createErrorFormatter, domainAnswer, errorsPlugin, sendAnswer } from './errors.js';
import { inputErrorsPlugin } from './input-errors.js';
import { textInputPlugin } from './text-input.js';
import { createLimits, LIMITS, type Limits, tooComplexWhenAborted } from './limits.js';
import { compiledExecution } from './execution.js';
import { stringifyResult } from './sql-answers.js';
import { getSchema } from './schema.js';
import { attachLive } from '../live/live.context.js';
import type { LiveHub } from '../live/live.hub.js';

const RATE_WINDOW_MS = 60_000;

/** Whether a document asks for the schema (`__schema` or `__type`), anywhere, fragments included. */
function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/**
 * Per-viewer rules in production: introspection and "Did you mean …?" suggestions only for staff
 * (ADMIN, SECRETARIAT).
 */
function viewerRulesPlugin(
  isProduction: boolean,
  validationRules: readonly ValidationRule[],
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const privileged = isPrivileged(isProduction, contextValue);
      return {
        async validationDidStart({ schema, document }) {
          return async (errors) => {
            if (!errors?.length) return;
            // Apollo goes on with this very list. Refused documents are checked again without suggestions
            // (graphql-js's own option) rather than having them cut out of the messages.
            const list = errors as GraphQLError[];
            if (!privileged) {
              list.splice(
                0,
                list.length,
                ...validate(schema, document, [...specifiedRules, ...validationRules], { hideSuggestions: true }),
              );
            }
            tooComplexWhenAborted(list);
          };
        },
        async didResolveOperation({ document }) {
          if (privileged) return;
          if (asksForSchema(document)) {
            throw new GraphQLError(
              'Introspection is off in production for this account; the schema is published as schema.graphql (see docs/api.md)',
              {
                extensions: {
                  code: 'GRAPHQL_VALIDATION_FAILED',
                  validationErrorCode: 'INTROSPECTION_DISABLED',
                  http: { status: 400 },
                },
              },
            );
          }
        },
      };
    },
  };
}

/** Tells the request's log line which operation it ran (src/http/request-log.ts). */
function requestLogPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName }) {
          const facts = currentRequestFacts();
          if (facts && operationName) facts.operation = operationName;
        },
      };
    },
  };
}

/**
 * Lets a request with a read route (a partner token or an anonymous caller) read from a replica once its
 * operation is known to be a query; a mutation stays on the primary from its first statement to its last.
 */
function readRoutePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          const route = currentReadRoute();
          if (route) route.replica = operation?.operation === 'query';
        },
      };
    },
  };
}

/**
 * Whether a viewer's queries may read from a read replica (DATABASE_READ_URL): PARTNER tokens and
 * anonymous callers. Sessions and staff always read the primary, so what they just wrote is there.
 */
export function readsFromReplica(viewer: Viewer): boolean {
  return viewer.role === undefined || (viewer.role === 'PARTNER' && viewer.tokenId !== undefined);
}

/** Whether a viewer gets introspection and "Did you mean …?" suggestions: everyone outside production, staff in it. */
function isPrivileged(isProduction: boolean, context: Context): boolean {
  return !isProduction || isStaff(context.viewer);
}

/** Builds the Apollo server (limits, error masking, per-viewer production rules) for a schema. */
export async function createApollo(
  config: Config,
  logger: Logger,
  options: { limits?: Limits } = {},
): Promise<ApolloServer<Context>> {
  const limits = createLimits(options.limits ?? LIMITS);
  const apollo = new ApolloServer<Context>({
    // Queries and mutations run as graphql-jit's compiled plans, or in SQL (execution.ts).
    gateway: compiledExecution(await getSchema(), { sqlAnswers: config.sqlAnswers }),
    // graphql-armor's typings come from Apollo's CommonJS build; the plugin objects are the same.
    plugins: [
      ...(limits.plugins as unknown as ApolloServerPlugin<Context>[]),
      viewerRulesPlugin(config.isProduction, limits.validationRules),
      textInputPlugin<Context>(),
      inputErrorsPlugin<Context>({ hideSuggestions: (context) => !isPrivileged(config.isProduction, context) }),
      errorsPlugin(),
      requestLogPlugin(),
      readRoutePlugin(),
      ApolloServerPluginLandingPageDisabled(),
      // Prachum sets no cache hints (answers are per viewer, sent with no-store): Apollo's default
      // cache-control plugin would only wrap every field resolver for nothing.
      ApolloServerPluginCacheControlDisabled(),
    ],
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // Apollo's default appends a newline, which makes the answer a two-part string that Fastify flattens
    // (a copy) to measure it and then copies again to send it (issue 14: 6 % of a list's garbage).
    // An answer built in PostgreSQL is sent as the text it came as (sql-answers.ts).
    stringifyResult: (value) => stringifyResult(value),
    formatError: createErrorFormatter({
      logger,
      exposeDetails: !config.isProduction,
      maxTokens: limits.parseOptions.maxLexicalTokens,
    }),
    // Checked per viewer by viewerRulesPlugin: staff keep introspection in production.
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: false,
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  return apollo;
}

/** Whether the client reached us over HTTPS (directly, or as a proxy says). */
export function cameOverHttps(request: FastifyRequest): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return request.protocol === 'https' || first === 'https';
}

/** The Set-Cookie value of the session cookie (an empty value with Max-Age 0 clears it). */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    ...(maxAgeSeconds <= 0 ? ['Expires=Thu, 01 Jan 1970 00:00:00 GMT'] : []),
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/**
 * Who sent an HTTP request, exactly as /graphql decides it: API token or session cookie
 * (authenticate), the per-minute rate limit, a refused Bearer token (401), a stale session
 * cookie cleared. Returns the viewer, or undefined when an error answer was already sent.
 */
export async function authenticateHttpRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  { em, auth, store }: { em: EntityManager; auth: AuthConfig; store: RateLimitStore },
): Promise<Viewer | undefined> {
  const authentication = await authenticate(em, {
    cookie: request.headers.cookie,
    authorization: request.headers.authorization,
  });
  const { viewer } = authentication;
  const facts = currentRequestFacts();
  if (facts) facts.role = viewer.role ?? 'ANONYMOUS';

  if (auth.rateLimitPerMinute > 0) {
    const key = viewer.tokenId
      ? `req:token:${viewer.tokenId}`
      : viewer.sessionId
        ? `req:session:${viewer.sessionId}`
        : `req:ip:${request.ip}`;
    try {
      // Counted in memory and flushed once a second with PostgreSQL; Redis is asked directly.
      const counter = requestCounterFor(store);
      const { count, resetAt } = counter ? counter.hit(key, RATE_WINDOW_MS) : await store.hit(key, RATE_WINDOW_MS);
      if (count > auth.rateLimitPerMinute) {
        const retryAfter = secondsUntil(resetAt);
        const message = `Too many requests (more than ${auth.rateLimitPerMinute} a minute); try again in ${retryAfter} s`;
        sendAnswer(reply, domainAnswer(new RateLimitedError(retryAfter, message)));
        return undefined;
      }
    } catch (error) {
      // The limit protects availability; an unreachable counter store must not take the API down with it.
      request.log.error({ err: error }, 'rate-limit counter store failed; request let through');
    }
  }

  if (authentication.invalidToken) {
    reply.header('www-authenticate', 'Bearer error="invalid_token"');
    sendAnswer(reply, domainAnswer(new UnauthenticatedError(authentication.invalidToken)));
    return undefined;
  }
  if (authentication.staleSession) reply.header('set-cookie', sessionCookie('', 0, cameOverHttps(request)));
  return viewer;
}

/** Serves POST and GET /graphql through Apollo: authentication, rate limit, then a request-scoped context. */
export async function registerGraphql(
  app: FastifyInstance,
  {
    config,
    logger,
    database,
    auth = config.auth,
    store,
    live,
  }: {
    config: Config;
    logger: Logger;
    database: Database;
    auth?: AuthConfig;
    store: RateLimitStore;
    /** The instance's live hub: setMeetingPresence tells the other instances through it. */
    live?: LiveHub;
  },
): Promise<void> {
  const apollo = await createApollo(config, logger, { limits: auth.limits });
  app.addHook('onClose', async () => {
    await apollo.stop();
  });

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const em = database.orm.em.fork();
    const secure = cameOverHttps(request);
    const viewer = await authenticateHttpRequest(request, reply, { em, auth, store });
    if (!viewer) return reply;

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
    // Partner tokens and anonymous callers may read from a replica (once the operation is a query).
    const route: ReadRoute | undefined = readsFromReplica(viewer) ? { replica: false, wrote: false } : undefined;
    const execute = () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: async () => {
          const context = createContext({
            em,
            viewer,
            config,
            requestId: request.id,
            logger: request.log,
            ip: request.ip,
            setCookie: (value, maxAgeSeconds) =>
              reply.header('set-cookie', sessionCookie(value, maxAgeSeconds, secure)),
          });
          attachAuthRuntime(context, { config: auth, store });
          if (live) attachLive(context, { hub: live, orm: database.orm });
          return context;
        },
      });
    const response = route ? await withReadRoute(route, execute) : await execute();
    for (const [key, value] of response.headers) reply.header(key, value);
    reply.header('cache-control', 'no-store');
    reply.code(response.status ?? 200);
    // Sent as bytes: encoded once, and Fastify takes its length without reading the text again.
    if (response.body.kind === 'complete') return reply.send(Buffer.from(response.body.string));
    return reply.send(Readable.from(response.body.asyncIterator));
  };
  app.route({ method: ['GET', 'POST'], url: '/graphql', handler });
}
