import { type GraphQLObjectType, type GraphQLResolveInfo, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { callFieldResolversDirectly } from './direct-resolvers.js';
import { partner, secretariat } from '../../test/viewers.js';
import { toGlobalId } from './global-id.js';
import { getSchema } from './schema.js';

const fieldOf = async (type: string, field: string) => {
  const found = (await getSchema()).getType(type);
  if (!isObjectType(found)) throw new Error(`no object type ${type}`);
  const resolve = (found as GraphQLObjectType).getFields()[field]?.resolve;
  if (!resolve) throw new Error(`${type}.${field} has no resolver`);
  return resolve;
};

describe('direct field resolvers (decision 0030)', () => {
  it('calls the list fields resolvers directly, and keeps type-graphql where it converts an input', async () => {
    const direct = callFieldResolversDirectly(await getSchema());
    expect(direct).toEqual(
      expect.arrayContaining([
        'Commitment.id',
        'Commitment.leadOrganization',
        'Commitment.assignee',
        'Commitment.meeting',
        'Meeting.id',
        'Meeting.participations',
        'Organization.id',
        'Person.id',
        'ReportingPeriod.report',
      ]),
    );
    // An @Args() class is turned into an instance of it (and could be validated): type-graphql's wrapper stays.
    expect(direct).not.toContain('Meeting.commitments');
    expect(direct).not.toContain('Commitment.updates');
  });

  it('passes the root as it is and answers synchronously', async () => {
    const info = {} as GraphQLResolveInfo;
    const id = '0f4391e0-279a-4274-bf0e-2340fee7fa10';
    const resolveId = await fieldOf('Commitment', 'id');
    expect(resolveId({ id }, {}, {}, info)).toBe(toGlobalId('Commitment', id));
    const resolveOverdue = await fieldOf('Commitment', 'isOverdue');
    expect(resolveOverdue({ id, dueDate: '2020-01-01', status: 'IN_PROGRESS' }, {}, {}, info)).toBe(true);
    expect(resolveOverdue({ id, dueDate: '2020-01-01', status: 'VERIFIED' }, {}, {}, info)).toBe(false);
  });

  it('passes the parameters in the order the method declares them, whatever order they were collected in', async () => {
    // Person.email(@Root() person, @Ctx() ctx): type-graphql collects parameter decorators last to first.
    const resolveEmail = await fieldOf('Person', 'email');
    const person = { id: '0f4391e0-279a-4274-bf0e-2340fee7fa10', email: 'sokha@example.org' };
    expect(resolveEmail(person, {}, { viewer: secretariat }, {} as GraphQLResolveInfo)).toBe('sokha@example.org');
    expect(resolveEmail(person, {}, { viewer: partner }, {} as GraphQLResolveInfo)).toBeNull();
  });
});
