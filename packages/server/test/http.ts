import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadAuthConfig } from '../src/auth/auth.config.js';
import type { Role } from '../src/auth/viewer.js';
import { systemViewer } from '../src/auth/viewer.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { createLogger, type Logger } from '../src/logger.js';
import { createAccount } from '../src/modules/accounts/account.service.js';
import { createApiToken } from '../src/modules/accounts/api-token.service.js';
import type { TestDatabase } from './database.js';
import { testDatabaseOf } from '../src/test-support/test-app.js';

export interface HttpResult {
  status: number;
  headers: LightMyRequestResponse['headers'];
  body: {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: Record<string, any> }[];
  } & Record<string, any>;
  /** The Set-Cookie headers of the response. */
  cookies: string[];
}

export interface RequestOptions {
  /** A Cookie header, e.g. from `login`. */
  cookie?: string;
  /** An API token for Authorization: Bearer. */
  token?: string;
  headers?: Record<string, string>;
  remoteAddress?: string;
}

/**
 * The real HTTP app (buildApp: hooks, authentication, limits, Apollo) on a test database,
 * driven with Fastify's inject. `env` sets auth variables (e.g. PRACHUM_RATE_LIMIT_PER_MINUTE);
 * `logger` replaces the silent one (see test/logs.ts to read what was logged).
 */
export async function createTestHttp(
  db: TestDatabase,
  options: { production?: boolean; publicRead?: boolean; env?: Record<string, string>; logger?: Logger } = {},
) {
  const config = {
    ...loadConfig({ NODE_ENV: options.production ? 'production' : 'test', PRACHUM_SECRET: 'x'.repeat(32) }),
    publicRead: options.publicRead ?? false,
  };
  const database = testDatabaseOf(db.orm, db.url);
  const app: FastifyInstance = await buildApp({
    config,
    logger: options.logger ?? createLogger({ logLevel: 'silent' }),
    database,
    auth: loadAuthConfig(options.env ?? {}),
  });

  const toResult = (response: LightMyRequestResponse): HttpResult => {
    let body: HttpResult['body'];
    try {
      body = response.json();
    } catch {
      body = { text: response.body };
    }
    const setCookie = response.headers['set-cookie'];
    return {
      status: response.statusCode,
      headers: response.headers,
      body,
      cookies: setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [String(setCookie)],
    };
  };

  const headersFor = (options: RequestOptions = {}): Record<string, string> => ({
    ...(options.cookie ? { cookie: options.cookie } : {}),
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...options.headers,
  });

  return {
    app,
    /** POSTs a GraphQL operation as JSON. */
    async gql(query: string, variables?: Record<string, unknown>, options: RequestOptions = {}): Promise<HttpResult> {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', ...headersFor(options) },
        payload: JSON.stringify({ query, variables }),
        remoteAddress: options.remoteAddress,
      });
      return toResult(response);
    },
    /** Any request, for the hostile battery. */
    async raw(
      request: {
        method: 'GET' | 'POST' | 'OPTIONS';
        url?: string;
        payload?: string | Buffer;
        headers?: Record<string, string>;
      },
      options: RequestOptions = {},
    ): Promise<HttpResult> {
      const response = await app.inject({
        method: request.method,
        url: request.url ?? '/graphql',
        headers: { ...headersFor(options), ...request.headers },
        payload: request.payload,
        remoteAddress: options.remoteAddress,
      });
      return toResult(response);
    },
    /** Signs in through the `login` mutation; returns the Cookie header to send afterwards. */
    async login(email: string, password: string, remoteAddress?: string): Promise<string> {
      const result = await this.gql(
        'mutation($input: LoginInput!) { login(input: $input) { viewer { role } } }',
        { input: { email, password } },
        { remoteAddress },
      );
      const cookie = result.cookies.find((c) => c.startsWith('prachum_session='));
      if (!cookie || result.body.errors) {
        throw new Error(`login failed for ${email}: ${JSON.stringify(result.body.errors ?? result.cookies)}`);
      }
      return cookie.split(';')[0]!;
    },
    close: () => app.close(),
  };
}

export type TestHttp = Awaited<ReturnType<typeof createTestHttp>>;

let counter = 0;

/** Creates an account (and its person) directly, as the operator would. */
export async function createTestAccount(
  db: TestDatabase,
  fields: { role: Role; organizationId?: string; email?: string; password?: string; personId?: string },
): Promise<{ id: string; email: string; password: string; personId: string }> {
  counter += 1;
  const email = fields.email ?? `${fields.role.toLowerCase()}.${counter}.${Date.now()}@test.example.org`;
  const password = fields.password ?? `correct horse ${fields.role} ${counter}`;
  const account = await createAccount(
    { em: db.orm.em.fork(), viewer: systemViewer, config: { publicRead: false } },
    {
      email,
      password,
      role: fields.role,
      person: fields.personId,
      fullName: `Test ${fields.role} ${counter}`,
      organization: fields.organizationId,
    },
  );
  return { id: account.id, email, password, personId: account.person };
}

/** Creates an API token for an account directly (operator path); returns the secret. */
export async function createTestToken(db: TestDatabase, accountId: string, scope: 'READ' | 'WRITE'): Promise<string> {
  const { token } = await createApiToken(
    { em: db.orm.em.fork(), viewer: systemViewer, config: { publicRead: false } },
    { name: `test ${scope}`, scope },
    { accountId, operator: true },
  );
  return token;
}
