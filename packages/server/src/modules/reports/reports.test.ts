import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createTestAccount, createTestHttp, createTestToken } from '../../../test/http.js';
import { focalPoint, secretariat } from '../../../test/viewers.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { type CommitmentStatus, ProgressUpdateSchema } from '../commitments/commitment.entity.js';
import { testFactories } from '../../test-support/factories.js';
import { completionLevel } from '../commitments/commitment.sql.js';
import { DueDateChangeSchema } from '../due-dates/due-date-change.entity.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;
let f: ReturnType<typeof testFactories>;
let o: Record<string, any>;

const at = (iso: string) => new Date(`${iso}T03:00:00Z`); // 10:00 in Phnom Penh

/** A commitment with a past: created on `created`, then the given updates, as they happened. */
async function withHistory(fields: {
  reference: string;
  lead: string;
  created: string;
  dueDate: string | null;
  updates?: [string, CommitmentStatus, CommitmentStatus, number, number][];
}) {
  const last = fields.updates?.at(-1);
  const c = await f.commitment({
    reference: fields.reference,
    lead: fields.lead,
    dueDate: fields.dueDate,
    status: last?.[2] ?? 'NOT_STARTED',
    progress: last?.[4] ?? 0,
  });
  const em = db.orm.em.fork();
  await em.execute('update commitment set created_at = ? where id = ?', [at(fields.created), c.id]);
  for (const [day, statusBefore, status, progressBefore, progress] of fields.updates ?? []) {
    em.create(ProgressUpdateSchema, {
      commitment: c.id,
      statusBefore,
      status,
      progressBefore,
      progress,
      createdAt: at(day),
      updatedAt: at(day),
    });
  }
  await em.flush();
  return c;
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
  f = testFactories(db.orm);
  const a = await f.organization('MOA');
  const b = await f.organization('MOB');
  // The hand-made data set for Q1 2026 (1 January – 31 March):
  const k1 = await withHistory({
    reference: 'K1',
    lead: a.id,
    created: '2025-12-01',
    dueDate: '2026-02-15',
    updates: [
      ['2026-01-10', 'NOT_STARTED', 'IN_PROGRESS', 0, 30],
      ['2026-03-01', 'IN_PROGRESS', 'COMPLETED', 30, 100],
    ],
  }); // completed in the range, after its due date passed while it was open
  const k2 = await withHistory({ reference: 'K2', lead: a.id, created: '2025-11-01', dueDate: '2026-06-30' });
  // K2's due date was 20 January until it was moved on 1 February: at the start of the range it was not overdue.
  const em = db.orm.em.fork();
  em.create(DueDateChangeSchema, {
    commitment: k2.id,
    from: '2026-01-20',
    to: '2026-06-30',
    reason: 'Budget arrives in June',
    status: 'APPLIED',
    decidedAt: at('2026-02-01'),
  });
  await em.flush();
  const k3 = await withHistory({
    reference: 'K3',
    lead: a.id,
    created: '2026-02-01',
    dueDate: '2026-03-10',
    updates: [['2026-02-05', 'NOT_STARTED', 'IN_PROGRESS', 0, 20]],
  }); // created in the range, overdue at its end
  const k4 = await withHistory({
    reference: 'K4',
    lead: a.id,
    created: '2025-10-01',
    dueDate: '2025-12-31',
    updates: [
      ['2025-12-20', 'NOT_STARTED', 'COMPLETED', 0, 100],
      ['2026-01-15', 'COMPLETED', 'VERIFIED', 100, 100],
    ],
  }); // verified in the range
  await withHistory({ reference: 'K5', lead: a.id, created: '2026-04-15', dueDate: '2026-05-01' }); // after the range
  const k6 = await withHistory({ reference: 'K6', lead: b.id, created: '2025-12-01', dueDate: '2025-12-15' }); // overdue all along
  o = { a, b, k1, k2, k3, k4, k6, bFocal: focalPoint(b.id) };
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const REPORT = `query ($from: Date!, $to: Date!, $groupBy: StatsGroupBy) {
  progressReport(from: $from, to: $to, groupBy: $groupBy) {
    from to created completed verified becameOverdue withoutUpdate
    all: commitments(first: 100) { totalCount nodes { reference } }
    becameOverdueList: commitments(change: BECAME_OVERDUE) { nodes { reference } }
    withoutUpdateList: commitments(change: WITHOUT_UPDATE) { nodes { reference } }
    advanced: commitments(change: ADVANCED) { nodes { reference } }
    groups {
      key label progressDelta
      atStart { total overdue averageProgress highCompletion byStatus { status count } }
      atEnd { total overdue averageProgress highCompletion byStatus { status count } }
    }
  }
}`;
const refs = (list: { nodes: { reference: string }[] }) => list.nodes.map((n) => n.reference).sort();

describe('progress reports', () => {
  it('add up on a hand-made history: created, completed, verified, became overdue, without update', async () => {
    const result = await api.run(secretariat, REPORT, {
      from: '2026-01-01',
      to: '2026-03-31',
      groupBy: 'ORGANIZATION',
    });
    expect(result.errors).toBeUndefined();
    const report = result.data!.progressReport;
    expect(report).toMatchObject({ created: 1, completed: 1, verified: 1, becameOverdue: 2, withoutUpdate: 2 });
    expect(refs(report.all)).toEqual(['K1', 'K2', 'K3', 'K4', 'K6']);
    expect(refs(report.becameOverdueList)).toEqual(['K1', 'K3']);
    expect(refs(report.withoutUpdateList)).toEqual(['K2', 'K6']);
    expect(refs(report.advanced)).toEqual(['K1', 'K3']);
    expect(report.groups).toEqual([
      {
        key: toGlobalId('Organization', o.a.id),
        label: 'MOA name',
        progressDelta: 30,
        atStart: {
          total: 3,
          overdue: 0,
          averageProgress: 33.3,
          highCompletion: 1,
          byStatus: [
            { status: 'NOT_STARTED', count: 2 },
            { status: 'COMPLETED', count: 1 },
          ],
        },
        atEnd: {
          total: 4,
          overdue: 1,
          averageProgress: 55,
          highCompletion: 2,
          byStatus: [
            { status: 'NOT_STARTED', count: 1 },
            { status: 'IN_PROGRESS', count: 1 },
            { status: 'COMPLETED', count: 1 },
            { status: 'VERIFIED', count: 1 },
          ],
        },
      },
      {
        key: toGlobalId('Organization', o.b.id),
        label: 'MOB name',
        progressDelta: 0,
        atStart: {
          total: 1,
          overdue: 1,
          averageProgress: 0,
          highCompletion: 0,
          byStatus: [{ status: 'NOT_STARTED', count: 1 }],
        },
        atEnd: {
          total: 1,
          overdue: 1,
          averageProgress: 0,
          highCompletion: 0,
          byStatus: [{ status: 'NOT_STARTED', count: 1 }],
        },
      },
    ]);
    // The groups' totals add up to the report's commitments (one lead each).
    expect(report.groups.reduce((sum: number, g: any) => sum + g.atEnd.total, 0)).toBe(report.all.totalCount);
  });

  it('show a focal point only what they may see', async () => {
    const result = await api.run(o.bFocal, REPORT, { from: '2026-01-01', to: '2026-03-31' });
    expect(refs(result.data!.progressReport.all)).toEqual(['K6']);
    expect(result.data!.progressReport).toMatchObject({ created: 0, withoutUpdate: 1 });
  });

  it('refuse a reversed range', async () => {
    const result = await api.run(secretariat, REPORT, { from: '2026-03-31', to: '2026-01-01' });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'to' }] });
  });
});

