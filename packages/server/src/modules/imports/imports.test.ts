import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createDocumentsHttp, type DocumentsHttp } from '../../../test/documents-http.js';
import { createTestAccount, createTestToken } from '../../../test/http.js';
import { loadDemo } from '../../demo/demo.service.js';
import { AuditEventSchema } from '../audit/audit-event.entity.js';
import { CommitmentSchema } from '../commitments/commitment.entity.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import { PersonSchema } from '../people/person.entity.js';
import { COMMITMENT_COLUMNS } from './commitment-import.js';

let db: TestDatabase;
let http: DocumentsHttp;
const tokens: Record<string, string> = {};
let staffPerson: string;

async function workbook(sheets: Record<string, (string | number)[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const row = (values: Partial<Record<(typeof COMMITMENT_COLUMNS)[number], string | number>>) =>
  COMMITMENT_COLUMNS.map((column) => values[column] ?? '');

const GOOD = [
  row({
    title: 'Publish the 2024 migration statistics',
    leadOrganization: 'moi',
    supportingOrganizations: 'IOM; MOLVT',
    assigneeEmail: 'Sovannary.Kim@example.org',
    dueDate: '2027-03-31',
    priority: 'high',
    gcmObjectives: '1;3',
    planObjectives: '1.1',
    meeting: 'NCCT-2023-11-01',
    visibility: 'PARTNERS',
  }),
  row({ titleKm: 'ពង្រឹងការគ្រប់គ្រងព្រំដែន', leadOrganization: 'MOI', dueDate: '2027-06-30', meeting: '2023-11-01' }),
  row({ title: 'Train labour inspectors', leadOrganization: 'MOLVT' }),
];

async function post(
  path: string,
  bytes: Buffer,
  query: string,
  token = tokens.staff,
  headers: Record<string, string> = {},
) {
  return http.upload(`${path}?${query}`, { fileName: 'upload.xlsx', content: bytes }, { token }, headers);
}

const commitmentCount = () => db.orm.em.fork().count(CommitmentSchema, {});

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db.orm);
  http = await createDocumentsHttp(db);
  const staff = await createTestAccount(db, { role: 'SECRETARIAT' });
  staffPerson = staff.personId;
  tokens.staff = await createTestToken(db, staff.id, 'WRITE');
  const moi = await db.orm.em.fork().findOneOrFail(OrganizationSchema, { acronym: 'MOI' });
  const focal = await createTestAccount(db, { role: 'FOCAL_POINT', organizationId: moi.id });
  tokens.focal = await createTestToken(db, focal.id, 'WRITE');
});
afterAll(async () => {
  await http?.close();
  await db?.drop();
});

