import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { commitmentQuery } from '../modules/exports/exports.routes.js';
import { decode, decodeAsync } from './decode.js';
import { toGlobalId } from './global-id.js';

const ORG = '0b0c1e52-7a51-4f0e-9d3c-0c4f1e2a3b4c';
const PERSON = '6f1d2c3b-4a59-4e8f-8a7b-1c2d3e4f5a6b';
const org = toGlobalId('Organization', ORG);
const person = toGlobalId('Person', PERSON);

/** The field problems `run` throws (it must throw them, as one InvalidInputError). */
function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).fields;
  }
  throw new Error('expected the decoder to throw');
}

describe('decode', () => {
  it('turns global ids into uuids: required, optional, nullable and lists', () => {
    const decoded = decode((d) => ({
      required: d.id(org, 'Organization', 'organizationId'),
      absent: d.id(undefined, 'Organization', 'parentId'),
      nullAsAbsent: d.id(null, 'Organization', 'parentId'),
      cleared: d.nullableId(null, 'Organization', 'parentId'),
      kept: d.nullableId(undefined, 'Organization', 'parentId'),
      list: d.ids([org, org], 'Organization', 'supportingOrganizationIds'),
      noList: d.ids(null, 'Organization', 'supportingOrganizationIds'),
    }));
    expect(decoded).toEqual({
      required: ORG,
      absent: undefined,
      nullAsAbsent: undefined,
      cleared: null,
      kept: undefined,
      list: [ORG, ORG],
      noList: null,
    });
  });

  it('collects every problem and throws them once, in the order they were found', () => {
    const fields = problemsOf(() =>
      decode((d) => ({
        a: d.id('nope', 'Organization', 'organizationId'),
        b: d.id(person, 'Organization', 'leadOrganizationId'),
        c: d.ids([org, 'x', person], 'Organization', 'supportingOrganizationIds'),
      })),
    );
    expect(fields).toEqual([
      { field: 'organizationId', message: 'is not a valid Organization id', code: 'INVALID_FORMAT' },
      { field: 'leadOrganizationId', message: 'is not a valid Organization id', code: 'INVALID_FORMAT' },
      { field: 'supportingOrganizationIds[1]', message: 'is not a valid Organization id', code: 'INVALID_FORMAT' },
      { field: 'supportingOrganizationIds[2]', message: 'is not a valid Organization id', code: 'INVALID_FORMAT' },
    ]);
  });

  it('lets the build add its own problems to the same throw', async () => {
    const fields = problemsOf(() =>
      decode((d) => {
        d.problems.add('ids', 'give the ids', 'REQUIRED');
        return d.id('bad', 'Person', 'personId');
      }),
    );
    expect(fields.map((f) => [f.field, f.code])).toEqual([
      ['ids', 'REQUIRED'],
      ['personId', 'INVALID_FORMAT'],
    ]);
    await expect(decodeAsync(async (d) => d.id('bad', 'Person', 'personId'))).rejects.toBeInstanceOf(InvalidInputError);
    await expect(decodeAsync(async (d) => d.id(person, 'Person', 'personId'))).resolves.toBe(PERSON);
  });

  it('checks ranges of dates and of instants', () => {
    expect(decode((d) => d.range('2026-01-01', '2026-01-01', ['from', 'to']))).toEqual({
      from: '2026-01-01',
      to: '2026-01-01',
    });
    expect(decode((d) => d.range(null, '2026-01-01', ['from', 'to']))).toEqual({ from: undefined, to: '2026-01-01' });
    expect(
      problemsOf(() => decode((d) => d.range('2026-02-01', '2026-01-31', ['filter.dueFrom', 'filter.dueTo']))),
    ).toEqual([{ field: 'filter.dueTo', message: 'must not be before dueFrom', code: 'END_BEFORE_START' }]);
    const later = new Date('2026-03-01T00:00:00Z');
    const earlier = new Date('2026-02-01T00:00:00Z');
    expect(problemsOf(() => decode((d) => d.range(later, earlier, ['from', 'to'])))).toEqual([
      { field: 'to', message: 'must not be before from', code: 'END_BEFORE_START' },
    ]);
  });

  it('decodes the commitment filter, naming each field under its prefix', () => {
    expect(decode((d) => d.commitmentFilter(undefined))).toBeUndefined();
    expect(
      decode((d) =>
        d.commitmentFilter({ status: ['AT_RISK'], leadOrganizationId: org, assigneeId: person, gcmObjective: 23 }),
      ),
    ).toMatchObject({ status: ['AT_RISK'], leadOrganization: ORG, assignee: PERSON, gcmObjective: 23 });
    const fields = problemsOf(() =>
      decode((d) =>
        d.commitmentFilter({ meetingId: org, gcmObjective: 0, dueFrom: '2026-02-01', dueTo: '2026-01-01' }),
      ),
    );
    expect(fields).toEqual([
      expect.objectContaining({ field: 'filter.gcmObjective', code: 'OUT_OF_RANGE', params: { min: 1, max: 23 } }),
      expect.objectContaining({ field: 'filter.dueTo', code: 'END_BEFORE_START' }),
      expect.objectContaining({ field: 'filter.meetingId', code: 'INVALID_FORMAT' }),
    ]);
  });

  it('decodes the meeting filter', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    expect(decode((d) => d.meetingFilter({ organizerId: org, from, status: ['HELD'] }))).toEqual({
      from,
      to: undefined,
      status: ['HELD'],
      search: undefined,
      organizer: ORG,
      participantOrganization: undefined,
      series: undefined,
    });
    expect(
      problemsOf(() => decode((d) => d.meetingFilter({ seriesId: 'x', from, to: new Date('2025-12-31T00:00:00Z') }))),
    ).toEqual([
      expect.objectContaining({ field: 'filter.to', code: 'END_BEFORE_START' }),
      expect.objectContaining({ field: 'filter.seriesId', code: 'INVALID_FORMAT' }),
    ]);
  });

  it('gives the exports the same commitment filter as GraphQL, from the query string', () => {
    const graphql = decode((d) =>
      d.commitmentFilter({ status: ['AT_RISK', 'IN_PROGRESS'], organizationId: org, overdue: true, gcmObjective: 7 }),
    );
    const rest = commitmentQuery({
      status: 'AT_RISK,IN_PROGRESS',
      organizationId: org,
      overdue: 'true',
      gcmObjective: '7',
    });
    expect(rest.filter).toEqual(graphql);
    // The same checks, named without the `filter.` prefix.
    expect(problemsOf(() => commitmentQuery({ gcmObjective: '24', meetingId: 'nope' })).map((f) => f.field)).toEqual([
      'gcmObjective',
      'meetingId',
    ]);
  });
});