describe('reporting periods', () => {
  const CREATE = `mutation ($input: CreateReportingPeriodInput!) { createReportingPeriod(input: $input) { period { id closedAt } } }`;
  const CLOSE = `mutation ($input: CloseReportingPeriodInput!) { closeReportingPeriod(input: $input) { period { id closedAt } } }`;
  const PERIOD = `query ($id: ID!) { node(id: $id) { ... on ReportingPeriod { title closedAt
    report(groupBy: ORGANIZATION) { created completed verified becameOverdue withoutUpdate
      commitments(first: 100) { nodes { reference } }
      groups { key progressDelta atStart { total averageProgress } atEnd { total averageProgress overdue highCompletion } } } } } }`;

  it('freeze their report when closed: later edits change nothing', async () => {
    const created = await api.run(secretariat, CREATE, {
      input: { title: 'Q1 2026', startsOn: '2026-01-01', endsOn: '2026-03-31' },
    });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createReportingPeriod.period.id;
    const open = await api.run(secretariat, PERIOD, { id });
    const closed = await api.run(secretariat, CLOSE, { input: { id } });
    expect(closed.data!.closeReportingPeriod.period.closedAt).toBeTruthy();
    const frozen = await api.run(secretariat, PERIOD, { id });
    expect(frozen.data!.node.report).toEqual(open.data!.node.report);

    // Later: progress is reported on K2 inside the range's dates (a back-dated record), K6's due date moves
    // and a new commitment appears with a past creation date.
    const em = db.orm.em.fork();
    em.create(ProgressUpdateSchema, {
      commitment: o.k2.id,
      statusBefore: 'NOT_STARTED',
      status: 'IN_PROGRESS',
      progressBefore: 0,
      progress: 60,
      createdAt: at('2026-02-10'),
      updatedAt: at('2026-02-10'),
    });
    await em.flush();
    await em.execute(`update commitment set status = 'IN_PROGRESS', progress = 60 where id = ?`, [o.k2.id]);
    await em.execute(`update commitment set due_date = '2027-01-01' where id = ?`, [o.k6.id]);
    await withHistory({ reference: 'K7', lead: o.a.id, created: '2026-01-05', dueDate: '2026-02-01' });

    const after = await api.run(secretariat, PERIOD, { id });
    expect(after.data!.node.report).toEqual(open.data!.node.report);
    // The same range asked directly answers from the snapshot; a live look (with a filter) sees the edits.
    const direct = await api.run(secretariat, REPORT, { from: '2026-01-01', to: '2026-03-31' });
    expect(direct.data!.progressReport.withoutUpdate).toBe(open.data!.node.report.withoutUpdate);
    const live = await api.run(
      secretariat,
      `query ($org: ID!) { progressReport(from: "2026-01-01", to: "2026-03-31", filter: { leadOrganizationId: $org }) { created withoutUpdate } }`,
      { org: toGlobalId('Organization', o.a.id) },
    );
    // K3 and the back-dated K7 were created in the range; K2 now has an update in it.
    expect(live.data!.progressReport).toEqual({ created: 2, withoutUpdate: 0 });
    expect(
      refs({
        nodes: (await api.run(secretariat, REPORT, { from: '2026-01-01', to: '2026-03-31' })).data!.progressReport.all
          .nodes,
      }),
    ).not.toContain('K7');

    const again = await api.run(secretariat, CLOSE, { input: { id } });
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('are created and closed by the secretariat only, and listed newest first', async () => {
    const refused = await api.run(o.bFocal, CREATE, {
      input: { title: 'Mine', startsOn: '2026-04-01', endsOn: '2026-06-30' },
    });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const reversed = await api.run(secretariat, CREATE, {
      input: { title: 'Bad', startsOn: '2026-06-30', endsOn: '2026-04-01' },
    });
    expect(reversed.errors?.[0].extensions?.fields).toEqual([expect.objectContaining({ field: 'endsOn' })]);
    await api.run(secretariat, CREATE, {
      input: { title: 'Q2 2026', titleKm: 'ត្រីមាសទី២ ២០២៦', startsOn: '2026-04-01', endsOn: '2026-06-30' },
    });
    const list = await api.run(
      secretariat,
      `{ reportingPeriods(first: 10) { totalCount nodes { title startsOn closedAt } } }`,
    );
    expect(list.data!.reportingPeriods.nodes.map((p: any) => p.title)).toEqual(['Q2 2026', 'Q1 2026']);
  });
  it('close over commitments that have no due date: never overdue, never "became overdue"', async () => {
    await withHistory({ reference: 'K8', lead: o.a.id, created: '2025-05-02', dueDate: null });
    const created = await api.run(secretariat, CREATE, {
      input: { title: 'May 2025', startsOn: '2025-05-01', endsOn: '2025-05-31' },
    });
    const id = created.data!.createReportingPeriod.period.id;
    const closed = await api.run(secretariat, CLOSE, { input: { id } });
    expect(closed.errors).toBeUndefined();
    const frozen = await api.run(secretariat, PERIOD, { id });
    expect(frozen.data!.node.report.commitments.nodes.map((n: { reference: string }) => n.reference)).toContain('K8');
    expect(frozen.data!.node.report).toMatchObject({ created: 1, becameOverdue: 0 });
    const [row] = await db.orm.em
      .fork()
      .execute<{ overdue: boolean; became_overdue: boolean; overdue_at_start: boolean }[]>(
        `select s.overdue, s.became_overdue, s.overdue_at_start from report_snapshot s
           join commitment c on c.id = s.commitment_id where s.period_id = ? and c.reference = 'K8'`,
        [Buffer.from(id, 'base64url').toString().split(':')[1]],
      );
    expect(row).toEqual({ overdue: false, became_overdue: false, overdue_at_start: false });
  });

  it('are found by text in their English or Khmer title, page by page', async () => {
    for (const input of [
      { title: 'Annual review 2024', titleKm: 'ការពិនិត្យប្រចាំឆ្នាំ ២០២៤', startsOn: '2024-01-01', endsOn: '2024-12-31' },
      { title: 'Annual review 2023', startsOn: '2023-01-01', endsOn: '2023-12-31' },
      { titleKm: 'ការពិនិត្យពាក់កណ្តាលអាណត្តិ', startsOn: '2022-01-01', endsOn: '2022-06-30' },
    ]) {
      const created = await api.run(secretariat, CREATE, { input });
      expect(created.errors).toBeUndefined();
    }
    const SEARCH = `query ($search: String, $first: Int, $after: String) { reportingPeriods(search: $search, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { title titleKm } } }`;
    const search = async (variables: { search: string; first?: number; after?: string }) => {
      const result = await api.run(o.bFocal, SEARCH, variables);
      expect(result.errors).toBeUndefined();
      return result.data!.reportingPeriods;
    };
    const titles = (page: { nodes: { title: string | null; titleKm: string | null }[] }) =>
      page.nodes.map((p) => p.title ?? p.titleKm);
    expect(titles(await search({ search: 'ANNUAL Review' }))).toEqual(['Annual review 2024', 'Annual review 2023']);
    expect(titles(await search({ search: 'ការពិនិត្យ' }))).toEqual(['Annual review 2024', 'ការពិនិត្យពាក់កណ្តាលអាណត្តិ']);
    expect(titles(await search({ search: 'អាណត្តិ' }))).toEqual(['ការពិនិត្យពាក់កណ្តាលអាណត្តិ']);
    expect(await search({ search: 'Quarterly' })).toMatchObject({ totalCount: 0, nodes: [] });
    expect((await search({ search: '_' })).totalCount).toBe(0);
    const first = await search({ search: 'annual', first: 1 });
    expect(first).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      nodes: [{ title: 'Annual review 2024' }],
    });
    const next = await search({ search: 'annual', first: 1, after: first.pageInfo.endCursor });
    expect(next).toMatchObject({
      totalCount: 2,
      pageInfo: { hasNextPage: false },
      nodes: [{ title: 'Annual review 2023' }],
    });
  });
});

