import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { focalPoint, partner, secretariat } from '../../../test/viewers.js';
import { anonymous } from '../../auth/viewer.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { AuditEventSchema } from '../audit/audit-event.entity.js';
import { testFactories } from '../../test-support/factories.js';
import { PersonSchema } from './person.entity.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let publicApi: Awaited<ReturnType<typeof createTestApi>>;
let moi: { id: string; gid: string };
let iom: { id: string; gid: string };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  publicApi = await createTestApi(db.orm, { publicRead: true });
  const f = testFactories(db.orm);
  moi = await f.organization('MOI', { name: 'Ministry of Interior' });
  iom = await f.organization('IOM', { kind: 'INTERNATIONAL_ORGANIZATION' });
});
afterAll(async () => {
  await api?.stop();
  await publicApi?.stop();
  await db?.drop();
});

const CREATE = `mutation ($input: CreatePersonInput!) {
  createPerson(input: $input) { person { id fullName fullNameKm position email phone isFocalPoint organization { acronym } } }
}`;
const UPDATE = `mutation ($input: UpdatePersonInput!) {
  updatePerson(input: $input) { person { id fullName position email phone isFocalPoint organization { acronym } } }
}`;
const PEOPLE = `query ($filter: PersonFilter) {
  people(filter: $filter) { totalCount nodes { fullName fullNameKm email phone } }
}`;

const fieldsOf = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
  result.errors?.[0].extensions?.fields?.map((f: { field: string }) => f.field);
const counts = async () => ({
  people: await db.orm.em.fork().count(PersonSchema, {}),
  audits: await db.orm.em.fork().count(AuditEventSchema, {}),
});

describe('people', () => {
  let dara: string;

  it('adds a person, audits it, and finds them by Latin or Khmer name', async () => {
    const created = await api.run(secretariat, CREATE, {
      input: {
        fullName: 'Sok Dara',
        fullNameKm: 'សុខ ដារា',
        position: 'Deputy Director',
        organizationId: moi.gid,
        email: ' Dara.Sok@Example.org ',
        phone: '+855 12 345 678',
        isFocalPoint: true,
      },
    });
    expect(created.errors).toBeUndefined();
    const person = created.data!.createPerson.person;
    expect(person).toMatchObject({
      fullName: 'Sok Dara',
      email: 'dara.sok@example.org',
      phone: '+855 12 345 678',
      isFocalPoint: true,
      organization: { acronym: 'MOI' },
    });
    dara = person.id;
    const [event] = await db.orm.em.fork().find(AuditEventSchema, { entityType: 'Person', operation: 'create' });
    expect(event.changes).toMatchObject({ fullName: { before: null, after: 'Sok Dara' } });

    await api.run(secretariat, CREATE, { input: { fullName: 'Chan 100% Sophea', organizationId: iom.gid } });
    await api.run(secretariat, CREATE, { input: { fullName: 'Chan 1000 Sophea' } });

    const search = async (text: string) =>
      (await api.run(secretariat, PEOPLE, { filter: { search: text } })).data!.people.nodes.map(
        (n: { fullName: string }) => n.fullName,
      );
    expect(await search('ដារា')).toEqual(['Sok Dara']);
    expect(await search('DARA')).toEqual(['Sok Dara']);
    expect(await search('100%')).toEqual(['Chan 100% Sophea']);
    expect(await search('Chan _')).toEqual([]);
    const byOrganization = await api.run(secretariat, PEOPLE, { filter: { organizationId: iom.gid } });
    expect(byOrganization.data!.people).toMatchObject({ totalCount: 1, nodes: [{ fullName: 'Chan 100% Sophea' }] });
  });

  it('refuses bad input with one entry per field and writes nothing', async () => {
    const before = await counts();
    const bad = await api.run(secretariat, CREATE, {
      input: {
        fullName: ' ',
        position: 'x'.repeat(201),
        email: 'not-an-address',
        phone: 'call me',
        organizationId: toGlobalId('Organization', '00000000-0000-4000-8000-000000000000'),
      },
    });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(bad)?.sort()).toEqual(['email', 'fullName', 'organizationId', 'phone', 'position']);

    const wrongType = await api.run(secretariat, CREATE, { input: { fullName: 'X', organizationId: dara } });
    expect(wrongType.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'organizationId', message: 'is not a valid Organization id' }],
    });
    const update = await api.run(secretariat, UPDATE, { input: { id: dara, fullName: null, fullNameKm: null } });
    expect(fieldsOf(update)).toEqual(['fullName']);
    expect(await counts()).toEqual(before);
  });

  it('changes a person, auditing only what changed; an unknown person is NOT_FOUND', async () => {
    const updated = await api.run(secretariat, UPDATE, {
      input: { id: dara, position: 'Director', organizationId: iom.gid, phone: null },
    });
    expect(updated.data!.updatePerson.person).toMatchObject({
      fullName: 'Sok Dara',
      position: 'Director',
      phone: null,
      organization: { acronym: 'IOM' },
    });
    const events = await db.orm.em.fork().find(AuditEventSchema, { entityType: 'Person', operation: 'update' });
    expect(events).toHaveLength(1);
    expect(Object.keys(events[0].changes!).sort()).toEqual(['organization', 'phone', 'position']);

    const missing = await api.run(secretariat, UPDATE, {
      input: { id: toGlobalId('Person', '00000000-0000-4000-8000-000000000000'), position: 'x' },
    });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('lets only the secretariat add or change people', async () => {
    const before = await counts();
    for (const viewer of [partner, focalPoint(moi.id), { ...secretariat, canWrite: false }]) {
      const created = await api.run(viewer, CREATE, { input: { fullName: 'Intruder' } });
      expect(created.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const changed = await api.run(viewer, UPDATE, { input: { id: dara, position: 'Intruder' } });
      expect(changed.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const anonymousCreate = await publicApi.run(anonymous, CREATE, { input: { fullName: 'Intruder' } });
    expect(anonymousCreate.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await counts()).toEqual(before);
  });

  it('shows e-mail and phone to staff and focal points, never to partners or anonymous visitors', async () => {
    await api.run(secretariat, UPDATE, { input: { id: dara, phone: '+855 12 345 678' } });
    const contact = async (run: typeof api.run, viewer: Parameters<typeof api.run>[0]) => {
      const list = await run(viewer, PEOPLE, { filter: { search: 'Sok Dara' } });
      const node = await run(viewer, `query ($id: ID!) { node(id: $id) { ... on Person { email phone } } }`, {
        id: dara,
      });
      const nested = await run(
        viewer,
        `{ organizations(filter: { search: "IOM" }) { nodes { focalPoints { email phone } } } }`,
      );
      return [list.data!.people.nodes[0], node.data!.node, nested.data!.organizations.nodes[0].focalPoints[0]].map(
        (p: { email: string | null; phone: string | null }) => ({ email: p.email, phone: p.phone }),
      );
    };
    const visible = { email: 'dara.sok@example.org', phone: '+855 12 345 678' };
    const hidden = { email: null, phone: null };
    expect(await contact(api.run, secretariat)).toEqual([visible, visible, visible]);
    expect(await contact(api.run, focalPoint(moi.id))).toEqual([visible, visible, visible]);
    expect(await contact(api.run, partner)).toEqual([hidden, hidden, hidden]);
    expect(await contact(publicApi.run, anonymous)).toEqual([hidden, hidden, hidden]);
    const signedOut = await api.run(anonymous, PEOPLE);
    expect(signedOut.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
