import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/demo.service.js';
import { OrganizationSchema } from '../../src/modules/organizations/organization.entity.js';
import { toGlobalId } from '../../src/graphql/global-id.js';
import { repoRoot } from '../../src/paths.js';
import { createTestApi } from '../api.js';
import { createTestDatabase, type TestDatabase } from '../database.js';
import { partner } from '../viewers.js';

/** The partner guide's examples must run as written against the demo data. */
const guide = readFileSync(path.join(repoRoot, 'docs/api.md'), 'utf8');
const examples = [...guide.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let variables: Record<string, unknown>;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db.orm);
  api = await createTestApi(db.orm);
  const molvt = await db.orm.em.fork().findOneOrFail(OrganizationSchema, { acronym: 'MOLVT' });
  variables = { organizationId: toGlobalId('Organization', molvt.id) };
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe('docs/api.md examples', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples.map((query) => [query.split('\n')[0], query]))(
    '%s runs for a partner and finds data',
    async (_name, query) => {
      const result = await api.run(partner, query, variables);
      expect(result.errors).toBeUndefined();
      const values = Object.values(result.data ?? {});
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) {
        const list = Array.isArray(value) ? value : (value as { nodes: unknown[] }).nodes;
        expect(list.length, JSON.stringify(value).slice(0, 200)).toBeGreaterThan(0);
      }
    },
  );
});
