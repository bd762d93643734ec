import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { admin, focalPoint, partner, secretariat } from '../../../test/viewers.js';
import { anonymous, type Viewer } from '../../auth/viewer.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { PersonSchema } from '../people/person.entity.js';
import { AuditEventSchema } from './audit-event.entity.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let publicApi: Awaited<ReturnType<typeof createTestApi>>;
let clerk: Viewer;
let clerkId: string;
let iomId: string;

const EVENTS = `query ($first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id at actor { fullName } actorLabel entityType entityId operation changes }
  }
}`;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  publicApi = await createTestApi(db.orm, { publicRead: true });
  const em = db.orm.em.fork();
  const person = em.create(PersonSchema, { fullName: 'Sok Dara', fullNameKm: 'សុខ តារា' });
  await em.flush();
  clerkId = person.id;
  clerk = { ...secretariat, personId: person.id };

  const create = `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`;
  const iom = await api.run(clerk, create, {
    input: { name: 'International Organization for Migration', acronym: 'IOM', kind: 'INTERNATIONAL_ORGANIZATION' },
  });
  iomId = iom.data!.createOrganization.organization.id;
  await api.run(secretariat, create, { input: { nameKm: 'ក្រសួងមហាផ្ទៃ', acronym: 'MOI', kind: 'GOVERNMENT' } });
  await api.run(
    clerk,
    `mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id } } }`,
    { input: { id: iomId, nameKm: 'អង្គការអន្តរជាតិទេសន្តរប្រវេសន៍' } },
  );
});
afterAll(async () => {
  await api?.stop();
  await publicApi?.stop();
  await db?.drop();
});

describe('audit events', () => {
  it('shows the staff every change, newest first, with actor, global entity id and changes', async () => {
    const result = await api.run(admin, EVENTS);
    expect(result.errors).toBeUndefined();
    const { totalCount, nodes } = result.data!.auditEvents;
    expect(totalCount).toBe(3);
    expect(nodes.map((n: { operation: string }) => n.operation)).toEqual(['update', 'create', 'create']);
    expect(nodes[0]).toMatchObject({
      actor: { fullName: 'Sok Dara' },
      actorLabel: null,
      entityType: 'Organization',
      entityId: iomId,
      changes: { nameKm: { before: null, after: 'អង្គការអន្តរជាតិទេសន្តរប្រវេសន៍' } },
    });
    expect(nodes[1]).toMatchObject({ actor: null, actorLabel: 'system', changes: { acronym: { after: 'MOI' } } });
    expect(new Date(nodes[0].at).getTime()).toBeGreaterThanOrEqual(new Date(nodes[2].at).getTime());

    // The changed record can be fetched with the entity id the event gives.
    const node = await api.run(admin, `query ($id: ID!) { node(id: $id) { ... on Organization { acronym } } }`, {
      id: nodes[0].entityId,
    });
    expect(node.data!.node).toEqual({ acronym: 'IOM' });
    // And the event itself is a node.
    const self = await api.run(secretariat, `query ($id: ID!) { node(id: $id) { ... on AuditEvent { operation } } }`, {
      id: nodes[0].id,
    });
    expect(self.data!.node).toEqual({ operation: 'update' });
  });

  it('filters by record, type, actor and time, and pages', async () => {
    const run = async (filter: Record<string, unknown>) => {
      const result = await api.run(secretariat, EVENTS, { filter });
      expect(result.errors).toBeUndefined();
      return result.data!.auditEvents.nodes.map((n: { operation: string }) => n.operation);
    };
    expect(await run({ entityId: iomId })).toEqual(['update', 'create']);
    expect(await run({ entityId: iomId, entityType: 'Person' })).toEqual([]);
    expect(await run({ entityType: 'Organization' })).toHaveLength(3);
    expect(await run({ entityType: 'Meeting' })).toEqual([]);
    expect(await run({ actorId: toGlobalId('Person', clerkId) })).toEqual(['update', 'create']);
    expect(await run({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await run({ to: new Date(Date.now() - 3_600_000).toISOString() })).toEqual([]);
    expect(
      await run({ from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString() }),
    ).toHaveLength(3);

    const first = await api.run(secretariat, EVENTS, { first: 2 });
    expect(first.data!.auditEvents.pageInfo.hasNextPage).toBe(true);
    const second = await api.run(secretariat, EVENTS, { first: 2, after: first.data!.auditEvents.pageInfo.endCursor });
    expect(second.data!.auditEvents.nodes).toHaveLength(1);
    expect(second.data!.auditEvents.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses bad filters with the field named', async () => {
    const result = await api.run(secretariat, EVENTS, {
      filter: { entityId: 'nope', actorId: iomId, from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' },
    });
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'filter.entityId' }, { field: 'filter.actorId' }, { field: 'filter.to' }],
    });
  });

  it('is for the secretariat only: others are refused, anonymous visitors must sign in', async () => {
    for (const viewer of [partner, focalPoint('00000000-0000-4000-8000-000000000001')]) {
      const result = await api.run(viewer, EVENTS);
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
    }
    const closed = await api.run(anonymous, EVENTS);
    expect(closed.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // Public read opens PUBLIC records, never the audit trail.
    const open = await publicApi.run(anonymous, EVENTS);
    expect(open.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const staffView = await api.run(secretariat, EVENTS, { first: 1 });
    const eventId = staffView.data!.auditEvents.nodes[0].id;
    const hidden = await api.run(partner, `query ($id: ID!) { node(id: $id) { id } }`, { id: eventId });
    expect(hidden.data!.node).toBeNull();
  });

  it('offers no way to edit or delete an event, and the database refuses it too', async () => {
    const schema = await api.run(admin, '{ __schema { mutationType { fields { name } } } }');
    const mutations: string[] = schema.data!.__schema.mutationType.fields.map((f: { name: string }) => f.name);
    expect(mutations.filter((name) => /audit/i.test(name))).toEqual([]);

    const em = db.orm.em.fork();
    await expect(em.nativeUpdate(AuditEventSchema, {}, { operation: 'forged' })).rejects.toThrow(/append-only/);
    await expect(em.nativeDelete(AuditEventSchema, {})).rejects.toThrow(/append-only/);
    expect(await db.orm.em.fork().count(AuditEventSchema, {})).toBe(3);
  });
});
