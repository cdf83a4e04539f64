import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { Role } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { DomainError } from '@/common/errors';
import { gbk } from '@/common/text/testing/gbk';
import { FilesService } from '@/files/files.service';
import { GqlError, TestApp } from './support/test-app';
import { docxLike, zipOf } from './support/zip';

const PDF = Buffer.from(
  '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n',
  'latin1',
);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  randomBytes(64),
]);
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
  Buffer.from('JFIF\0'),
  randomBytes(64),
]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), randomBytes(200)]);

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
/** A PDF no other test uploads (content-addressed storage dedupes identical bytes). */
const uniquePdf = (label = ''): Buffer =>
  Buffer.concat([PDF, Buffer.from(`% ${label} ${randomBytes(8).toString('hex')}\n`)]);

const FILE_QUERY = `query($id: ID!) {
  evidenceFile(id: $id) { id sha256 size mediaType name regionCode uploadedAt downloadPath }
}`;

interface Uploaded {
  id: string;
  sha256: string;
  size: number;
  mediaType: string;
  name: string;
  regionCode: string;
}

interface RestError {
  error: {
    code: string;
    reason: string;
    message: string;
    fields?: Array<{ field: string; message: string }>;
  };
}

/** An app with its own files directory, and helpers to speak to POST/GET /files. */
class FilesClient {
  private constructor(
    readonly t: TestApp,
    readonly dir: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<FilesClient> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asset-registry-files-'));
    return new FilesClient(await TestApp.start({ env: { FILES_DIR: dir, ...env } }), dir);
  }

  async close(): Promise<void> {
    await this.t.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** POST /files as `user`; `regionCode` is sent before the file unless `regionAfterFile`. */
  async upload(
    user: string | null,
    content: Buffer,
    filename: string,
    options: { regionCode?: string; regionAfterFile?: boolean; contentType?: string } = {},
  ): Promise<Response> {
    let req = this.t.http.post('/files');
    if (user) req = req.set('authorization', `Bearer ${await this.t.token(user)}`);
    const withRegion = (r: typeof req): typeof req =>
      options.regionCode === undefined ? r : r.field('regionCode', options.regionCode);
    if (!options.regionAfterFile) req = withRegion(req);
    req = req.attach('file', content, {
      filename,
      contentType: options.contentType ?? 'application/octet-stream',
    });
    if (options.regionAfterFile) req = withRegion(req);
    return req;
  }

  async uploadOk(user: string, content: Buffer, filename: string, regionCode?: string): Promise<Uploaded> {
    const res = await this.upload(user, content, filename, { regionCode });
    expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status: 201 });
    return res.body as Uploaded;
  }

  /** GET /files/:id as `user`, the body as bytes. */
  async download(
    user: string | null,
    id: string,
  ): Promise<{ status: number; headers: Response['headers']; body: Buffer }> {
    let req = this.t.http.get(`/files/${encodeURIComponent(id)}`);
    if (user) req = req.set('authorization', `Bearer ${await this.t.token(user)}`);
    const res = await req.buffer(true).parse((stream, done) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => done(null, Buffer.concat(chunks)));
    });
    return { status: res.status, headers: res.headers, body: res.body as Buffer };
  }

  tempFiles(): string[] {
    const tmp = path.join(this.dir, 'tmp');
    return fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
  }

  storedContents(): string[] {
    const root = path.join(this.dir, 'sha256');
    if (!fs.existsSync(root)) return [];
    return fs.readdirSync(root).flatMap((d) => fs.readdirSync(path.join(root, d)));
  }

  storedBytes(hash: string): Buffer {
    return fs.readFileSync(path.join(this.dir, 'sha256', hash.slice(0, 2), hash));
  }

  /** Rows, ledger entries, temporary and stored files: what an upload may leave behind. */
  async footprint(): Promise<{ rows: number; entries: number; temps: number; contents: number }> {
    const [{ rows }] = await this.t.sql<{ rows: number }>('SELECT count(*)::int AS rows FROM evidence_file');
    const [{ entries }] = await this.t.sql<{ entries: number }>(
      `SELECT count(*)::int AS entries FROM ledger_entry WHERE entity_type = 'EvidenceFile'`,
    );
    return { rows, entries, temps: this.tempFiles().length, contents: this.storedContents().length };
  }
}