describe('commitment import', () => {
  it('offers a template: the header row, an example row, a sheet of allowed values (secretariat only)', async () => {
    const response = await http.get('/imports/commitments/template.xlsx', { token: tokens.staff });
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const [sheet, allowed] = book.worksheets;
    expect((sheet!.getRow(1).values as string[]).slice(1)).toEqual([...COMMITMENT_COLUMNS]);
    expect(String(sheet!.getRow(2).getCell(1).value)).toMatch(/^Example/);
    expect(allowed!.name).toBe('Allowed values');
    const allowedText = JSON.stringify(allowed!.getSheetValues());
    for (const value of ['MOI', 'NCCT-2023-11-01', '1.1', 'PARTNERS', 'HIGH']) expect(allowedText).toContain(value);
    expect((await http.get('/imports/commitments/template.xlsx', { token: tokens.focal })).statusCode).toBe(403);
  });

  it('previews a sheet with bad rows: every problem with its row, column, code and message; nothing is written', async () => {
    const before = await commitmentCount();
    const bytes = await workbook({
      Commitments: [
        [...COMMITMENT_COLUMNS],
        ...GOOD,
        row({ title: 'Unknown lead', leadOrganization: 'NOPE', dueDate: '31/12/2027', priority: 'URGENT' }),
        row({
          leadOrganization: 'MOI',
          assigneeEmail: 'nobody@example.org',
          gcmObjectives: '0;24',
          planObjectives: '9.9',
          meeting: '1999-01-01',
        }),
      ],
    });
    const response = await post('/imports/commitments', bytes, 'dryRun=true');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      dryRun: true,
      rows: 5,
      created: 0,
      references: [],
      problems: [
        {
          row: 5,
          column: 'leadOrganization',
          code: 'NOT_FOUND_REFERENCE',
          message: 'no organisation has the acronym "NOPE"',
        },
        {
          row: 5,
          column: 'dueDate',
          code: 'INVALID_FORMAT',
          message: '"31/12/2027" is not a date; write it as YYYY-MM-DD, e.g. 2024-03-31',
        },
        { row: 5, column: 'priority', code: 'INVALID_CHOICE', message: '"URGENT" is not one of LOW, MEDIUM, HIGH' },
        { row: 6, column: 'title', code: 'REQUIRED', message: 'give a title in English or Khmer (title or titleKm)' },
        {
          row: 6,
          column: 'assigneeEmail',
          code: 'NOT_FOUND_REFERENCE',
          message: 'no person in the directory has the e-mail address "nobody@example.org"',
        },
        {
          row: 6,
          column: 'gcmObjectives',
          code: 'OUT_OF_RANGE',
          message: '"0" is not a GCM objective; they are numbered 1 to 23',
        },
        {
          row: 6,
          column: 'gcmObjectives',
          code: 'OUT_OF_RANGE',
          message: '"24" is not a GCM objective; they are numbered 1 to 23',
        },
        {
          row: 6,
          column: 'planObjectives',
          code: 'NOT_FOUND_REFERENCE',
          message: 'no plan objective has the code "9.9"',
        },
        {
          row: 6,
          column: 'meeting',
          code: 'NOT_FOUND_REFERENCE',
          message: 'no meeting matches "1999-01-01" (a date YYYY-MM-DD or a reference prefix such as NCCT-2023-11-01)',
        },
      ],
    });
    // The same in Khmer, for a reader who asks for it.
    const km = await post('/imports/commitments', bytes, 'dryRun=true', tokens.staff, {
      'accept-language': 'km-KH,km;q=0.9,en;q=0.5',
    });
    expect(km.json().problems[0]).toEqual({
      row: 5,
      column: 'leadOrganization',
      code: 'NOT_FOUND_REFERENCE',
      message: 'គ្មានស្ថាប័នណាមានអក្សរកាត់ «NOPE» ទេ',
    });
    // Committing the same sheet writes nothing either.
    const refused = await post('/imports/commitments', bytes, 'dryRun=false');
    expect(refused.json()).toMatchObject({ dryRun: false, created: 0 });
    expect(refused.json().problems).toHaveLength(9);
    expect(await commitmentCount()).toBe(before);
  });

  it('creates every row in one transaction through createCommitment, each with its audit event', async () => {
    const before = await commitmentCount();
    const bytes = await workbook({ Commitments: [[...COMMITMENT_COLUMNS], ...GOOD] });
    const preview = await post('/imports/commitments', bytes, 'dryRun=true');
    expect(preview.json()).toMatchObject({ rows: 3, created: 0, problems: [] });
    const response = await post('/imports/commitments', bytes, 'dryRun=false');
    const body = response.json();
    expect(body).toMatchObject({ dryRun: false, rows: 3, created: 3, problems: [] });
    expect(body.references[0]).toMatch(/^NCCT-2023-11-01-C\d+$/);
    expect(body.references[2]).toMatch(/^MOLVT-\d{4}-\d{2}-\d{2}-C1$/);
    expect(await commitmentCount()).toBe(before + 3);
    const em = db.orm.em.fork();
    const first = await em.findOneOrFail(CommitmentSchema, { reference: body.references[0] });
    expect(first).toMatchObject({
      title: 'Publish the 2024 migration statistics',
      dueDate: '2027-03-31',
      priority: 'HIGH',
      visibility: 'PARTNERS',
      gcmObjectives: [1, 3],
    });
    const events = await em.find(AuditEventSchema, {
      entityType: 'Commitment',
      operation: 'create',
      actor: staffPerson,
    });
    expect(events).toHaveLength(3);
  });

  it('is all or nothing: a failure at the second row leaves no commitment behind', async () => {
    const before = await commitmentCount();
    // A database that fails the second insert, as a full disk or a lost connection would.
    await db.orm.em.fork().execute(`create function fail_second() returns trigger language plpgsql as $$
      begin if new.title = 'Fails here' then raise exception 'simulated failure'; end if; return new; end $$;
      create trigger fail_second before insert on commitment for each row execute function fail_second();`);
    try {
      const bytes = await workbook({
        Commitments: [[...COMMITMENT_COLUMNS], GOOD[2]!, row({ title: 'Fails here', leadOrganization: 'MOI' })],
      });
      const response = await post('/imports/commitments', bytes, 'dryRun=false');
      expect(response.statusCode).toBe(500);
      expect(await commitmentCount()).toBe(before);
    } finally {
      await db.orm.em.fork().execute('drop trigger fail_second on commitment; drop function fail_second();');
    }
    // A NUL character is reported in the preview, never sent to the database.
    const nul = Buffer.from(
      [COMMITMENT_COLUMNS.join(','), row({ title: 'Bad \u0000 character', leadOrganization: 'MOI' }).join(',')].join(
        '\n',
      ),
    );
    expect((await post('/imports/commitments', nul, 'dryRun=false')).json()).toMatchObject({
      created: 0,
      problems: [{ row: 2, column: 'title', code: 'INVALID_CHARACTER' }],
    });
  });

  it('takes CSV (UTF-8, comma or semicolon), and refuses what is neither; secretariat only', async () => {
    const csv = [
      COMMITMENT_COLUMNS.join(';'),
      row({ titleKm: 'បណ្តុះបណ្តាលអធិការការងារ', leadOrganization: 'MOLVT', dueDate: '2027-01-15' }).join(';'),
      row({ title: 'Quoted; with "separator"', leadOrganization: 'MOI' })
        .map((v) => (String(v).includes(';') ? `"${String(v).replace(/"/g, '""')}"` : v))
        .join(';'),
    ].join('\r\n');
    const response = await post('/imports/commitments', Buffer.from(`\uFEFF${csv}`), 'dryRun=true');
    expect(response.json()).toMatchObject({ rows: 2, problems: [] });
    const junk = await post('/imports/commitments', Buffer.from([0xff, 0xfe, 0x00, 0x00]), 'dryRun=true');
    expect(junk.json().problems).toEqual([
      {
        row: 0,
        column: '',
        code: 'INVALID_FORMAT',
        message: 'the file is neither an .xlsx workbook nor a UTF-8 .csv file',
      },
    ]);
    const header = await post('/imports/commitments', Buffer.from('title,lead\nx,y\n'), 'dryRun=true');
    expect(header.json().problems.map((p: { column: string; code: string }) => [p.column, p.code])).toEqual([
      ['lead', 'UNKNOWN_FIELD'],
      ['leadOrganization', 'REQUIRED'],
    ]);
    expect((await post('/imports/commitments', Buffer.from(csv), 'dryRun=true', tokens.focal)).statusCode).toBe(403);
    expect((await post('/imports/commitments', Buffer.from(csv), 'dryRun=maybe')).statusCode).toBe(400);
  });
});

