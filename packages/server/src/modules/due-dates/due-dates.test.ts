import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createTestAccount, createTestHttp, createTestToken } from '../../../test/http.js';
import { partner } from '../../../test/viewers.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { runDueJobs } from '../../jobs/worker.js';
import { createLogger } from '../../logger.js';
import { testFactories } from '../../test-support/factories.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let f: ReturnType<typeof testFactories>;
let o: Record<string, any>;

const COMMITMENT = `query ($id: ID!) { node(id: $id) { ... on Commitment { dueDate originalDueDate slippedDays version
  dueDateChanges { id from to reason status decisionReason requestedBy { fullName } decidedBy { fullName } } } } }`;
const UPDATE = `mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { dueDate version } } }`;
const REQUEST = `mutation ($input: RequestDueDateChangeInput!) { requestDueDateChange(input: $input) {
  change { id status from to reason } commitment { dueDate version } } }`;
const DECIDE = `mutation ($input: DecideDueDateChangeInput!) { decideDueDateChange(input: $input) {
  change { status decisionReason decidedBy { fullName } } commitment { dueDate originalDueDate slippedDays } } }`;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  f = testFactories(db.orm);
  const moi = await f.organization('MOI');
  const moh = await f.organization('MOH');
  o = {
    moi,
    staff: await f.account('SECRETARIAT', { name: 'Sok Dara' }),
    focal: await f.account('FOCAL_POINT', { organization: moi.id, name: 'Chan Vanna' }),
    otherFocal: await f.account('FOCAL_POINT', { organization: moh.id }),
  };
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const commitment = () =>
  f.commitment({ lead: o.moi.id, dueDate: '2027-01-31' }).then(async (c) => {
    await db.orm.em.fork().execute('update commitment set original_due_date = due_date where id = ?', [c.id]);
    return c;
  });