function restError(res: { body: unknown }): RestError['error'] {
  const body = Buffer.isBuffer(res.body) ? (JSON.parse(res.body.toString('utf8')) as unknown) : res.body;
  return (body as RestError).error;
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('evidence files (e2e)', () => {
  let f: FilesClient;
  let t: TestApp;

  beforeAll(async () => {
    f = await FilesClient.start();
    t = f.t;
  });
  afterAll(() => f.close());

  describe('upload', () => {
    it("stores a PDF for the clerk's village: row, content-addressed bytes, ledger entry", async () => {
      const content = uniquePdf('contract');
      const before = await f.footprint();
      const res = await f.upload('wutong', content, '梧桐村 光伏电站 承包合同.pdf', {
        contentType: 'application/pdf',
      });
      expect(res.status).toBe(201);
      const body = res.body as Uploaded;
      expect(body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        sha256: sha256(content),
        size: content.length,
        mediaType: 'application/pdf',
        name: '梧桐村 光伏电站 承包合同.pdf',
        regionCode: '500101151201',
      });

      const [wutong] = await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE username = 'wutong'`);
      const [row] = await t.sql(
        'SELECT sha256, size::int AS size, media_type, original_name, region_code, uploaded_by FROM evidence_file WHERE id = $1',
        [body.id],
      );
      expect(row).toEqual({
        sha256: body.sha256,
        size: content.length,
        media_type: 'application/pdf',
        original_name: '梧桐村 光伏电站 承包合同.pdf',
        region_code: '500101151201',
        uploaded_by: wutong.id,
      });
      expect(sha256(f.storedBytes(body.sha256))).toBe(body.sha256);
      expect(f.tempFiles()).toEqual([]);
      expect(await f.footprint()).toEqual({
        rows: before.rows + 1,
        entries: before.entries + 1,
        temps: 0,
        contents: before.contents + 1,
      });

      const history = await t.gql<{
        history: Array<{
          action: string;
          regionCode: string;
          actor: { username: string };
          after: Record<string, unknown>;
        }>;
      }>(
        'query($id: String!) { history(entityType: "EvidenceFile", entityId: $id) { action regionCode actor { username } after } }',
        { id: body.id },
        await t.token('wutong'),
      );
      expect(history.errors).toBeUndefined();
      expect(history.data!.history).toEqual([
        {
          action: 'FILE_UPLOADED',
          regionCode: '500101151201',
          actor: { username: 'wutong' },
          after: {
            id: body.id,
            sha256: body.sha256,
            size: content.length,
            mediaType: 'application/pdf',
            originalName: '梧桐村 光伏电站 承包合同.pdf',
            regionCode: '500101151201',
            uploadedBy: wutong.id,
            createdAt: expect.any(String),
          },
        },
      ]);
    });

    it('stores identical content once, however many rows point to it (also when uploaded at once)', async () => {
      const content = uniquePdf('dedupe');
      const before = await f.footprint();
      const first = await f.uploadOk('wutong', content, 'a.pdf');
      const second = await f.uploadOk('longju', content, 'b.pdf');
      expect(second.id).not.toBe(first.id);
      expect(second.sha256).toBe(first.sha256);
      expect(second).toMatchObject({ name: 'b.pdf', regionCode: '500101151' });
      expect(await f.footprint()).toEqual({
        rows: before.rows + 2,
        entries: before.entries + 2,
        temps: 0,
        contents: before.contents + 1,
      });

      const racing = uniquePdf('race');
      const results = await Promise.all(
        ['wutong', 'yuhe', 'longju', 'daping'].map((u) => f.upload(u, racing, `${u}.pdf`)),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(results.map((r) => (r.body as Uploaded).sha256))).toEqual(new Set([sha256(racing)]));
      expect(await f.footprint()).toEqual({
        rows: before.rows + 6,
        entries: before.entries + 6,
        temps: 0,
        contents: before.contents + 2,
      });
      expect(sha256(f.storedBytes(sha256(racing)))).toBe(sha256(racing));
    });

    it('recognises PNG, JPEG, CSV and XLSX by their content', async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('收益').addRows([
        ['月份', '收入'],
        ['2024-01', 1200],
      ]);
      const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
      const csv = Buffer.from(`月份,收入\n2024-01,1200.00\n${randomUUID()}\n`, 'utf8');
      const cases: Array<[Buffer, string, string, string]> = [
        [PNG, 'photo.png', 'image/png', 'image/png'],
        [JPEG, '现场照片.jpg', 'image/jpeg', 'image/jpeg'],
        [csv, '收益.csv', 'application/vnd.ms-excel', 'text/csv'],
        [xlsx, '收益台账.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ''],
        [xlsx, 'renamed-without-extension', 'application/octet-stream', ''],
      ];
      for (const [content, name, declared] of cases) {
        const res = await f.upload('yuhe', content, name, { contentType: declared });
        expect({ name, status: res.status }).toEqual({ name, status: 201 });
      }
      const types = await t.sql<{ original_name: string; media_type: string }>(
        `SELECT original_name, media_type FROM evidence_file WHERE region_code = '500101151202' AND original_name = ANY($1)`,
        [cases.map((c) => c[1])],
      );
      expect(Object.fromEntries(types.map((r) => [r.original_name, r.media_type]))).toEqual({
        'photo.png': 'image/png',
        '现场照片.jpg': 'image/jpeg',
        '收益.csv': 'text/csv',
        '收益台账.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'renamed-without-extension': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
    });

    it.each([
      ['an executable', EXE, 'setup.exe', 'application/x-msdownload', 'FILE_TYPE_NOT_ALLOWED'],
      ['an executable renamed .pdf', EXE, 'invoice.pdf', 'application/pdf', 'FILE_TYPE_NOT_ALLOWED'],
      [
        'a text file renamed .pdf',
        Buffer.from('这不是 PDF\n'),
        '合同.pdf',
        'application/pdf',
        'FILE_TYPE_NOT_ALLOWED',
      ],
      [
        'a text file that is not .csv',
        Buffer.from('a,b\n1,2\n'),
        'notes.txt',
        'text/plain',
        'FILE_TYPE_NOT_ALLOWED',
      ],
      [
        'a ZIP that is not a workbook',
        Buffer.from('PK\x03\x04\x14\x00rest', 'latin1'),
        'a.zip',
        'application/zip',
        'FILE_TYPE_NOT_ALLOWED',
      ],
      [
        'a ZIP named .xlsx',
        zipOf({ 'readme.txt': 'not a sheet' }),
        '台账.xlsx',
        'application/zip',
        'FILE_NOT_A_WORKBOOK',
      ],
      [
        'a Word document named .xlsx',
        docxLike(),
        '台账.xlsx',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'FILE_NOT_A_WORKBOOK',
      ],
      // A Word document named .docx is evidence like any other (test/evidence-archive.e2e-spec.ts).
      [
        'a ZIP header and garbage named .xlsx',
        Buffer.from('PK\x03\x04\x14\x00rest', 'latin1'),
        'x.xlsx',
        '',
        'FILE_NOT_A_WORKBOOK',
      ],
      ['a PNG declared as PDF', PNG, 'scan', 'application/pdf', 'FILE_TYPE_MISMATCH'],
      ['a PDF named .jpg', PDF, 'photo.jpg', 'application/octet-stream', 'FILE_TYPE_MISMATCH'],
      ['an empty file', Buffer.alloc(0), 'empty.pdf', 'application/pdf', 'FILE_EMPTY'],
    ])('refuses %s and leaves nothing behind', async (_label, content, name, declared, reason) => {
      const before = await f.footprint();
      const res = await f.upload('wutong', content, name, { contentType: declared });
      expect(res.status).toBe(400);
      expect(restError(res)).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason,
        fields: [{ field: 'file', message: expect.any(String) }],
      });
      expect(await f.footprint()).toEqual(before);
    });

    it('refuses a request without a file, a non-multipart body, two files and a too long name', async () => {
      const token = await t.token('wutong');
      const before = await f.footprint();
      const noFile = await t.http
        .post('/files')
        .set('authorization', `Bearer ${token}`)
        .field('regionCode', '500101151201');
      expect(noFile.status).toBe(400);
      expect(restError(noFile)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_MISSING' });

      const json = await t.http.post('/files').set('authorization', `Bearer ${token}`).send({ file: 'x' });
      expect(json.status).toBe(400);
      expect(restError(json)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_UPLOAD_INVALID' });

      const two = await t.http
        .post('/files')
        .set('authorization', `Bearer ${token}`)
        .attach('file', uniquePdf(), 'a.pdf')
        .attach('file', uniquePdf(), 'b.pdf');
      expect(two.status).toBe(400);
      expect(restError(two)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_UPLOAD_INVALID' });

      const otherField = await t.http
        .post('/files')
        .set('authorization', `Bearer ${token}`)
        .field('note', 'hello')
        .attach('file', uniquePdf(), 'a.pdf');
      expect(restError(otherField)).toMatchObject({
        reason: 'FILE_UPLOAD_INVALID',
        fields: [{ field: 'note' }],
      });

      const long = await f.upload('wutong', uniquePdf(), `${'长'.repeat(252)}.pdf`);
      expect(long.status).toBe(400);
      expect(restError(long)).toMatchObject({ reason: 'FILE_UPLOAD_INVALID', fields: [{ field: 'file' }] });
      const longest = await f.upload('wutong', uniquePdf(), `${'长'.repeat(251)}.pdf`);
      expect(longest.status).toBe(201);
      await waitFor('no temporary files', () => f.tempFiles().length === 0);
      expect(await f.footprint()).toMatchObject({
        rows: before.rows + 1,
        entries: before.entries + 1,
        temps: 0,
      });
    });

    it('needs a token; auditors cannot upload; the region must be one the caller may write to', async () => {
      const before = await f.footprint();
      const anonymous = await f.upload(null, uniquePdf(), 'a.pdf');
      expect(anonymous.status).toBe(401);

      const auditor = await f.upload('auditor', uniquePdf(), 'a.pdf');
      expect(auditor.status).toBe(403);
      expect(restError(auditor)).toMatchObject({ code: 'FORBIDDEN', reason: 'FORBIDDEN' });

      for (const regionAfterFile of [false, true]) {
        const sibling = await f.upload('wutong', uniquePdf(), 'a.pdf', {
          regionCode: '500101151202',
          regionAfterFile,
        });
        expect({ regionAfterFile, status: sibling.status }).toEqual({ regionAfterFile, status: 403 });
        expect(restError(sibling)).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });
      }
      const up = await f.upload('wutong', uniquePdf(), 'a.pdf', { regionCode: '500101151' });
      expect(restError(up)).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_SCOPE' });

      const unknown = await f.upload('longju', uniquePdf(), 'a.pdf', { regionCode: '500101151299' });
      expect(unknown.status).toBe(400);
      expect(restError(unknown)).toMatchObject({
        reason: 'FILE_UPLOAD_INVALID',
        fields: [{ field: 'regionCode' }],
      });
      const malformed = await f.upload('longju', uniquePdf(), 'a.pdf', {
        regionCode: '5001-x',
        regionAfterFile: true,
      });
      expect(restError(malformed)).toMatchObject({
        reason: 'FILE_UPLOAD_INVALID',
        fields: [{ field: 'regionCode' }],
      });
      expect(await f.footprint()).toEqual(before);

      // A township officer files evidence for one of its villages; the district for any region.
      expect(await f.uploadOk('longju', uniquePdf(), 'v.pdf', '500101151202')).toMatchObject({
        regionCode: '500101151202',
      });
      expect(await f.uploadOk('district', uniquePdf(), 'd.pdf', '500101153201')).toMatchObject({
        regionCode: '500101153201',
      });
    });

    it('an upload interrupted mid-stream leaves no temporary file, content, row or ledger entry', async () => {
      await t.app.listen(0, '127.0.0.1');
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const before = await f.footprint();
      const boundary = `----asset-registry-${randomBytes(8).toString('hex')}`;
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      );
      const total = head.length + 4 * 1024 * 1024 + 64;
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/files',
        headers: {
          authorization: `Bearer ${await t.token('wutong')}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(total),
        },
      });
      const ended = new Promise<void>((resolve) => {
        req.on('error', () => resolve());
        req.on('close', () => resolve());
      });
      req.write(head);
      req.write(Buffer.concat([PDF, randomBytes(1024 * 1024)]));
      // The server is streaming into a temporary file …
      await waitFor('the upload to reach a temporary file', () => f.tempFiles().length === 1);
      req.destroy(); // … when the client goes away.
      await ended;
      await waitFor('the temporary file to go', () => f.tempFiles().length === 0);
      await new Promise((r) => setTimeout(r, 200));
      expect(await f.footprint()).toEqual(before);
      // The app is still fine.
      expect((await f.upload('wutong', uniquePdf(), 'after.pdf')).status).toBe(201);
    });
  });

  describe('download and metadata', () => {
    let file: Uploaded;
    let content: Buffer;

    beforeAll(async () => {
      content = uniquePdf('download');
      file = await f.uploadOk('wutong', content, '梧桐村 收益分配(2024).pdf');
    });

    it('streams the content with its type and an RFC 5987 Content-Disposition', async () => {
      const res = await f.download('wutong', file.id);
      expect(res.status).toBe(200);
      expect(res.body.equals(content)).toBe(true);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-length']).toBe(String(content.length));
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="___ ____(2024).pdf"; filename*=UTF-8''` +
          `%E6%A2%A7%E6%A1%90%E6%9D%91%20%E6%94%B6%E7%9B%8A%E5%88%86%E9%85%8D%282024%29.pdf`,
      );
      const encoded = /filename\*=UTF-8''(.+)$/.exec(res.headers['content-disposition'] as string)![1];
      expect(decodeURIComponent(encoded)).toBe('梧桐村 收益分配(2024).pdf');
    });

    it('serves CSV as UTF-8 text', async () => {
      const csv = Buffer.from(`名称,金额\n光伏,${randomUUID()}\n`, 'utf8');
      const uploaded = await f.uploadOk('wutong', csv, '分配表.csv');
      const res = await f.download('wutong', uploaded.id);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.body.equals(csv)).toBe(true);
    });

    it('keeps a GBK CSV (Excel on a Chinese Windows) as it came, and serves it as GB18030 text', async () => {
      const csv = gbk(`名称,金额\n光伏,${randomUUID()}\n`);
      const uploaded = await f.uploadOk('wutong', csv, '分配表.csv');
      expect(uploaded).toMatchObject({ mediaType: 'text/csv', size: csv.length });
      const res = await f.download('wutong', uploaded.id);
      expect(res.headers['content-type']).toBe('text/csv; charset=gb18030');
      expect(res.body.equals(csv)).toBe(true);
    });

    it.each([
      ['wutong', 200],
      ['longju', 200], // the township above
      ['district', 200],
      ['auditor', 200],
      ['admin', 200],
      ['yuhe', 404], // a clerk of another village: out of scope is not found
      ['luotian', 404], // another township
      ['daping', 404],
    ])('%s downloading a file of 梧桐村 gets %d', async (user, status) => {
      const res = await f.download(user, file.id);
      expect(res.status).toBe(status);
      if (status === 200) expect(sha256(res.body)).toBe(file.sha256);
      else expect(restError(res)).toMatchObject({ code: 'NOT_FOUND', reason: 'FILE_NOT_FOUND' });
    });

    it('an unknown or malformed id is 404; no token is 401', async () => {
      for (const id of [randomUUID(), 'not-a-uuid', "1' OR '1'='1"]) {
        const res = await f.download('admin', id);
        expect({ id, status: res.status }).toEqual({ id, status: 404 });
        expect(restError(res)).toMatchObject({ code: 'NOT_FOUND', reason: 'FILE_NOT_FOUND' });
      }
      expect((await f.download(null, file.id)).status).toBe(401);
    });

    it('GraphQL evidenceFile follows the same scope', async () => {
      const own = await t.gql<{ evidenceFile: Record<string, unknown> }>(
        FILE_QUERY,
        { id: file.id },
        await t.token('wutong'),
      );
      expect(own.errors).toBeUndefined();
      expect(own.data!.evidenceFile).toEqual({
        id: file.id,
        sha256: file.sha256,
        size: content.length,
        mediaType: 'application/pdf',
        name: '梧桐村 收益分配(2024).pdf',
        regionCode: '500101151201',
        uploadedAt: expect.any(String),
        downloadPath: `/files/${file.id}`,
      });
      for (const user of ['longju', 'auditor']) {
        const res = await t.gql(FILE_QUERY, { id: file.id }, await t.token(user));
        expect({ user, errors: res.errors }).toEqual({ user, errors: undefined });
      }
      const other = await t.gql(FILE_QUERY, { id: file.id }, await t.token('yuhe'));
      expect(other.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'FILE_NOT_FOUND' });
      const unknown = await t.gql(FILE_QUERY, { id: randomUUID() }, await t.token('admin'));
      expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'FILE_NOT_FOUND' });
      const anonymous = await t.gql(FILE_QUERY, { id: file.id });
      expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('FilesService.requireFiles (called directly, as other features will)', () => {
    let service: FilesService;
    const files: Record<string, Uploaded> = {};

    const ctxOf = async (username: string): Promise<RequestContext> => {
      const [u] = await t.sql<{ id: string; role: Role; region_code: string }>(
        'SELECT id, role, region_code FROM app_user WHERE username = $1',
        [username],
      );
      return new RequestContext(`test-${username}`, {
        id: u.id,
        username,
        role: u.role,
        regionCode: u.region_code,
      });
    };
    const failure = async (promise: Promise<unknown>): Promise<DomainError> => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      return error as DomainError;
    };

    beforeAll(async () => {
      service = t.app.get(FilesService);
      files.wutong = await f.uploadOk('wutong', uniquePdf(), 'village.pdf');
      files.yuhe = await f.uploadOk('yuhe', uniquePdf(), 'other-village.pdf');
      files.longju = await f.uploadOk('longju', uniquePdf(), 'township.pdf');
      files.district = await f.uploadOk('district', uniquePdf(), 'district.pdf');
    });

    it('returns the files in the order given, for the same region, an ancestor or a descendant', async () => {
      const longju = await ctxOf('longju');
      const got = await service.requireFiles(
        longju,
        [files.longju.id, files.wutong.id],
        'input.evidenceFileIds',
        '500101151201',
      );
      expect(got).toEqual([
        {
          id: files.longju.id,
          sha256: files.longju.sha256,
          name: 'township.pdf',
          mediaType: 'application/pdf',
        },
        {
          id: files.wutong.id,
          sha256: files.wutong.sha256,
          name: 'village.pdf',
          mediaType: 'application/pdf',
        },
      ]);
      // A village's file serves a township record; the district's file any record below it.
      expect(await service.requireFiles(longju, [files.wutong.id], 'f', '500101151')).toHaveLength(1);
      const district = await ctxOf('district');
      expect(await service.requireFiles(district, [files.district.id], 'f', '500101153201')).toHaveLength(1);
      expect(await service.requireFiles(district, [], 'f', '500101153201')).toEqual([]);
    });

    it('refuses unknown, malformed and repeated ids naming the field (BAD_USER_INPUT)', async () => {
      const wutong = await ctxOf('wutong');
      for (const ids of [[randomUUID()], ['nope'], [files.wutong.id, files.wutong.id]]) {
        const error = await failure(
          service.requireFiles(wutong, ids, 'input.evidenceFileIds', '500101151201'),
        );
        expect(error.code).toBe('FILE_REFERENCE_INVALID');
        expect(error.details.fields?.map((p) => p.field)).toEqual(['input.evidenceFileIds']);
      }
    });

    it('refuses files the caller may not read (no such file) and files of another branch (BAD_USER_INPUT)', async () => {
      const wutong = await ctxOf('wutong');
      const unreadable = await failure(
        service.requireFiles(wutong, [files.longju.id], 'ids', '500101151201'),
      );
      expect(unreadable.code).toBe('FILE_REFERENCE_INVALID');
      expect(unreadable.details.fields?.map((p) => p.field)).toEqual(['ids']);

      const longju = await ctxOf('longju');
      const sibling = await failure(service.requireFiles(longju, [files.yuhe.id], 'ids', '500101151201'));
      expect(sibling.code).toBe('FILE_REGION_MISMATCH');
      expect(sibling.details.fields?.map((p) => p.field)).toEqual(['ids']);
      const district = await ctxOf('district');
      const otherTownship = await failure(
        service.requireFiles(district, [files.wutong.id], 'ids', '500101153'),
      );
      expect(otherTownship.code).toBe('FILE_REGION_MISMATCH');
    });
  });
});

describe('evidence files: size limit (e2e)', () => {
  let f: FilesClient;
  beforeAll(async () => {
    f = await FilesClient.start({ FILES_MAX_BYTES: '1024' });
  });
  afterAll(() => f.close());

  const pdfOf = (size: number): Buffer => Buffer.concat([PDF, randomBytes(size - PDF.length)]);

  it('accepts a file of exactly FILES_MAX_BYTES', async () => {
    const ok = await f.uploadOk('wutong', pdfOf(1024), 'limit.pdf');
    expect(ok.size).toBe(1024);
  });

  it.each([1025, 200 * 1024])('refuses %d bytes and leaves nothing behind', async (size) => {
    const before = await f.footprint();
    const res = await f.upload('wutong', pdfOf(size), 'big.pdf', {
      regionCode: '500101151201',
      regionAfterFile: true,
    });
    expect(res.status).toBe(400);
    expect(restError(res)).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'FILE_TOO_LARGE',
      fields: [{ field: 'file', message: '超过了文件大小上限（1024 字节）' }],
    });
    expect(await f.footprint()).toEqual(before);
  });

  it.each([
    ['exportAssets { fileId size }', 'filter', '筛选条件'],
    ['exportIncomeReport(kind: VILLAGE_BALANCES) { fileId size }', 'regionCode', '区域'],
    ['exportSupervisionReport(kind: DASHBOARD) { fileId size }', 'regionCode', '区域'],
  ])(
    'refuses %s whose file would be larger, naming %s, in Chinese, and stores nothing',
    async (mutation, field, label) => {
      const before = await f.footprint();
      const token = await f.t.token('wutong');
      const exportIn = async (language: string): Promise<GqlError> => {
        const res = await f.t.http
          .post('/graphql')
          .set('content-type', 'application/json')
          .set('accept-language', language)
          .set('authorization', `Bearer ${token}`)
          .send({ query: `mutation { ${mutation} }` });
        expect(res.body.data).toBeNull();
        return (res.body as { errors: GqlError[] }).errors[0];
      };
      const zh = await exportIn('zh-CN');
      expect(zh.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'FILE_TOO_LARGE',
        fields: [{ field, label }],
      });
      const said = new RegExp(
        `^文件太大：「${label}」导出的文件有 (\\d+) 字节，超过了文件大小上限（1024 字节）：请缩小范围，分次导出$`,
      ).exec(zh.message);
      expect([zh.message, said !== null]).toEqual([zh.message, true]);
      expect(Number(said![1])).toBeGreaterThan(1024);
      const en = await exportIn('en');
      // A report's footnote says when it was made: its size may differ by a byte from one call to the next.
      expect(en.message).toMatch(
        /^the exported file is \d+ bytes, larger than the limit of 1024 bytes: export fewer records at a time$/,
      );
      expect(en.extensions).toMatchObject({ fields: [{ field }] });
      expect(await f.footprint()).toEqual(before);
    },
  );
});
