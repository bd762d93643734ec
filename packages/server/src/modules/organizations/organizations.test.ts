import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { partner, secretariat } from '../../../test/viewers.js';
import { AuditEventSchema } from '../audit/audit-event.entity.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const CREATE = `mutation ($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { organization { id name nameKm acronym kind parent { acronym } } }
}`;

describe('organizations', () => {
  it('creates an organisation, audits it, and lists it with a filter', async () => {
    const created = await api.run(secretariat, CREATE, {
      input: {
        name: 'International Organization for Migration',
        nameKm: 'អង្គការអន្តរជាតិទេសន្តរប្រវេសន៍',
        acronym: 'IOM',
        kind: 'INTERNATIONAL_ORGANIZATION',
      },
    });
    expect(created.errors).toBeUndefined();
    const organization = created.data!.createOrganization.organization;
    expect(organization).toMatchObject({ acronym: 'IOM', kind: 'INTERNATIONAL_ORGANIZATION', parent: null });

    const listed = await api.run(
      partner,
      `{ organizations(filter: { search: "ទេសន្តរ" }) { totalCount nodes { acronym } } }`,
    );
    expect(listed.data!.organizations).toEqual({ totalCount: 1, nodes: [{ acronym: 'IOM' }] });

    const events = await db.orm.em.fork().find(AuditEventSchema, { entityType: 'Organization', operation: 'create' });
    expect(events).toHaveLength(1);
    expect(events[0].changes).toMatchObject({ acronym: { before: null, after: 'IOM' } });

    const node = await api.run(
      partner,
      `query ($id: ID!) { node(id: $id) { __typename ... on Organization { acronym } } }`,
      {
        id: organization.id,
      },
    );
    expect(node.data!.node).toEqual({ __typename: 'Organization', acronym: 'IOM' });
  });

  it('refuses bad input with one entry per field and writes nothing', async () => {
    const result = await api.run(secretariat, CREATE, {
      input: { acronym: 'bad acronym!', kind: 'NGO', parentId: 'nope' },
    });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.fields).toEqual([
      { field: 'parentId', message: 'is not a valid Organization id', code: 'INVALID_FORMAT' },
    ]);

    const second = await api.run(secretariat, CREATE, { input: { acronym: 'bad acronym!', kind: 'NGO' } });
    const fields = second.errors?.[0].extensions?.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(['acronym', 'name']);
    const count = await db.orm.em.fork().count(AuditEventSchema, { operation: 'create' });
    expect(count).toBe(1);
  });

  it('refuses a duplicate acronym, whatever its case', async () => {
    const result = await api.run(secretariat, CREATE, { input: { name: 'Again', acronym: 'iom', kind: 'NGO' } });
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'acronym', code: 'DUPLICATE' }],
    });
  });

  it('updates an organisation, auditing only what changed, and refuses a parent that would make a circle', async () => {
    const UPDATE = `mutation ($input: UpdateOrganizationInput!) {
      updateOrganization(input: $input) { organization { id acronym nameKm parent { acronym } } }
    }`;
    const create = async (acronym: string, parentId?: string) =>
      (await api.run(secretariat, CREATE, { input: { name: acronym, acronym, kind: 'GOVERNMENT', parentId } })).data!
        .createOrganization.organization.id as string;
    const ministry = await create('MINISTRY');
    const department = await create('DEPT', ministry);
    const office = await create('OFFICE', department);

    const updated = await api.run(secretariat, UPDATE, { input: { id: office, nameKm: 'ការិយាល័យ' } });
    expect(updated.data!.updateOrganization.organization).toMatchObject({
      acronym: 'OFFICE',
      nameKm: 'ការិយាល័យ',
      parent: { acronym: 'DEPT' },
    });
    const events = await db.orm.em.fork().find(AuditEventSchema, { entityType: 'Organization', operation: 'update' });
    expect(events.map((e) => e.changes)).toEqual([{ nameKm: { before: null, after: 'ការិយាល័យ' } }]);

    const audits = await db.orm.em.fork().count(AuditEventSchema, {});
    for (const [id, parentId] of [
      [ministry, office],
      [ministry, department],
      [department, department],
    ]) {
      const refused = await api.run(secretariat, UPDATE, { input: { id, parentId } });
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'parentId', code: 'CIRCULAR_REFERENCE' }],
      });
    }
    const top = await api.run(
      secretariat,
      `query ($id: ID!) { node(id: $id) { ... on Organization { parent { id } } } }`,
      {
        id: ministry,
      },
    );
    expect(top.data!.node.parent).toBeNull();
    expect(await db.orm.em.fork().count(AuditEventSchema, {})).toBe(audits);

    // Moving a branch elsewhere is fine.
    const moved = await api.run(secretariat, UPDATE, { input: { id: office, parentId: ministry } });
    expect(moved.data!.updateOrganization.organization.parent).toEqual({ acronym: 'MINISTRY' });
  });

  it('lets only the secretariat create organisations', async () => {
    const result = await api.run(partner, CREATE, { input: { name: 'X', acronym: 'X', kind: 'NGO' } });
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
