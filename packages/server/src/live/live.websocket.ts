import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import {
  type DocumentNode,
  type GraphQLError as GraphQLErrorType,
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AuthConfig } from '../auth/auth.config.js';
import { authenticate } from '../auth/authenticate.js';
import type { RateLimitStore } from '../auth/rate-limit.js';
import { attachAuthRuntime } from '../auth/runtime.js';
import { anonymous, type Viewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { createContext } from '../graphql/context.js';
import { createErrorFormatter } from '../graphql/errors.js';
import { createLimits, LIMITS } from '../graphql/limits.js';
import { getSchema } from '../graphql/schema.js';
import type { Logger } from '../logger.js';
import { loadLiveConfig, type LiveConfig } from './live.config.js';
import { attachLive } from './live.context.js';
import { CLOSE_UNAUTHORIZED, type LiveConnection, LiveHub } from './live.hub.js';
import { createTransport } from './live.transport.js';

/** Subscriptions one socket may hold at once. */
const MAX_SUBSCRIPTIONS_PER_SOCKET = 50;
/** The largest message a client may send (a subscription document and its variables). */
const MAX_PAYLOAD_BYTES = 64 * 1024;

export interface LiveDeps {
  config: Config;
  logger: Logger;
  database: Database;
  auth: AuthConfig;
  store: RateLimitStore;
  /** Defaults to the environment (PRACHUM_LIVE_TRANSPORT, REDIS_URL). */
  live?: LiveConfig;
  /** How often open sockets' credentials are checked again (ms). */
  recheckMs?: number;
}

const hubs = new WeakMap<FastifyInstance, LiveHub>();

/** The live hub of an app (tests and the benchmark count its subscribers). */
export function liveHubOf(app: FastifyInstance): LiveHub | undefined {
  return hubs.get(app);
}

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
  );
}

/**
 * GraphQL subscriptions over WebSocket (graphql-transport-ws) at /graphql, on the same HTTP
 * server: the session cookie is checked at the upgrade (a stale one gets 401 and no socket),
 * `authorization: "Bearer <token>"` in the connection parameters at connection_init (a bad one
 * closes the socket with 4401). Same schema, limits and error codes as POST /graphql.
 */
export async function registerLiveSocket(app: FastifyInstance, deps: LiveDeps): Promise<LiveHub> {
  const { config, logger, database, auth, store } = deps;
  const live = deps.live ?? config.live ?? loadLiveConfig();
  const transport = createTransport({ databaseUrl: database.url, redisUrl: live.redisUrl }, logger);
  const hub = new LiveHub({ orm: database.orm, transport, logger, recheckMs: deps.recheckMs });
  hubs.set(app, hub);

  const schema = await getSchema();
  const limits = createLimits(auth.limits ?? LIMITS);
  const rules = [...specifiedRules, ...limits.validationRules];
  const format = createErrorFormatter({
    logger,
    exposeDetails: !config.isProduction,
    maxTokens: limits.parseOptions.maxLexicalTokens,
  });
  const formatErrors = (errors: readonly GraphQLErrorType[]) => errors.map((error) => format(error.toJSON(), error));

  // Who the upgrade request's cookie says it is, until connection_init says otherwise.
  const upgraded = new WeakMap<IncomingMessage, { viewer: Viewer; cookie?: string }>();
  const connections = new WeakMap<WebSocket, LiveConnection>();
  const allowedOrigins = new Set(auth.corsOrigins);

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES });

  const onUpgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== '/graphql') return refuseUpgrade(socket, 404, 'Not Found');
      // A page elsewhere must not open a socket with our visitor's cookie (cross-site WebSocket hijacking).
      const origin = request.headers.origin;
      if (origin && !allowedOrigins.has(origin)) {
        let sameHost = false;
        try {
          sameHost = new URL(origin).host === request.headers.host;
        } catch {
          sameHost = false;
        }
        if (!sameHost) return refuseUpgrade(socket, 403, 'Forbidden');
      }
      await hub.start();
      const cookie = request.headers.cookie;
      const authentication = await authenticate(database.orm.em.fork(), { cookie });
      if (authentication.staleSession) return refuseUpgrade(socket, 401, 'Unauthorized');
      upgraded.set(request, {
        viewer: authentication.viewer,
        cookie: authentication.viewer.sessionId ? cookie : undefined,
      });
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    } catch (error) {
      logger.error({ err: error }, 'live: the WebSocket upgrade failed');
      refuseUpgrade(socket, 500, 'Internal Server Error');
    }
  };
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    void onUpgrade(request, socket, head);
  });

  const server = useServer<Record<string, unknown> | undefined>(
    {
      schema,
      onConnect: async (ctx) => {
        const socket = ctx.extra.socket;
        const first = upgraded.get(ctx.extra.request) ?? { viewer: anonymous };
        const param = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        let viewer = first.viewer;
        let credentials: LiveConnection['credentials'] = first.cookie ? { cookie: first.cookie } : {};
        if (param !== undefined) {
          const authorization = typeof param === 'string' ? param : '';
          const result = await authenticate(database.orm.em.fork(), { authorization: authorization || ' ' });
          if (result.invalidToken || !authorization) {
            socket.close(CLOSE_UNAUTHORIZED, 'Unauthorized: the API token is not valid');
            return false;
          }
          viewer = result.viewer;
          credentials = { authorization };
        }
        const connection: LiveConnection = {
          viewer,
          credentials,
          close: (code, reason) => socket.close(code, reason),
        };
        connections.set(socket, connection);
        const remove = hub.addConnection(connection);
        socket.once('close', remove);
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return [
            new GraphQLError(`At most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per socket`, {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, limits.parseOptions);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('The document could not be read.')];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors;
        if (getOperationAST(document, payload.operationName)?.operation !== 'subscription') {
          return [
            new GraphQLError(
              'Only subscriptions are served over the WebSocket: send queries and mutations to POST /graphql',
              {
                extensions: { code: 'BAD_REQUEST' },
              },
            ),
          ];
        }
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      context: (ctx) => {
        const connection = connections.get(ctx.extra.socket);
        const em = database.orm.em.fork();
        const requestId = `ws-${randomUUID()}`;
        const context = createContext({
          em,
          viewer: connection?.viewer ?? anonymous,
          config,
          requestId,
          logger: logger.child({ reqId: requestId }),
          ip: ctx.extra.request.socket.remoteAddress,
        });
        attachAuthRuntime(context, { config: auth, store });
        attachLive(context, { hub, orm: database.orm, connection });
        return context;
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: formatErrors(result.errors) } : undefined,
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors),
    },
    wss,
  );

  // Before the HTTP server closes: it would otherwise wait for the upgraded sockets to end by themselves.
  app.addHook('preClose', async () => {
    await hub.close();
    await server.dispose();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
  return hub;
}
