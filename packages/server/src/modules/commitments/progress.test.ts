import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { admin, focalPoint, partner, secretariat } from '../../../test/viewers.js';
import { AuditEventSchema } from '../audit/audit-event.entity.js';
import { CommitmentSchema, EvidenceSchema, ProgressUpdateSchema } from './commitment.entity.js';
import { commitmentFixtures } from './commitment.fixtures.js';
import { toGlobalId } from '../../graphql/global-id.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let f: ReturnType<typeof commitmentFixtures>;
let o: Record<string, any>;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  f = commitmentFixtures(db.orm);
  const lead = await f.organization('MOI');
  const support = await f.organization('MOLVT');
  const other = await f.organization('MOH');
  const leadPerson = await f.person(lead.id, 'Focal Lead');
  const supportPerson = await f.person(support.id, 'Focal Support');
  const otherPerson = await f.person(other.id, 'Focal Other');
  const staffPerson = await f.person(null, 'Secretariat Officer');
  o = {
    lead,
    support,
    other,
    leadFocal: focalPoint(lead.id, leadPerson.id),
    supportFocal: focalPoint(support.id, supportPerson.id),
    otherFocal: focalPoint(other.id, otherPerson.id),
    staff: { ...secretariat, personId: staffPerson.id },
    leadPerson,
  };
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const ADD = `mutation ($input: AddProgressUpdateInput!) {
  addProgressUpdate(input: $input) {
    commitment { status progress version lastUpdateAt statusReason evidence { url title kind } }
    update { id at statusBefore status progressBefore progress note noteKm author { fullName } evidence { url title } }
  }
}`;
const VERIFY = `mutation ($input: VerifyCommitmentInput!) {
  verifyCommitment(input: $input) {
    commitment { status progress version statusReason }
    update { statusBefore status note author { fullName } }
  }
}`;

const newCommitment = () => f.commitment({ lead: o.lead.id, supporters: [o.support.id], visibility: 'INTERNAL' });
const counts = async () => {
  const em = db.orm.em.fork();
  return {
    updates: await em.count(ProgressUpdateSchema, {}),
    evidence: await em.count(EvidenceSchema, {}),
    audits: await em.count(AuditEventSchema, {}),
  };
};

