import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { createTestAccount, createTestToken } from '../../../test/http.js';
import { enqueue } from '../../jobs/queue.js';
import { runDueJobs } from '../../jobs/worker.js';
import { createLogger } from '../../logger.js';
import { CommitmentSchema } from '../commitments/commitment.entity.js';
import { testFactories } from '../../test-support/factories.js';
import { createDocumentsHttp, type DocumentsHttp } from '../../../test/documents-http.js';
import { LocalFileStorage, readAll, S3FileStorage, type FileStorage } from './file-storage.js';
import { detectType } from './file-type.js';
import { purgeUnattachedFiles, saveUpload } from './file.service.js';
import { StoredFileSchema } from './stored-file.entity.js';

let db: TestDatabase;
let http: DocumentsHttp;
let filesDir: string;
const who: Record<string, { token: string; accountId: string; personId: string }> = {};
const o: Record<string, { id: string; gid: string; reference?: string }> = {};

async function pdfBytes(text = 'Signed MoU'): Promise<Buffer> {
  const doc = new PDFDocument();
  const done = readAll(doc as never);
  doc.text(text);
  doc.end();
  return done;
}
const pngBytes = () =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();

async function account(name: string, role: 'SECRETARIAT' | 'FOCAL_POINT' | 'PARTNER', organizationId?: string) {
  const created = await createTestAccount(db, { role, organizationId });
  who[name] = {
    token: await createTestToken(db, created.id, 'WRITE'),
    accountId: created.id,
    personId: created.personId,
  };
}

const ADD = `mutation ($input: AddProgressUpdateInput!) {
  addProgressUpdate(input: $input) {
    commitment { version }
    update { evidence { kind title fileName url contentType size sha256 downloadUrl thumbnailUrl } }
  }
}`;

async function upload(as: string, file: { fileName?: string; content: Buffer | string }) {
  return http.upload('/files', file, { token: who[as]!.token });
}

/** The answer to a request, with ids taken out: what a viewer can tell apart. */
function shape(response: { statusCode: number; body: string }, id: string) {
  return { status: response.statusCode, body: response.body.replaceAll(id, '<id>') };
}

beforeAll(async () => {
  db = await createTestDatabase();
  filesDir = await mkdtemp(path.join(os.tmpdir(), 'prachum-files-test-'));
  http = await createDocumentsHttp(db, (config) => ({
    ...config,
    files: { ...config.files, dir: filesDir, maxUploadBytes: 256 * 1024 },
  }));
  const f = testFactories(db.orm);
  o.moi = await f.organization('MOI');
  o.moh = await f.organization('MOH');
  o.internal = await f.commitment({ lead: o.moi.id, visibility: 'INTERNAL' });
  o.partners = await f.commitment({ lead: o.moi.id, visibility: 'PARTNERS' });
  await account('staff', 'SECRETARIAT');
  await account('moi', 'FOCAL_POINT', o.moi.id);
  await account('moh', 'FOCAL_POINT', o.moh.id);
  await account('partner', 'PARTNER');
});
afterAll(async () => {
  await http?.close();
  await db?.drop();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

describe('POST /files', () => {
  it('stores a PDF and answers its id, name, type, size and SHA-256', async () => {
    const bytes = await pdfBytes();
    const response = await upload('moi', { fileName: 'C:\\scans\\MoU signed.pdf', content: bytes });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      fileName: 'MoU signed.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      thumbnailUrl: null,
    });
    expect(body.downloadUrl).toBe(`/files/${body.id}`);
  });

  it('decides the type by the content, never by the name', async () => {
    const png = await upload('moi', { fileName: 'report.pdf', content: await pngBytes() });
    expect(png.json()).toMatchObject({ contentType: 'image/png', fileName: 'report.pdf' });
    expect(png.json().thumbnailUrl).toBe(`/files/${png.json().id}/thumbnail`);

    const html = await upload('moi', { fileName: 'page.html', content: '<html><script>alert(1)</script></html>' });
    expect(html.json().contentType).toBe('text/plain');
    const csv = await upload('moi', { fileName: 'data.txt', content: 'a,b,c\n1,2,3\n4,5,6\n' });
    expect(csv.json().contentType).toBe('text/csv');
    const khmer = await upload('moi', { fileName: 'notes', content: 'កំណត់ហេតុ​ប្រជុំ\nថ្ងៃទី ១' });
    expect(khmer.json().contentType).toBe('text/plain');
  });

  it('recognises office documents: DOCX, XLSX', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Minutes')] }] }));
    expect(await detectType(docx)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Data').addRow(['a', 1]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await detectType(xlsx)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const response = await upload('moi', { fileName: 'budget.xlsx', content: xlsx });
    expect(response.statusCode).toBe(201);
  });

  it('refuses other types (415) and oversize files (413) with a field problem, storing nothing', async () => {
    const before = await db.orm.em.fork().count(StoredFileSchema, {});
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200, 0)]);
    for (const content of [gif, elf, Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02])]) {
      const response = await upload('moi', { fileName: 'evidence.pdf', content });
      expect(response.statusCode).toBe(415);
      expect(response.json().errors[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'file', code: 'INVALID_FORMAT' }],
      });
    }
    const big = await upload('moi', { fileName: 'big.txt', content: 'x'.repeat(300 * 1024) });
    expect(big.statusCode).toBe(413);
    expect(big.json().errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'file', code: 'TOO_LONG', message: 'is larger than 0 MB (PRACHUM_MAX_UPLOAD_MB)' }],
    });
    const wrongField = await http.upload('/files', { field: 'document', content: 'x' }, { token: who.moi!.token });
    expect(wrongField.statusCode).toBe(400);
    expect(await db.orm.em.fork().count(StoredFileSchema, {})).toBe(before);
  });

  it('is for signed-in staff and focal points with write access', async () => {
    expect((await http.upload('/files', { content: 'x' })).statusCode).toBe(401);
    expect((await upload('partner', { content: 'hello' })).statusCode).toBe(403);
    const readOnly = await createTestToken(db, who.moi!.accountId, 'READ');
    expect((await http.upload('/files', { content: 'hello' }, { token: readOnly })).statusCode).toBe(403);
  });
});