describe('due dates keep their history', () => {
  it('records the secretariat’s direct change as APPLIED, with its reason; the first due date stays', async () => {
    const c = await commitment();
    const changed = await api.run(o.staff.viewer, UPDATE, {
      input: { id: c.gid, version: 1, dueDate: '2027-03-31', dueDateReason: 'The survey starts late' },
    });
    expect(changed.errors).toBeUndefined();
    await api.run(o.staff.viewer, UPDATE, { input: { id: c.gid, version: 2, dueDate: '2027-04-30' } });
    const seen = (await api.run(o.staff.viewer, COMMITMENT, { id: c.gid })).data!.node;
    expect(seen).toMatchObject({ dueDate: '2027-04-30', originalDueDate: '2027-01-31', slippedDays: 89 });
    expect(seen.dueDateChanges).toEqual([
      expect.objectContaining({
        from: '2027-01-31',
        to: '2027-03-31',
        reason: 'The survey starts late',
        status: 'APPLIED',
        requestedBy: { fullName: 'Sok Dara' },
      }),
      expect.objectContaining({ from: '2027-03-31', to: '2027-04-30', reason: null, status: 'APPLIED' }),
    ]);
  });

  it('lets a focal point ask, and the secretariat accept: the due date moves and everyone concerned hears of it', async () => {
    const c = await commitment();
    const asked = await api.run(o.focal.viewer, REQUEST, {
      input: { commitmentId: c.gid, version: 1, dueDate: '2027-02-28', reason: 'The printer delivers in February' },
    });
    expect(asked.errors).toBeUndefined();
    expect(asked.data!.requestDueDateChange).toMatchObject({
      change: { status: 'REQUESTED', from: '2027-01-31', to: '2027-02-28' },
      commitment: { dueDate: '2027-01-31', version: 1 },
    });
    // The secretariat finds the commitments whose requests wait.
    const waiting = await api.run(
      o.staff.viewer,
      `{ commitments(filter: { dueDateChangeRequested: true }) { nodes { reference } } }`,
    );
    expect(waiting.data!.commitments.nodes).toEqual([{ reference: c.reference }]);
    // The commitment exports take the same filter.
    const http = await createTestHttp(db);
    try {
      const account = await createTestAccount(db, { role: 'SECRETARIAT' });
      const token = await createTestToken(db, account.id, 'READ');
      const csv = await http.app.inject({
        method: 'GET',
        url: '/exports/commitments.csv?dueDateChangeRequested=true',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.body.trim().split('\n')).toHaveLength(2);
      expect(csv.body).toContain(c.reference);
    } finally {
      await http.close();
    }
    // One request waits at a time.
    const second = await api.run(o.focal.viewer, REQUEST, {
      input: { commitmentId: c.gid, version: 1, dueDate: '2027-03-31', reason: 'Later still' },
    });
    expect(second.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'commitmentId' })]);
    // A focal point does not decide.
    const self = await api.run(o.focal.viewer, DECIDE, {
      input: { id: asked.data!.requestDueDateChange.change.id, accept: true },
    });
    expect(self.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const accepted = await api.run(o.staff.viewer, DECIDE, {
      input: { id: asked.data!.requestDueDateChange.change.id, accept: true },
    });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.decideDueDateChange).toEqual({
      change: { status: 'ACCEPTED', decisionReason: null, decidedBy: { fullName: 'Sok Dara' } },
      commitment: { dueDate: '2027-02-28', originalDueDate: '2027-01-31', slippedDays: 28 },
    });
    const again = await api.run(o.staff.viewer, DECIDE, {
      input: { id: asked.data!.requestDueDateChange.change.id, accept: false, reason: 'No' },
    });
    expect(again.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'id' })]);

    await runDueJobs({
      orm: db.orm,
      url: db.url,
      config: { smtpUrl: undefined, mailFrom: 'x <x@x.test>', publicUrl: 'https://prachum.test' },
      logger: createLogger({ logLevel: 'silent' }),
    });
    const NOTES = `{ notifications(first: 20) { nodes { kind message } } }`;
    const staffNotes = (await api.run(o.staff.viewer, NOTES)).data!.notifications.nodes;
    expect(staffNotes).toContainEqual(
      expect.objectContaining({
        kind: 'DUE_DATE_CHANGE_REQUESTED',
        message: expect.stringContaining('The printer delivers in February'),
      }),
    );
    const focalNotes = (await api.run(o.focal.viewer, NOTES)).data!.notifications.nodes;
    expect(focalNotes).toContainEqual(
      expect.objectContaining({ kind: 'DUE_DATE_CHANGE_DECIDED', message: expect.stringContaining('accepted') }),
    );
  });

  it('lets the secretariat decline, with a reason; the due date stays', async () => {
    const c = await commitment();
    const asked = await api.run(o.focal.viewer, REQUEST, {
      input: { commitmentId: c.gid, version: 1, dueDate: '2027-12-31', reason: 'Elections' },
    });
    const id = asked.data!.requestDueDateChange.change.id;
    const noReason = await api.run(o.staff.viewer, DECIDE, { input: { id, accept: false } });
    expect(noReason.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'reason' })]);
    const declined = await api.run(o.staff.viewer, DECIDE, {
      input: { id, accept: false, reason: 'The plan ends in June' },
    });
    expect(declined.data!.decideDueDateChange).toMatchObject({
      change: { status: 'DECLINED', decisionReason: 'The plan ends in June' },
      commitment: { dueDate: '2027-01-31', slippedDays: 0 },
    });
  });

  it('answers those who may not see the commitment as if it did not exist, and checks every field', async () => {
    const c = await commitment();
    const missing = toGlobalId('Commitment', '00000000-0000-4000-8000-000000000000');
    for (const viewer of [o.otherFocal.viewer]) {
      const hidden = await api.run(viewer, REQUEST, {
        input: { commitmentId: c.gid, version: 1, dueDate: '2027-02-01', reason: 'x' },
      });
      const absent = await api.run(viewer, REQUEST, {
        input: { commitmentId: missing, version: 1, dueDate: '2027-02-01', reason: 'x' },
      });
      expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(absent.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const readOnly = await api.run(partner, REQUEST, {
      input: { commitmentId: c.gid, version: 1, dueDate: '2027-02-01', reason: 'x' },
    });
    expect(readOnly.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const stale = await api.run(o.focal.viewer, REQUEST, {
      input: { commitmentId: c.gid, version: 7, dueDate: '2027-02-01', reason: 'x' },
    });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    const bad = await api.run(o.focal.viewer, REQUEST, {
      input: { commitmentId: c.gid, version: 1, dueDate: '2027-01-31', reason: '  ' },
    });
    expect(bad.errors?.[0].extensions?.fields.map((p: any) => p.field).sort()).toEqual(['dueDate', 'reason']);
    const history = (await api.run(o.staff.viewer, COMMITMENT, { id: c.gid })).data!.node.dueDateChanges;
    expect(history).toEqual([]);
  });
});