describe('completion levels (OGP IRM)', () => {
  it('follow the scale at its boundaries', async () => {
    const cases: [CommitmentStatus, number, string][] = [
      ['NOT_STARTED', 0, 'NOT_STARTED'],
      ['IN_PROGRESS', 1, 'LIMITED'],
      ['IN_PROGRESS', 49, 'LIMITED'],
      ['IN_PROGRESS', 50, 'SUBSTANTIAL'],
      ['AT_RISK', 99, 'SUBSTANTIAL'],
      ['IN_PROGRESS', 100, 'SUBSTANTIAL'],
      ['COMPLETED', 100, 'COMPLETE'],
      ['VERIFIED', 100, 'COMPLETE'],
    ];
    for (const [status, progress, level] of cases) expect(completionLevel(status, progress)).toBe(level);
    const org = await f.organization('MOC');
    for (const [status, progress] of cases) await f.commitment({ lead: org.id, status, progress });
    await f.commitment({ lead: org.id, status: 'CANCELLED', progress: 80 });
    const result = await api.run(
      secretariat,
      `query ($org: ID!) {
        commitments(first: 20, filter: { leadOrganizationId: $org }, orderBy: { field: PROGRESS, direction: ASC }) { nodes { status progress completionLevel } }
        commitmentStats(groupBy: ORGANIZATION, filter: { leadOrganizationId: $org }) { total highCompletion }
      }`,
      { org: toGlobalId('Organization', org.id) },
    );
    expect(result.errors).toBeUndefined();
    for (const node of result.data!.commitments.nodes)
      expect(node.completionLevel).toBe(completionLevel(node.status, node.progress));
    // SUBSTANTIAL or COMPLETE: 50, 99, 100 in progress, completed, verified; the cancelled one counts nowhere.
    expect(result.data!.commitmentStats).toEqual([{ total: 9, highCompletion: 5 }]);
  });
});

