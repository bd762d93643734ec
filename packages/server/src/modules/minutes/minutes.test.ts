import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createDocumentsHttp, type DocumentsHttp } from '../../../test/documents-http.js';
import { createTestAccount, createTestToken } from '../../../test/http.js';
import { loadDemo } from '../../demo/demo.service.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { CommitmentSchema } from '../commitments/commitment.entity.js';
import { AgendaItemSchema, type Meeting, MeetingSchema } from '../meetings/meeting.entity.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import { KHMER_FONT } from './minutes.docx.js';

let db: TestDatabase;
let http: DocumentsHttp;
let out: string;
const tokens: Record<string, string> = {};
let review: Meeting;
let series: Meeting;

const url = (meeting: Meeting, format: 'pdf' | 'docx', lang?: string) =>
  `/exports/meetings/${toGlobalId('Meeting', meeting.id)}/minutes.${format}${lang ? `?lang=${lang}` : ''}`;

async function save(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(out, name);
  await writeFile(file, bytes);
  return file;
}

const unzip = (file: string, entry: string) =>
  execFileSync('unzip', ['-p', file, entry], { maxBuffer: 64 << 20 }).toString('utf8');

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemo(db.orm);
  http = await createDocumentsHttp(db);
  out = await mkdtemp(path.join(os.tmpdir(), 'prachum-minutes-'));
  const em = db.orm.em.fork();
  const meetings = await em.find(MeetingSchema, {}, { orderBy: { startsAt: 'asc' } });
  review = meetings.find((m) => m.title?.startsWith('National meeting to review'))!;
  series =
    meetings.find((m) => m.series && m.id !== review.id && m.status !== 'PLANNED') ??
    meetings.find((m) => m.series && m.id !== review.id)!;
  const moh = await em.findOneOrFail(OrganizationSchema, { acronym: 'MOH' }).catch(() => null);
  const staff = await createTestAccount(db, { role: 'SECRETARIAT' });
  tokens.staff = await createTestToken(db, staff.id, 'READ');
  const partner = await createTestAccount(db, { role: 'PARTNER' });
  tokens.partner = await createTestToken(db, partner.id, 'READ');
  if (moh) {
    const focal = await createTestAccount(db, { role: 'FOCAL_POINT', organizationId: moh.id });
    tokens.focal = await createTestToken(db, focal.id, 'READ');
  }
});
afterAll(async () => {
  await http?.close();
  await db?.drop();
  if (out && !process.env.PRACHUM_KEEP_MINUTES) await rm(out, { recursive: true, force: true });
});

