import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createTestAccount, createTestHttp, createTestToken, type TestHttp } from '../../../test/http.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { daysFromToday, testFactories } from '../../test-support/factories.js';
import { MeetingSchema } from '../meetings/meeting.entity.js';
import { COMMITMENT_COLUMNS } from './spreadsheet.js';
import { unfold } from './ical.js';

const KHMER_TITLE = 'កិច្ចប្រជុំពិនិត្យឡើងវិញប្រចាំឆ្នាំរបស់គណៈកម្មាធិការជាតិប្រយុទ្ធប្រឆាំងការជួញដូរមនុស្ស';
const KHMER_COMMITMENT = 'ពង្រឹងការគ្រប់គ្រងព្រំដែន';

let db: TestDatabase;
let http: TestHttp;
let publicHttp: TestHttp;
const ids: Record<string, { id: string; gid: string; reference?: string }> = {};
let secretariatToken: string;
let partnerToken: string;
let focalToken: string;
let secretariatCookie: string;

async function meeting(
  name: string,
  fields: { organizer: string; visibility: 'INTERNAL' | 'PARTNERS' | 'PUBLIC'; daysAgo: number } & Record<
    string,
    unknown
  >,
) {
  const em = db.orm.em.fork();
  const startsAt = new Date(Date.now() - fields.daysAgo * 86_400_000);
  const { daysAgo: _daysAgo, ...rest } = fields;
  const row = em.create(MeetingSchema, {
    title: name,
    kind: 'PLENARY',
    status: 'PLANNED',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
    ...rest,
  } as never) as { id: string };
  await em.flush();
  ids[name] = { id: row.id, gid: toGlobalId('Meeting', row.id) };
}

async function get(url: string, auth: { token?: string; cookie?: string } = {}, app = http) {
  return app.app.inject({
    method: 'GET',
    url,
    headers: {
      ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
      ...(auth.cookie ? { cookie: auth.cookie } : {}),
    },
  });
}

/** The UIDs of a calendar's events. */
function uids(response: LightMyRequestResponse): string[] {
  return [...unfold(response.body).matchAll(/^UID:(.+)$/gm)].map((m) => m[1]!.trim());
}

async function readXlsx(response: LightMyRequestResponse) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

beforeAll(async () => {
  db = await createTestDatabase();
  http = await createTestHttp(db);
  publicHttp = await createTestHttp(db, { publicRead: true });
  const f = testFactories(db.orm);
  const ncct = await f.organization('NCCT', { name: 'National Committee for Counter Trafficking' });
  const moi = await f.organization('MOI', { name: 'Ministry of Interior', nameKm: 'ក្រសួងមហាផ្ទៃ' });
  ids.ncct = ncct;
  ids.moi = moi;
  await meeting('Internal review', { organizer: ncct.id, visibility: 'INTERNAL', daysAgo: 5 });
  await meeting('Partners briefing, Q1; budget', {
    organizer: ncct.id,
    visibility: 'PARTNERS',
    daysAgo: 4,
    titleKm: KHMER_TITLE,
    location: 'Phnom Penh, room 2\nsecond floor',
  });
  await meeting('Public forum', { organizer: moi.id, visibility: 'PUBLIC', daysAgo: 3 });
  await meeting('Cancelled forum', {
    organizer: ncct.id,
    visibility: 'PUBLIC',
    daysAgo: 2,
    status: 'CANCELLED',
    cancellationReason: 'Holiday',
  });
  await meeting('Old meeting', { organizer: ncct.id, visibility: 'PUBLIC', daysAgo: 200 });
  await meeting('', { organizer: moi.id, visibility: 'PUBLIC', daysAgo: 1, title: null, titleKm: KHMER_TITLE });

  const assignee = await f.person(moi.id, 'Sok Dara');
  const c = async (name: string, fields: Parameters<typeof f.commitment>[0]) => {
    ids[name] = await f.commitment({ reference: `EXP-${name}`, ...fields });
  };
  await c('internal', { lead: ncct.id, visibility: 'INTERNAL', dueDate: daysFromToday(10) });
  await c('partners', {
    lead: moi.id,
    supporters: [ncct.id],
    visibility: 'PARTNERS',
    titleKm: KHMER_COMMITMENT,
    assignee: assignee.id,
    dueDate: daysFromToday(-3),
    status: 'IN_PROGRESS',
    progress: 40,
    meeting: ids['Partners briefing, Q1; budget']!.id,
    gcmObjectives: [11, 2],
  });
  await c('from-internal', {
    lead: ncct.id,
    visibility: 'PARTNERS',
    meeting: ids['Internal review']!.id,
    dueDate: daysFromToday(20),
  });
  await c('public', { lead: ncct.id, visibility: 'PUBLIC', title: '=HYPERLINK("x"), "quoted"', status: 'COMPLETED' });
  await c('focal-own', { lead: moi.id, visibility: 'INTERNAL', meeting: ids['Internal review']!.id });

  const secretariat = await createTestAccount(db, { role: 'SECRETARIAT' });
  const partner = await createTestAccount(db, { role: 'PARTNER' });
  const focal = await createTestAccount(db, { role: 'FOCAL_POINT', organizationId: moi.id });
  secretariatToken = await createTestToken(db, secretariat.id, 'READ');
  secretariatCookie = await http.login(secretariat.email, secretariat.password);
  partnerToken = await createTestToken(db, partner.id, 'READ');
  focalToken = await createTestToken(db, focal.id, 'READ');
}, 120_000);