describe('attaching and downloading', () => {
  it('serves an unattached file to its uploader only; to anyone else exactly like a missing one', async () => {
    const bytes = await pdfBytes('draft');
    const { id } = (await upload('moi', { fileName: 'draft.pdf', content: bytes })).json();
    const mine = await http.get(`/files/${id}`, { token: who.moi!.token });
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.equals(bytes)).toBe(true);

    const missing = 'RmlsZTowMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDA';
    for (const other of ['staff', 'moh', 'partner']) {
      const hidden = await http.get(`/files/${id}`, { token: who[other]!.token });
      const absent = await http.get(`/files/${missing}`, { token: who[other]!.token });
      expect(shape(hidden, id)).toEqual(shape(absent, missing));
      expect(hidden.statusCode).toBe(404);
    }
    expect((await http.get(`/files/${id}`)).statusCode).toBe(401);
  });

  it('attaches an upload to a progress update; evidence shows name, type, size, hash and the download', async () => {
    const bytes = await pdfBytes('signed');
    const uploaded = (await upload('moi', { fileName: 'MoU.pdf', content: bytes })).json();
    const result = await http.gql(
      ADD,
      {
        input: {
          commitmentId: o.internal!.gid,
          version: 1,
          progress: 40,
          evidence: [{ fileId: uploaded.id }, { url: 'https://example.org/news', title: 'Press release' }],
        },
      },
      { token: who.moi!.token },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.addProgressUpdate.update.evidence).toEqual([
      {
        kind: 'FILE',
        title: 'MoU.pdf',
        fileName: 'MoU.pdf',
        url: null,
        contentType: 'application/pdf',
        size: bytes.length,
        sha256: uploaded.sha256,
        downloadUrl: `/files/${uploaded.id}`,
        thumbnailUrl: null,
      },
      {
        kind: 'LINK',
        title: 'Press release',
        fileName: null,
        url: 'https://example.org/news',
        contentType: null,
        size: null,
        sha256: null,
        downloadUrl: null,
        thumbnailUrl: null,
      },
    ]);

    // Whoever may see the commitment downloads it; another organisation's focal point gets a 404, like a missing file.
    for (const allowed of ['moi', 'staff']) {
      const response = await http.get(`/files/${uploaded.id}`, { token: who[allowed]!.token });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toBe(`attachment; filename="MoU.pdf"; filename*=UTF-8''MoU.pdf`);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.rawPayload.equals(bytes)).toBe(true);
    }
    const missing = 'RmlsZTowMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDA';
    for (const other of ['moh', 'partner']) {
      const hidden = await http.get(`/files/${uploaded.id}`, { token: who[other]!.token });
      expect(shape(hidden, uploaded.id)).toEqual(
        shape(await http.get(`/files/${missing}`, { token: who[other]!.token }), missing),
      );
    }

    // Attached once: it cannot be attached again, by anyone.
    const again = await http.gql(
      ADD,
      { input: { commitmentId: o.internal!.gid, version: 2, evidence: [{ fileId: uploaded.id }] } },
      { token: who.moi!.token },
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'evidence[0].fileId', code: 'INVALID_STATE' }],
    });
  });

  it('lets a partner download the files of a commitment partners may see, with a safe type for text', async () => {
    const uploaded = (await upload('moi', { fileName: 'notes.html', content: '<script>alert(1)</script>' })).json();
    const result = await http.gql(
      ADD,
      {
        input: {
          commitmentId: o.partners!.gid,
          version: 1,
          note: 'Notes',
          evidence: [{ fileId: uploaded.id, title: 'Notes' }],
        },
      },
      { token: who.moi!.token },
    );
    expect(result.data.addProgressUpdate.update.evidence[0]).toMatchObject({ title: 'Notes', fileName: 'notes.html' });
    const response = await http.get(`/files/${uploaded.id}`, { token: who.partner!.token });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it("refuses someone else's upload; a refused or rolled-back update leaves the file unattached", async () => {
    const uploaded = (await upload('moi', { fileName: 'plan.pdf', content: await pdfBytes('plan') })).json();
    const version = await db.orm.em.fork().findOneOrFail(CommitmentSchema, { id: o.internal!.id });
    const theirs = await http.gql(
      ADD,
      { input: { commitmentId: o.internal!.gid, version: version.version, evidence: [{ fileId: uploaded.id }] } },
      { token: who.staff!.token },
    );
    expect(theirs.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'evidence[0].fileId', code: 'NOT_FOUND_REFERENCE' }],
    });
    const both = await http.gql(
      ADD,
      {
        input: {
          commitmentId: o.internal!.gid,
          version: version.version,
          evidence: [{ fileId: uploaded.id, url: 'https://example.org/x' }],
        },
      },
      { token: who.moi!.token },
    );
    expect(both.errors?.[0]?.extensions?.fields).toEqual([
      expect.objectContaining({ field: 'evidence[0].url', code: 'INVALID_COMBINATION' }),
    ]);
    // A stale version: CONFLICT, the transaction rolls back, the file stays unattached and private.
    const stale = await http.gql(
      ADD,
      { input: { commitmentId: o.internal!.gid, version: 0, evidence: [{ fileId: uploaded.id }] } },
      { token: who.moi!.token },
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // A failure after the file was claimed rolls it back too (COMPLETED with progress 50 is refused later in the same transaction).
    const refused = await http.gql(
      ADD,
      {
        input: {
          commitmentId: o.internal!.gid,
          version: version.version,
          status: 'COMPLETED',
          progress: 50,
          evidence: [{ fileId: uploaded.id }],
        },
      },
      { token: who.moi!.token },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const row = await db.orm.em
      .fork()
      .findOneOrFail(StoredFileSchema, { id: Buffer.from(uploaded.id, 'base64url').toString().slice(5) });
    expect(row.evidence).toBeNull();
    expect((await http.get(`/files/${uploaded.id}`, { token: who.staff!.token })).statusCode).toBe(404);
  });

  it('serves a thumbnail of an image (WebP, at most 320 px)', async () => {
    const uploaded = (await upload('moi', { fileName: 'site visit.png', content: await pngBytes() })).json();
    const response = await http.get(uploaded.thumbnailUrl, { token: who.moi!.token });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/webp');
    const meta = await sharp(response.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 320, 240]);
    const pdf = (await upload('moi', { content: await pdfBytes() })).json();
    expect((await http.get(`/files/${pdf.id}/thumbnail`, { token: who.moi!.token })).statusCode).toBe(404);
  });
});