describe('progress updates', () => {
  it('lets a focal point of the lead organisation report progress; the timeline is append-only and newest first', async () => {
    const c = await newCommitment();
    const first = await api.run(o.leadFocal, ADD, {
      input: { commitmentId: c.gid, version: 1, progress: 30, note: 'Drafting started', noteKm: 'ចាប់ផ្តើមព្រាង' },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data!.addProgressUpdate).toMatchObject({
      // Progress on a commitment not started moves it to IN_PROGRESS.
      commitment: { status: 'IN_PROGRESS', progress: 30, version: 2 },
      update: {
        statusBefore: 'NOT_STARTED',
        status: 'IN_PROGRESS',
        progressBefore: 0,
        progress: 30,
        note: 'Drafting started',
        noteKm: 'ចាប់ផ្តើមព្រាង',
        author: { fullName: 'Focal Lead' },
        evidence: [],
      },
    });
    expect(first.data!.addProgressUpdate.commitment.lastUpdateAt).not.toBeNull();

    const second = await api.run(o.supportFocal, ADD, {
      input: {
        commitmentId: c.gid,
        version: 2,
        status: 'AT_RISK',
        evidence: [{ url: 'https://example.org/letter.pdf', title: 'Letter' }],
      },
    });
    expect(second.errors).toBeUndefined();
    expect(second.data!.addProgressUpdate.commitment).toMatchObject({ status: 'AT_RISK', progress: 30, version: 3 });

    const timeline = await api.run(
      secretariat,
      `query ($id: ID!) { node(id: $id) { ... on Commitment { updates { totalCount nodes { status author { fullName } evidence { url } } }
        older: updates(last: 1) { nodes { status } pageInfo { hasPreviousPage } } } } }`,
      { id: c.gid },
    );
    expect(timeline.data!.node.updates).toEqual({
      totalCount: 2,
      nodes: [
        {
          status: 'AT_RISK',
          author: { fullName: 'Focal Support' },
          evidence: [{ url: 'https://example.org/letter.pdf' }],
        },
        { status: 'IN_PROGRESS', author: { fullName: 'Focal Lead' }, evidence: [] },
      ],
    });
    expect(timeline.data!.node.older).toEqual({
      nodes: [{ status: 'IN_PROGRESS' }],
      pageInfo: { hasPreviousPage: true },
    });

    const updateId = second.data!.addProgressUpdate.update.id;
    const node = await api.run(secretariat, `query ($id: ID!) { node(id: $id) { __typename } }`, { id: updateId });
    expect(node.data!.node).toEqual({ __typename: 'ProgressUpdate' });
    const hidden = await api.run(partner, `query ($id: ID!) { node(id: $id) { __typename } }`, { id: updateId });
    expect(hidden.data!.node).toBeNull();

    const audits = await db.orm.em.fork().find(AuditEventSchema, { entityId: c.id, operation: 'addProgressUpdate' });
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => a.changes).find((ch: any) => ch.status?.after === 'AT_RISK')).toMatchObject({
      status: { before: 'IN_PROGRESS', after: 'AT_RISK' },
      evidence: { before: null, after: [{ url: 'https://example.org/letter.pdf', title: 'Letter' }] },
    });
  });

  it('refuses focal points of other organisations, partners and read-only tokens', async () => {
    const c = await newCommitment();
    const missing = toGlobalId('Commitment', '00000000-0000-4000-8000-000000000000');
    const before = await counts();
    // Those who may not see the commitment are answered exactly as for one that does not exist.
    // (A partner may write nothing at all, so both answers are FORBIDDEN for them.)
    for (const [viewer, code] of [
      [o.otherFocal, 'NOT_FOUND'],
      [partner, 'FORBIDDEN'],
    ] as const) {
      const hidden = await api.run(viewer, ADD, { input: { commitmentId: c.gid, version: 1, progress: 10 } });
      const absent = await api.run(viewer, ADD, { input: { commitmentId: missing, version: 1, progress: 10 } });
      expect(hidden.errors?.[0].extensions?.code).toBe(code);
      expect(absent.errors?.[0].extensions?.code).toBe(code);
      expect(hidden.errors?.[0].message.replace(c.id, 'X')).toBe(
        absent.errors?.[0].message.replace('00000000-0000-4000-8000-000000000000', 'X'),
      );
    }
    // A focal point who may see it, through a read-only token, is refused the write.
    const readOnly = await api.run({ ...o.leadFocal, canWrite: false }, ADD, {
      input: { commitmentId: c.gid, version: 1, progress: 10 },
    });
    expect(readOnly.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('requires evidence to report COMPLETED, and then sets progress to 100', async () => {
    const c = await newCommitment();
    const before = await counts();
    const noEvidence = await api.run(o.leadFocal, ADD, {
      input: { commitmentId: c.gid, version: 1, status: 'COMPLETED' },
    });
    expect(noEvidence.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'evidence' }],
    });
    const badUrl = await api.run(o.leadFocal, ADD, {
      input: {
        commitmentId: c.gid,
        version: 1,
        status: 'COMPLETED',
        evidence: [{ url: 'javascript:alert(1)' }, { title: 'no link' }],
      },
    });
    expect(badUrl.errors?.[0].extensions?.fields.map((x: any) => x.field)).toEqual([
      'evidence[0].url',
      'evidence[1].url',
    ]);
    expect(await counts()).toEqual(before);
    expect((await db.orm.em.fork().findOneOrFail(CommitmentSchema, { id: c.id })).version).toBe(1);

    const done = await api.run(o.leadFocal, ADD, {
      input: {
        commitmentId: c.gid,
        version: 1,
        status: 'COMPLETED',
        note: 'Signed',
        evidence: [{ url: 'https://example.org/mou.pdf', title: 'Signed MoU' }],
      },
    });
    expect(done.errors).toBeUndefined();
    expect(done.data!.addProgressUpdate).toMatchObject({
      commitment: {
        status: 'COMPLETED',
        progress: 100,
        version: 2,
        evidence: [{ url: 'https://example.org/mou.pdf', title: 'Signed MoU', kind: 'LINK' }],
      },
      update: { statusBefore: 'NOT_STARTED', status: 'COMPLETED', progress: 100, evidence: [{ title: 'Signed MoU' }] },
    });
  });

  it('never lets a focal point verify or cancel, nor re-open a completed commitment', async () => {
    const c = await newCommitment();
    const verify = await api.run(o.leadFocal, ADD, { input: { commitmentId: c.gid, version: 1, status: 'VERIFIED' } });
    expect(verify.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'status' }] });
    const cancel = await api.run(o.leadFocal, ADD, {
      input: { commitmentId: c.gid, version: 1, status: 'CANCELLED', note: 'no' },
    });
    expect(cancel.errors?.[0].extensions?.fields[0].field).toBe('status');
    const verifyMutation = await api.run(o.leadFocal, VERIFY, { input: { id: c.gid, version: 1, accept: true } });
    expect(verifyMutation.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    await api.run(o.leadFocal, ADD, {
      input: { commitmentId: c.gid, version: 1, status: 'COMPLETED', evidence: [{ url: 'https://example.org/a' }] },
    });
    const back = await api.run(o.leadFocal, ADD, { input: { commitmentId: c.gid, version: 2, status: 'IN_PROGRESS' } });
    expect(back.errors?.[0].extensions?.fields[0].field).toBe('status');
    const lower = await api.run(o.leadFocal, ADD, { input: { commitmentId: c.gid, version: 2, progress: 50 } });
    expect(lower.errors?.[0].extensions?.fields[0].field).toBe('progress');
    const empty = await api.run(o.leadFocal, ADD, { input: { commitmentId: c.gid, version: 2 } });
    expect(empty.errors?.[0].extensions?.fields[0].field).toBe('note');
    const range = await api.run(secretariat, ADD, { input: { commitmentId: c.gid, version: 2, progress: -1 } });
    expect(range.errors?.[0].extensions?.fields.map((x: any) => x.field)).toContain('progress');
  });

  it('refuses a stale version with CONFLICT and the current version, writing nothing', async () => {
    const c = await newCommitment();
    await api.run(o.leadFocal, ADD, { input: { commitmentId: c.gid, version: 1, progress: 10 } });
    const before = await counts();
    const stale = await api.run(o.supportFocal, ADD, {
      input: { commitmentId: c.gid, version: 1, progress: 20, evidence: [{ url: 'https://example.org/x' }] },
    });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(await counts()).toEqual(before);
    expect((await db.orm.em.fork().findOneOrFail(CommitmentSchema, { id: c.id })).progress).toBe(10);
  });
});

