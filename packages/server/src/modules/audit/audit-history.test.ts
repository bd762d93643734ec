import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { secretariat } from '../../../test/viewers.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { testFactories } from '../../test-support/factories.js';
import { PersonSchema } from '../people/person.entity.js';

/** The audit trail reads like a history: the record's name and link, and names instead of ids (issue #13). */
let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let f: ReturnType<typeof testFactories>;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  f = testFactories(db.orm);
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const EVENTS = `query ($filter: AuditEventFilter, $first: Int) { auditEvents(filter: $filter, first: $first) { nodes {
  operation entityType entityId entityLabel entityLabelKm entityExists changes
  references { value id entityType label labelKm }
} } }`;

describe('audit events as a history', () => {
  it('names the record and every record whose id appears in the changes', async () => {
    const mol = await f.organization('MOL', { name: 'Ministry of Labour', nameKm: 'ក្រសួងការងារ' });
    const moi = await f.organization('MOI', { name: 'Ministry of Interior' });
    const em = db.orm.em.fork();
    const person = em.create(PersonSchema, { fullName: 'Sok Dara', fullNameKm: 'សុខ តារា', organization: mol.id });
    await em.flush();
    const created = await api.run(
      secretariat,
      `mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { id reference } } }`,
      {
        input: {
          title: 'Publish the labour migration report',
          titleKm: 'ផ្សព្វផ្សាយរបាយការណ៍',
          leadOrganizationId: mol.gid,
          supportingOrganizationIds: [moi.gid],
          assigneeId: toGlobalId('Person', person.id),
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const { id, reference } = created.data!.createCommitment.commitment;

    const result = await api.run(secretariat, EVENTS, { filter: { entityId: id } });
    expect(result.errors).toBeUndefined();
    const [event] = result.data!.auditEvents.nodes;
    expect(event).toMatchObject({
      operation: 'create',
      entityType: 'Commitment',
      entityId: id,
      entityLabel: `${reference} · Publish the labour migration report`,
      entityLabelKm: `${reference} · ផ្សព្វផ្សាយរបាយការណ៍`,
      entityExists: true,
    });
    expect(event.changes.assignee.after).toBe(person.id);
    expect(event.references).toEqual(
      expect.arrayContaining([
        {
          value: person.id,
          id: toGlobalId('Person', person.id),
          entityType: 'Person',
          label: 'Sok Dara',
          labelKm: 'សុខ តារា',
        },
        { value: mol.id, id: mol.gid, entityType: 'Organization', label: 'Ministry of Labour', labelKm: 'ក្រសួងការងារ' },
        { value: moi.id, id: moi.gid, entityType: 'Organization', label: 'Ministry of Interior', labelKm: null },
      ]),
    );
    expect(event.references).toHaveLength(3);
  });

  it('labels a whole page of events in one statement, however many records they name', async () => {
    const org = await f.organization('NCCT', { name: 'National Committee' });
    for (let i = 0; i < 8; i++) {
      await api.run(
        secretariat,
        `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }`,
        { input: { fullName: `Person ${i}`, organizationId: org.gid } },
      );
    }
    const count = async (first: number) => {
      db.queries.length = 0;
      const result = await api.run(secretariat, EVENTS, { first });
      expect(result.errors).toBeUndefined();
      return db.queries.filter((q) => /union all/.test(q)).length;
    };
    expect(await count(2)).toBe(1);
    expect(await count(10)).toBe(1);
  });
});
