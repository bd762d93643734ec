import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadAuthConfig } from '../src/auth/auth.config.js';
import { type Config, loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import type { TestDatabase } from './database.js';
import { testDatabaseOf } from '../src/test-support/test-app.js';

export interface Auth {
  token?: string;
  cookie?: string;
}

const headersOf = (auth: Auth = {}): Record<string, string> => ({
  ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
  ...(auth.cookie ? { cookie: auth.cookie } : {}),
});

/** A multipart/form-data body with one file part (and any text fields). */
export function multipartBody(
  parts: { name: string; fileName?: string; contentType?: string; content: Buffer | string }[],
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----prachum${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.fileName !== undefined ? `; filename="${part.fileName}"` : ''}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.contentType ? `Content-Type: ${part.contentType}\r\n` : ''}\r\n`,
      ),
      Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * The real HTTP app on a test database with configuration changes (`configure`), driven with
 * Fastify's inject: GET and multipart POST helpers for the document routes.
 */
export async function createDocumentsHttp(db: TestDatabase, configure: (config: Config) => Config = (c) => c) {
  const config = configure({ ...loadConfig({ NODE_ENV: 'test', PRACHUM_SECRET: 'x'.repeat(32) }), publicRead: false });
  const database = testDatabaseOf(db.orm, db.url);
  const app: FastifyInstance = await buildApp({
    config,
    logger: createLogger({ logLevel: 'silent' }),
    database,
    auth: loadAuthConfig({ PRACHUM_RATE_LIMIT_PER_MINUTE: '0' }),
  });
  return {
    app,
    config,
    get: (url: string, auth?: Auth, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
      app.inject({ method: 'GET', url, headers: { ...headersOf(auth), ...headers } }),
    upload: (
      url: string,
      file: { fileName?: string; contentType?: string; content: Buffer | string; field?: string },
      auth?: Auth,
      headers: Record<string, string> = {},
    ): Promise<LightMyRequestResponse> => {
      const body = multipartBody([{ name: file.field ?? 'file', fileName: file.fileName ?? 'upload.bin', ...file }]);
      return app.inject({
        method: 'POST',
        url,
        payload: body.payload,
        headers: { ...headersOf(auth), ...body.headers, ...headers },
      });
    },
    gql: async (query: string, variables: Record<string, unknown>, auth?: Auth) => {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', ...headersOf(auth) },
        payload: JSON.stringify({ query, variables }),
      });
      return response.json() as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
    },
    close: () => app.close(),
  };
}

export type DocumentsHttp = Awaited<ReturnType<typeof createDocumentsHttp>>;