describe('the report download', () => {
  it('is a workbook with the figures, the groups and the commitments behind them', async () => {
    const http = await createTestHttp(db);
    try {
      const account = await createTestAccount(db, { role: 'SECRETARIAT' });
      const token = await createTestToken(db, account.id, 'READ');
      const response = await http.app.inject({
        method: 'GET',
        url: '/exports/reports.xlsx?from=2026-01-01&to=2026-03-31&groupBy=ORGANIZATION',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      expect(response.headers['content-disposition']).toBe('attachment; filename="report-2026-01-01-2026-03-31.xlsx"');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as never);
      const summary = workbook.getWorksheet('Summary')!;
      const figures = new Map<string, unknown>();
      summary.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
      // The period of the same range was closed above: the download answers from its frozen report.
      expect(figures.get('Created')).toBe(1);
      expect(figures.get('Became overdue')).toBe(2);
      expect(figures.get('MOA name')).toBe('');
      const sheet = workbook.getWorksheet('Commitments')!;
      const references: string[] = [];
      sheet.eachRow((row, index) => index > 1 && references.push(String(row.getCell(1).value)));
      expect(references.sort()).toEqual(['K1', 'K2', 'K3', 'K4', 'K6']);

      const bad = await http.app.inject({
        method: 'GET',
        url: '/exports/reports.xlsx?from=2026-01-01&groupBy=PLANET',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .errors[0].extensions.fields.map((p: { field: string }) => p.field)
          .sort(),
      ).toEqual(['groupBy', 'to']);
      const anonymous = await http.app.inject({
        method: 'GET',
        url: '/exports/reports.xlsx?from=2026-01-01&to=2026-03-31',
      });
      expect(anonymous.statusCode).toBe(401);
    } finally {
      await http.close();
    }
  });
});