describe('no orphans', () => {
  it('removes the bytes again when the row cannot be written', async () => {
    const writes: string[] = [];
    const deleted: string[] = [];
    const inner = new LocalFileStorage(filesDir);
    const storage: FileStorage = {
      put: async (key, body, type) => {
        writes.push(key);
        await inner.put(key, body, type);
      },
      get: (key) => inner.get(key),
      delete: async (key) => {
        deleted.push(key);
        await inner.delete(key);
      },
      list: () => inner.list(),
    };
    // An account id that does not exist: the row's foreign key fails after the bytes were written.
    const scope = {
      em: db.orm.em.fork(),
      viewer: { role: 'FOCAL_POINT' as const, accountId: '00000000-0000-4000-8000-000000000001', canWrite: true },
      config: { publicRead: false },
    };
    await expect(saveUpload(scope, storage, { fileName: 'x.png', bytes: await pngBytes() })).rejects.toThrow();
    expect(writes).toHaveLength(2);
    expect(deleted).toEqual(expect.arrayContaining(writes));
    for (const key of writes) expect(await inner.get(key)).toBeUndefined();
  });

  it('the cleanup job removes unattached uploads after a day, and bytes no row names', async () => {
    const old = (await upload('moi', { fileName: 'old.png', content: await pngBytes() })).json();
    const fresh = (await upload('moi', { fileName: 'fresh.pdf', content: await pdfBytes() })).json();
    const oldId = Buffer.from(old.id, 'base64url').toString().slice(5);
    await db.orm.em
      .fork()
      .execute(`update stored_file set created_at = now() - interval '25 hours' where id = ?`, [oldId]);
    const storage = new LocalFileStorage(filesDir);
    const orphan = '11111111-2222-4333-8444-555555555555';
    await storage.put(orphan, Buffer.from('left by a crash'), 'text/plain');
    const dayAgo = new Date(Date.now() - 25 * 3600 * 1000);
    await utimes(path.join(filesDir, orphan.slice(0, 2), orphan), dayAgo, dayAgo);
    const attached = await db.orm.em.fork().find(StoredFileSchema, { evidence: { $ne: null } });
    await db.orm.em
      .fork()
      .execute(`update stored_file set created_at = now() - interval '30 days' where evidence_id is not null`);

    // Through the worker, as the hourly schedule runs it.
    const logger = createLogger({ logLevel: 'silent' });
    await enqueue(db.orm.em.fork(), 'purge_unattached_files', {}, { key: 'purge_unattached_files:test' });
    await runDueJobs({
      orm: db.orm,
      url: db.url,
      config: {
        smtpUrl: undefined,
        mailFrom: 'x@example.org',
        publicUrl: 'http://localhost',
        files: http.config.files,
      },
      logger,
    });

    expect((await http.get(`/files/${old.id}`, { token: who.moi!.token })).statusCode).toBe(404);
    expect(await storage.get(oldId)).toBeUndefined();
    expect(await storage.get(`${oldId}.thumb`)).toBeUndefined();
    expect(await storage.get(orphan)).toBeUndefined();
    expect((await http.get(`/files/${fresh.id}`, { token: who.moi!.token })).statusCode).toBe(200);
    for (const file of attached) expect(await storage.get(file.id)).toBeDefined();
    expect(await purgeUnattachedFiles(db.orm.em.fork(), storage)).toEqual({ files: 0, orphans: 0 });
    expect((await readdir(filesDir)).length).toBeGreaterThan(0);
  });
});