describe('verification', () => {
  const completed = async () => {
    const c = await newCommitment();
    const r = await api.run(o.leadFocal, ADD, {
      input: { commitmentId: c.gid, version: 1, status: 'COMPLETED', evidence: [{ url: 'https://example.org/r' }] },
    });
    expect(r.errors).toBeUndefined();
    return c;
  };

  it('lets the secretariat verify a completed commitment, which then closes', async () => {
    const c = await completed();
    const result = await api.run(o.staff, VERIFY, {
      input: { id: c.gid, version: 2, accept: true, reason: 'Checked' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.verifyCommitment).toEqual({
      commitment: { status: 'VERIFIED', progress: 100, version: 3, statusReason: 'Checked' },
      update: {
        statusBefore: 'COMPLETED',
        status: 'VERIFIED',
        note: 'Checked',
        author: { fullName: 'Secretariat Officer' },
      },
    });
    const [audit] = await db.orm.em.fork().find(AuditEventSchema, { entityId: c.id, operation: 'verify' });
    expect(audit.changes).toMatchObject({ status: { before: 'COMPLETED', after: 'VERIFIED' } });

    // Closed: focal points cannot report any more; only the secretariat re-opens it.
    const more = await api.run(o.leadFocal, ADD, { input: { commitmentId: c.gid, version: 3, note: 'more' } });
    expect(more.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'status' }] });
    const again = await api.run(o.staff, VERIFY, { input: { id: c.gid, version: 3, accept: true } });
    expect(again.errors?.[0].extensions?.fields[0].field).toBe('status');
    const reopen = await api.run(admin, ADD, {
      input: { commitmentId: c.gid, version: 3, status: 'IN_PROGRESS', note: 'Reopened after audit' },
    });
    expect(reopen.data!.addProgressUpdate.commitment).toMatchObject({ status: 'IN_PROGRESS', version: 4 });
  });

  it('returns a completed commitment to IN_PROGRESS only with a reason', async () => {
    const c = await completed();
    const before = await counts();
    const noReason = await api.run(o.staff, VERIFY, { input: { id: c.gid, version: 2, accept: false } });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'reason' }] });
    const stale = await api.run(o.staff, VERIFY, { input: { id: c.gid, version: 1, accept: false, reason: 'x' } });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect(await counts()).toEqual(before);

    const returned = await api.run(o.staff, VERIFY, {
      input: { id: c.gid, version: 2, accept: false, reason: 'The link is broken' },
    });
    expect(returned.data!.verifyCommitment).toMatchObject({
      commitment: { status: 'IN_PROGRESS', statusReason: 'The link is broken', version: 3 },
      update: { statusBefore: 'COMPLETED', status: 'IN_PROGRESS', note: 'The link is broken' },
    });
    const [audit] = await db.orm.em.fork().find(AuditEventSchema, { entityId: c.id, operation: 'return' });
    expect(audit).toBeDefined();
  });

  it('verifies only COMPLETED commitments', async () => {
    const c = await newCommitment();
    const result = await api.run(secretariat, VERIFY, { input: { id: c.gid, version: 1, accept: true } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'status' }] });
  });
});