describe('directory import', () => {
  it('previews problems, then creates organisations (parents first) and people in one go', async () => {
    const template = await http.get('/imports/directory/template.xlsx', { token: tokens.staff });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Organizations', 'People', 'Allowed values']);

    const orgHeader = ['acronym', 'name', 'nameKm', 'kind', 'parent'];
    const peopleHeader = [
      'fullName',
      'fullNameKm',
      'position',
      'positionKm',
      'organization',
      'email',
      'phone',
      'focalPoint',
    ];
    const bad = await workbook({
      Organizations: [orgHeader, ['MOI', 'Again', '', 'GOVERNMENT', ''], ['DOX', 'Dept X', '', 'TRIBE', 'NOPE']],
      People: [peopleHeader, ['A Person', '', '', '', 'ZZZ', 'sovannary.kim@example.org', '', 'maybe']],
    });
    const preview = await post('/imports/directory', bad, 'dryRun=true');
    expect(preview.json().problems.map((p: Record<string, unknown>) => [p.sheet, p.row, p.column, p.code])).toEqual([
      ['Organizations', 2, 'acronym', 'DUPLICATE'],
      ['Organizations', 3, 'kind', 'INVALID_CHOICE'],
      ['Organizations', 3, 'parent', 'NOT_FOUND_REFERENCE'],
      ['People', 2, 'organization', 'NOT_FOUND_REFERENCE'],
      ['People', 2, 'email', 'DUPLICATE'],
      ['People', 2, 'focalPoint', 'INVALID_CHOICE'],
    ]);

    const good = await workbook({
      Organizations: [
        orgHeader,
        ['MOI-DIM', 'Department of Immigration Data', '', 'GOVERNMENT', 'MOI-GD'],
        ['MOI-GD', 'General Department X', 'អគ្គនាយកដ្ឋាន', 'GOVERNMENT', 'MOI'],
      ],
      People: [
        peopleHeader,
        ['Sok Dara', 'សុខ តារា', 'Director', '', 'MOI-DIM', 'dara.sok@example.gov.kh', '+855 12 000 111', 'yes'],
      ],
    });
    const response = await post('/imports/directory', good, 'dryRun=false');
    expect(response.json()).toMatchObject({ rows: 3, created: 3, problems: [] });
    const em = db.orm.em.fork();
    const dim = await em.findOneOrFail(OrganizationSchema, { acronym: 'MOI-DIM' });
    const gd = await em.findOneOrFail(OrganizationSchema, { acronym: 'MOI-GD' });
    expect(dim.parent).toBe(gd.id);
    const person = await em.findOneOrFail(PersonSchema, { email: 'dara.sok@example.gov.kh' });
    expect(person).toMatchObject({ organization: dim.id, isFocalPoint: true, fullNameKm: 'សុខ តារា' });
    expect(
      await em.count(AuditEventSchema, { entityType: 'Organization', operation: 'create', actor: staffPerson }),
    ).toBe(2);
  });
});
