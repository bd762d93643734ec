import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { secretariat } from '../../../test/viewers.js';
import { CommitmentSchema } from './commitment.entity.js';
import { commitmentFixtures } from './commitment.fixtures.js';

/** A commitment is never more visible than its meeting; cancelling one needs a reason (issue #13). */
let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let f: ReturnType<typeof commitmentFixtures>;
let lead: { id: string; gid: string };
let internal: { id: string; gid: string };
let partners: { id: string; gid: string };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  f = commitmentFixtures(db.orm);
  lead = await f.organization('MOLVT');
  internal = await f.meeting(lead.id, '2024-05-01T02:00:00Z', 'INTERNAL');
  partners = await f.meeting(lead.id, '2024-06-01T02:00:00Z', 'PARTNERS');
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const CREATE = `mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { id version visibility } } }`;
const UPDATE = `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { id version visibility status statusReason } } }`;
const problemsOf = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
  result.errors?.[0]?.extensions?.fields;

describe('a commitment is no more visible than its meeting', () => {
  it('refuses PARTNERS or PUBLIC for a commitment of an INTERNAL meeting, on create', async () => {
    for (const visibility of ['PARTNERS', 'PUBLIC']) {
      const result = await api.run(secretariat, CREATE, {
        input: { title: 'Share the data', leadOrganizationId: lead.gid, meetingId: internal.gid, visibility },
      });
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(problemsOf(result)).toEqual([
        {
          field: 'visibility',
          code: 'VISIBILITY_ABOVE_MEETING',
          message: expect.stringContaining('its meeting is INTERNAL'),
          params: { visibility, meetingVisibility: 'INTERNAL' },
        },
      ]);
    }
    expect(await db.orm.em.fork().count(CommitmentSchema, {})).toBe(0);
    // As visible as the meeting, or less, is fine; so is any visibility without a meeting.
    for (const [meetingId, visibility] of [
      [internal.gid, 'INTERNAL'],
      [partners.gid, 'PARTNERS'],
      [undefined, 'PUBLIC'],
    ]) {
      const ok = await api.run(secretariat, CREATE, {
        input: { title: 'Fine', leadOrganizationId: lead.gid, meetingId, visibility },
      });
      expect(ok.errors).toBeUndefined();
    }
  });

  it('refuses it on update too: raising the visibility, or moving it to a less visible meeting', async () => {
    const created = await api.run(secretariat, CREATE, {
      input: {
        title: 'Report quarterly',
        leadOrganizationId: lead.gid,
        meetingId: partners.gid,
        visibility: 'PARTNERS',
      },
    });
    const { id, version } = created.data!.createCommitment.commitment;
    const raised = await api.run(secretariat, UPDATE, { input: { id, version, visibility: 'PUBLIC' } });
    expect(problemsOf(raised)).toEqual([
      expect.objectContaining({
        field: 'visibility',
        code: 'VISIBILITY_ABOVE_MEETING',
        params: { visibility: 'PUBLIC', meetingVisibility: 'PARTNERS' },
      }),
    ]);
    const moved = await api.run(secretariat, UPDATE, { input: { id, version, meetingId: internal.gid } });
    expect(problemsOf(moved)).toEqual([
      expect.objectContaining({ field: 'meetingId', code: 'VISIBILITY_ABOVE_MEETING' }),
    ]);
    const both = await api.run(secretariat, UPDATE, {
      input: { id, version, meetingId: internal.gid, visibility: 'INTERNAL' },
    });
    expect(both.errors).toBeUndefined();
    expect(both.data!.updateCommitment.commitment.visibility).toBe('INTERNAL');
  });
});

describe('cancelling a commitment', () => {
  it('needs a reason (REQUIRED on statusReason), and keeps it', async () => {
    const created = await api.run(secretariat, CREATE, {
      input: { title: 'Mistaken commitment', leadOrganizationId: lead.gid },
    });
    const { id, version } = created.data!.createCommitment.commitment;
    for (const statusReason of [undefined, '   ']) {
      const refused = await api.run(secretariat, UPDATE, { input: { id, version, status: 'CANCELLED', statusReason } });
      expect(problemsOf(refused)).toEqual([expect.objectContaining({ field: 'statusReason', code: 'REQUIRED' })]);
    }
    const cancelled = await api.run(secretariat, UPDATE, {
      input: { id, version, status: 'CANCELLED', statusReason: 'Recorded twice by mistake' },
    });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.updateCommitment.commitment).toMatchObject({
      status: 'CANCELLED',
      statusReason: 'Recorded twice by mistake',
    });
  });
});