afterAll(async () => {
  await http?.close();
  await publicHttp?.close();
  await db?.drop();
});

const uid = (name: string) => `${ids[name]!.gid}@prachum`;

describe('GET /exports/meetings.ics', () => {
  it('refuses anonymous visitors and bad tokens with 401, as /graphql does', async () => {
    for (const url of [
      '/exports/meetings.ics',
      `/exports/meetings/${ids['Public forum']!.gid}.ics`,
      '/exports/commitments.xlsx',
      '/exports/commitments.csv',
    ]) {
      const anonymous = await get(url);
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const bad = await get('/exports/meetings.ics', { token: 'prc_not-a-real-token' });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['www-authenticate']).toContain('invalid_token');
  });

  it('gives staff (signed in with the session cookie) every meeting of the last 90 days, as a well-formed calendar', async () => {
    const response = await get('/exports/meetings.ics', { cookie: secretariatCookie });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="prachum-meetings.ics"');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(uids(response)).toEqual(
      ['Internal review', 'Partners briefing, Q1; budget', 'Public forum', 'Cancelled forum', ''].map(uid),
    );
    const body = response.body;
    // CRLF only, and every physical line at most 75 octets.
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(body).not.toContain('\uFFFD');

    const lines = unfold(body).split('\r\n');
    expect(lines).toContain('SUMMARY:Partners briefing\\, Q1\\; budget');
    expect(lines).toContain('LOCATION:Phnom Penh\\, room 2\\nsecond floor');
    // A meeting with only a Khmer title is summarised in Khmer; Khmer survives folding.
    expect(lines).toContain(`SUMMARY:${KHMER_TITLE}`);
    const partnersEvent = unfold(body).split('BEGIN:VEVENT')[2]!;
    expect(partnersEvent).toMatch(/DESCRIPTION:Organiser: National Committee for Counter Trafficking \(NCCT\)\\n/);
    expect(partnersEvent).toContain(KHMER_TITLE);
    expect(partnersEvent).toContain(`URL:http://localhost:80/meetings/${ids['Partners briefing, Q1; budget']!.gid}`);
    const cancelled = unfold(body).split('BEGIN:VEVENT')[4]!;
    expect(cancelled).toContain('SUMMARY:Cancelled forum');
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(partnersEvent).toContain('STATUS:CONFIRMED');
    expect(partnersEvent).toMatch(/DTSTART:\d{8}T\d{6}Z\r\nDTEND:\d{8}T\d{6}Z/);
  });

  it('keeps INTERNAL meetings from partners, and gives focal points their own organisation’s', async () => {
    const partner = await get('/exports/meetings.ics', { token: partnerToken });
    expect(uids(partner)).toEqual(['Partners briefing, Q1; budget', 'Public forum', 'Cancelled forum', ''].map(uid));
    const internal = await get(`/exports/meetings/${ids['Internal review']!.gid}.ics`, { token: partnerToken });
    expect(internal.statusCode).toBe(404);
    expect(internal.json().errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('with public reading on, gives anonymous visitors PUBLIC meetings only', async () => {
    const response = await get('/exports/meetings.ics', {}, publicHttp);
    expect(response.statusCode).toBe(200);
    expect(uids(response)).toEqual(['Public forum', 'Cancelled forum', ''].map(uid));
    const hidden = await get(`/exports/meetings/${ids['Partners briefing, Q1; budget']!.gid}.ics`, {}, publicHttp);
    expect(hidden.statusCode).toBe(404);
  });

  it('takes a from/to range (dates or instants) and refuses bad ones with the fields named', async () => {
    const from = new Date(Date.now() - 300 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() - 100 * 86_400_000).toISOString();
    const old = await get(`/exports/meetings.ics?from=${from}&to=${encodeURIComponent(to)}`, {
      token: secretariatToken,
    });
    expect(uids(old)).toEqual([uid('Old meeting')]);
    const bad = await get('/exports/meetings.ics?from=yesterday&to=2024-02-30', { token: secretariatToken });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'from', message: expect.any(String) },
        { field: 'to', message: expect.any(String) },
      ],
    });
  });

  it('serves one meeting by its global id', async () => {
    const response = await get(`/exports/meetings/${ids['Cancelled forum']!.gid}.ics`, { token: partnerToken });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="prachum-meeting-\d{4}-\d{2}-\d{2}\.ics"$/,
    );
    expect(uids(response)).toEqual([uid('Cancelled forum')]);
    expect(unfold(response.body)).toContain('STATUS:CANCELLED');
    const wrongType = await get(`/exports/meetings/${ids.ncct!.gid}.ics`, { token: partnerToken });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors[0].extensions.fields).toEqual([
      { field: 'id', message: 'is not a valid Meeting id', code: 'INVALID_FORMAT' },
    ]);
  });
});