describe('S3-compatible storage', () => {
  let server: Server;
  let endpoint: string;
  const objects = new Map<string, { body: Buffer; type: string; at: Date }>();

  beforeAll(async () => {
    // The little of the S3 API the store uses (path-style PUT, GET, DELETE, ListObjectsV2), as any S3 server answers it.
    server = createServer(async (request, response) => {
      const url = new URL(request.url!, 'http://localhost');
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const key = decodeURIComponent(url.pathname);
      if (request.method === 'PUT') {
        objects.set(key, {
          body: Buffer.concat(chunks),
          type: String(request.headers['content-type']),
          at: new Date(),
        });
        response.writeHead(200, { etag: '"x"' }).end();
      } else if (request.method === 'GET' && url.searchParams.get('list-type') === '2') {
        const bucket = url.pathname.replace(/^\/+|\/+$/g, '');
        const prefix = `/${bucket}/${url.searchParams.get('prefix') ?? ''}`;
        const items = [...objects.entries()].filter(([k]) => k.startsWith(prefix));
        response
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(
            `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><IsTruncated>false</IsTruncated>${items
              .map(
                ([k, v]) =>
                  `<Contents><Key>${k.slice(bucket.length + 2)}</Key><LastModified>${v.at.toISOString()}</LastModified><Size>${v.body.length}</Size></Contents>`,
              )
              .join('')}</ListBucketResult>`,
          );
      } else if (request.method === 'GET') {
        const object = objects.get(key);
        if (!object)
          response
            .writeHead(404, { 'content-type': 'application/xml' })
            .end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>no</Message></Error>');
        else
          response
            .writeHead(200, { 'content-type': object.type, 'content-length': object.body.length })
            .end(object.body);
      } else if (request.method === 'DELETE') {
        objects.delete(key);
        response.writeHead(204).end();
      } else response.writeHead(405).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    endpoint = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('keeps uploads in the bucket when PRACHUM_S3_BUCKET is set, and serves them back', async () => {
    const s3 = {
      bucket: 'evidence',
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test-secret' },
    };
    const s3Http = await createDocumentsHttp(db, (config) => ({ ...config, files: { ...config.files, s3 } }));
    try {
      const bytes = await pdfBytes('in the bucket');
      const uploaded = (
        await s3Http.upload('/files', { fileName: 'bucket.pdf', content: bytes }, { token: who.moi!.token })
      ).json();
      const id = Buffer.from(uploaded.id, 'base64url').toString().slice(5);
      expect(objects.get(`/evidence/files/${id}`)?.body.equals(bytes)).toBe(true);
      const download = await s3Http.get(`/files/${uploaded.id}`, { token: who.moi!.token });
      expect(download.rawPayload.equals(bytes)).toBe(true);

      const storage = new S3FileStorage(s3);
      const keys: string[] = [];
      for await (const object of storage.list()) keys.push(object.key);
      expect(keys).toContain(id);
      await storage.delete(id);
      expect(await storage.get(id)).toBeUndefined();
      storage.close();
    } finally {
      await s3Http.close();
    }
  });
});
