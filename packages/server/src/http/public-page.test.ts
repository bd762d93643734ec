import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { buildTestApp } from '../test-support/test-app.js';
import { PUBLIC_PAGE_TEXT } from './public-page.js';

/** /public is served with its title and description in the HTML, only when public reading is on (issue #13). */
let db: TestDatabase;
let clientDir: string;
const apps: FastifyInstance[] = [];

const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="description" content="The client's own description" />
    <title>Prachum</title>
    <script type="module" src="/assets/index.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;

async function app(publicRead: boolean): Promise<FastifyInstance> {
  const built = await buildTestApp(db, { publicRead, clientDir });
  apps.push(built);
  return built;
}

beforeAll(async () => {
  db = await createTestDatabase();
  clientDir = await mkdtemp(path.join(os.tmpdir(), 'prachum-client-'));
  await writeFile(path.join(clientDir, 'index.html'), INDEX);
});
afterAll(async () => {
  for (const built of apps) await built.close();
  await db?.drop();
  if (clientDir) await rm(clientDir, { recursive: true, force: true });
});

const metaContent = (html: string, attribute: string, name: string) =>
  new RegExp(`<meta ${attribute}="${name}" content="([^"]*)"`).exec(html)?.[1];

describe('the public page over HTTP', () => {
  it('serves /public with its title, description and Open Graph tags, in English and in Khmer', async () => {
    const server = await app(true);
    const english = await server.inject('/public');
    expect(english.statusCode).toBe(200);
    expect(english.headers['content-type']).toMatch(/^text\/html/);
    const html = english.body;
    expect(html).toContain(`<title>${PUBLIC_PAGE_TEXT.en.title}</title>`);
    expect(metaContent(html, 'name', 'description')).toBe(PUBLIC_PAGE_TEXT.en.description);
    expect(metaContent(html, 'property', 'og:title')).toBe(PUBLIC_PAGE_TEXT.en.title);
    expect(metaContent(html, 'property', 'og:description')).toBe(PUBLIC_PAGE_TEXT.en.description);
    expect(html).not.toContain("The client's own description");
    expect(html.match(/<meta name="description"/g)).toHaveLength(1);
    // Still the SPA: its script loads and renders the page.
    expect(html).toContain('<script type="module" src="/assets/index.js"></script>');

    const khmer = await server.inject('/public/commitments?lang=km');
    expect(khmer.statusCode).toBe(200);
    expect(khmer.body).toContain('<html lang="km"');
    expect(khmer.body).toContain(`<title>${PUBLIC_PAGE_TEXT.km.title}</title>`);
    expect(metaContent(khmer.body, 'property', 'og:description')).toBe(PUBLIC_PAGE_TEXT.km.description);
    expect(metaContent(khmer.body, 'property', 'og:locale')).toBe('km_KH');

    // Anyone may ask whether public reading is on.
    const asked = await server.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ query: '{ publicReadEnabled }' }),
    });
    expect(asked.json()).toEqual({ data: { publicReadEnabled: true } });
  });

  it('without public reading, /public is the ordinary sign-in page of the SPA', async () => {
    const server = await app(false);
    const page = await server.inject('/public');
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe(INDEX);
    const asked = await server.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ query: '{ publicReadEnabled }' }),
    });
    expect(asked.json()).toEqual({ data: { publicReadEnabled: false } });
  });
});