const LIST = `query($filter: CommitmentFilter) {
  commitments(first: 100, filter: $filter) { nodes { reference title titleKm status progress isOverdue } }
}`;

async function apiReferences(token: string, filter: Record<string, unknown> = {}) {
  const result = await http.gql(LIST, { filter }, { token });
  expect(result.body.errors).toBeUndefined();
  return result.body.data!.commitments.nodes.map((n: { reference: string }) => n.reference);
}

describe('GET /exports/commitments.xlsx and .csv', () => {
  it('writes the same rows as the commitments query, with Khmer intact', async () => {
    const response = await get('/exports/commitments.xlsx', { token: secretariatToken });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="commitments-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    const [header, ...rows] = await readXlsx(response);
    expect(header).toEqual(COMMITMENT_COLUMNS.map((c) => c.header));
    expect(rows.map((r) => r[0])).toEqual(await apiReferences(secretariatToken));

    const partners = rows.find((r) => r[0] === 'EXP-partners')!;
    expect(partners[2]).toBe(KHMER_COMMITMENT);
    expect(partners[3]).toBe('Ministry of Interior (MOI)');
    expect(partners[4]).toBe('National Committee for Counter Trafficking (NCCT)');
    expect(partners[5]).toBe('Sok Dara');
    expect((partners[6] as Date).toISOString().slice(0, 10)).toBe(daysFromToday(-3));
    expect(partners.slice(7, 12)).toEqual(['IN_PROGRESS', 40, true, 'Partners briefing, Q1; budget', '2, 11']);
  });

  it('applies the filters of the commitments query', async () => {
    const filters: [string, Record<string, unknown>][] = [
      ['status=IN_PROGRESS&status=COMPLETED', { status: ['IN_PROGRESS', 'COMPLETED'] }],
      ['status=IN_PROGRESS,COMPLETED', { status: ['IN_PROGRESS', 'COMPLETED'] }],
      [`organizationId=${ids.ncct!.gid}`, { organizationId: ids.ncct!.gid }],
      [`leadOrganizationId=${ids.moi!.gid}`, { leadOrganizationId: ids.moi!.gid }],
      ['overdue=true', { overdue: true }],
      [
        `dueFrom=${daysFromToday(0)}&dueTo=${daysFromToday(30)}`,
        { dueFrom: daysFromToday(0), dueTo: daysFromToday(30) },
      ],
      [`meetingId=${ids['Internal review']!.gid}`, { meetingId: ids['Internal review']!.gid }],
      ['gcmObjective=11', { gcmObjective: 11 }],
      [`search=${encodeURIComponent('គ្រប់គ្រង')}`, { search: 'គ្រប់គ្រង' }],
    ];
    for (const [query, filter] of filters) {
      const rows = (await readXlsx(await get(`/exports/commitments.xlsx?${query}`, { token: secretariatToken }))).slice(
        1,
      );
      const expected = await apiReferences(secretariatToken, filter);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(
        rows.map((r) => r[0]),
        query,
      ).toEqual(expected);
    }
  });

  it('keeps INTERNAL commitments (and those of INTERNAL meetings) from partners', async () => {
    const rows = (await readXlsx(await get('/exports/commitments.xlsx', { token: partnerToken }))).slice(1);
    expect(rows.map((r) => r[0])).toEqual(['EXP-partners', 'EXP-public']);
    expect(rows.map((r) => r[0])).toEqual(await apiReferences(partnerToken));
  });

  it('gives a focal point their organisation’s commitments, without naming a meeting they may not see', async () => {
    const rows = (await readXlsx(await get('/exports/commitments.xlsx', { token: focalToken }))).slice(1);
    expect(rows.map((r) => r[0])).toEqual(await apiReferences(focalToken));
    const own = rows.find((r) => r[0] === 'EXP-focal-own')!;
    expect(own[10] ?? '').toBe('');
    expect(rows.map((r) => r[0])).not.toContain('EXP-internal');
  });

  it('writes CSV as UTF-8 with a byte-order mark, quoting and defusing formulas', async () => {
    const response = await get('/exports/commitments.csv?orderBy=REFERENCE&direction=DESC', { token: partnerToken });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(COMMITMENT_COLUMNS.map((c) => c.header).join(','));
    expect(lines[1]).toMatch(/^EXP-public,"'=HYPERLINK\(""x""\), ""quoted""",,/);
    expect(lines[2]).toContain(KHMER_COMMITMENT);
    expect(lines[2]).toContain(',IN_PROGRESS,40,TRUE,');
    expect(lines[3]).toBe('');
  });

  it('refuses bad filters with every field named', async () => {
    const response = await get(
      '/exports/commitments.xlsx?status=DONE&overdue=maybe&gcmObjective=24&dueFrom=2024-13-01&assigneeId=nope&orderBy=TITLE',
      { token: secretariatToken },
    );
    expect(response.statusCode).toBe(400);
    const error = response.json().errors[0];
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.fields.map((f: { field: string }) => f.field)).toEqual([
      'status',
      'overdue',
      'gcmObjective',
      'dueFrom',
      'orderBy',
      'assigneeId',
    ]);
  });
});