describe('official minutes as PDF', () => {
  it('has the title, the details, the decisions and every commitment reference as text, with embedded fonts', async () => {
    const response = await http.get(url(review, 'pdf', 'en'), { token: tokens.staff });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="minutes-2023-11-01-en\.pdf"/);
    const file = await save('review-en.pdf', response.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Minutes of the meeting');
    expect(flat).toContain('National meeting to review and finalise the National Plan');
    expect(flat).toContain('KINGDOM OF CAMBODIA');
    expect(flat).toContain('Attendance');
    expect(flat).toContain('Decisions');
    expect(flat).toContain('Signatures');
    const references = (await db.orm.em.fork().find(CommitmentSchema, { meeting: review.id })).map((c) => c.reference);
    expect(references.length).toBeGreaterThan(3);
    for (const reference of references) expect(flat).toContain(reference);

    const fonts = execFileSync('pdffonts', [file]).toString('utf8').trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(1);
    // name type encoding emb sub uni object: every font embedded (a subset) with a Unicode map.
    for (const row of fonts) expect(row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
    expect(fonts.join('\n')).toMatch(/NotoSansKhmer/);
  });

  it('renders the Markdown of the minutes: headings, lists, bold and links with their address', async () => {
    const em = db.orm.em.fork();
    const [item] = await em.find(AgendaItemSchema, { meeting: review.id }, { orderBy: { position: 'asc' } });
    item!.minutes =
      '## Opening\n\n- first point\n- **bold point**\n\n1. one\n2. two\n\nSee [the plan](https://example.org/plan.pdf).';
    await em.flush();
    const response = await http.get(url(review, 'pdf', 'en'), { token: tokens.staff });
    const text = execFileSync('pdftotext', [await save('markdown.pdf', response.rawPayload), '-']).toString('utf8');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Opening');
    expect(flat).toMatch(/• first point/);
    expect(flat).toContain('bold point');
    expect(flat).toMatch(/1\. one 2\. two/);
    expect(flat).toContain('See the plan (https://example.org/plan.pdf)');
    expect(flat).not.toContain('**');
    expect(flat).not.toContain('##');
  });

  it('writes Khmer in Khmer, with the matters arising for a meeting in a series', async () => {
    const response = await http.get(url(series, 'pdf', 'km'), { token: tokens.staff });
    expect(response.statusCode).toBe(200);
    await save('series-km.pdf', response.rawPayload);
    const en = await http.get(url(series, 'pdf', 'en'), { token: tokens.staff });
    const text = execFileSync('pdftotext', [await save('series-en.pdf', en.rawPayload), '-']).toString('utf8');
    expect(text.replace(/\s+/g, ' ')).toContain('Matters arising: review of commitments');
    const fonts = execFileSync('pdffonts', [path.join(out, 'series-km.pdf')]).toString('utf8');
    expect(fonts).toMatch(/Hanuman/);
  });
});

describe('official minutes as DOCX', () => {
  it('opens as a Word document whose Khmer runs carry the complex-script font and the Khmer language', async () => {
    const response = await http.get(url(review, 'docx', 'km'), { token: tokens.staff });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const file = await save('review-km.docx', response.rawPayload);
    const xml = unzip(file, 'word/document.xml');
    expect(xml).toContain('<w:document');
    const khmerRuns = [...xml.matchAll(/<w:r>(?:(?!<\/w:r>).)*?<w:t[^>]*>([^<]*[\u1780-\u17FF][^<]*)<\/w:t>/gs)];
    expect(khmerRuns.length).toBeGreaterThan(20);
    for (const [run] of khmerRuns) {
      expect(run).toContain(`w:cs="${KHMER_FONT}"`);
      expect(run).toMatch(/<w:lang [^>]*w:bidi="km-KH"/);
    }
    // Khmer words are separated by U+200B, so Word breaks lines between them.
    expect(xml).toMatch(/[\u1780-\u17FF]\u200B[\u1780-\u17FF]/);
    expect(unzip(file, 'word/fontTable.xml')).toContain(KHMER_FONT);
    expect(execFileSync('unzip', ['-l', file]).toString()).toMatch(/word\/fonts\/.+\.odttf/);
  });

  it('in English: title and references', async () => {
    const response = await http.get(url(review, 'docx', 'en'), { token: tokens.staff });
    const xml = unzip(await save('review-en.docx', response.rawPayload), 'word/document.xml');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('National meeting to review and finalise the National Plan');
    for (const c of await db.orm.em.fork().find(CommitmentSchema, { meeting: review.id }))
      expect(text).toContain(c.reference);
  });
});

describe('who may download minutes', () => {
  it('follows the meeting: hidden answers like missing; bad input is refused; sign-in required', async () => {
    const em = db.orm.em.fork();
    const internal = await em.findOne(MeetingSchema, { visibility: 'INTERNAL' });
    const missing = { ...review, id: '00000000-0000-4000-8000-000000000000' } as Meeting;
    if (internal) {
      const hidden = await http.get(url(internal, 'pdf', 'en'), { token: tokens.partner });
      const absent = await http.get(url(missing, 'pdf', 'en'), { token: tokens.partner });
      expect(hidden.statusCode).toBe(404);
      expect(hidden.body.replace(toGlobalId('Meeting', internal.id), 'X')).toBe(
        absent.body.replace(toGlobalId('Meeting', missing.id), 'X'),
      );
    }
    expect((await http.get(url(review, 'pdf', 'en'))).statusCode).toBe(401);
    const bad = await http.get(url(review, 'pdf', 'fr'), { token: tokens.staff });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].extensions.fields).toEqual([
      { field: 'lang', message: 'must be en or km', code: 'INVALID_CHOICE' },
    ]);
    expect((await http.get('/exports/meetings/nonsense/minutes.pdf', { token: tokens.staff })).statusCode).toBe(400);
  });
});
