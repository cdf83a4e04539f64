import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { TestApp } from './support/test-app';

const HTML = 'text/html,application/xhtml+xml,*/*;q=0.8';
const INDEX = `<!doctype html><html lang="zh-CN"><head><title>扶贫项目资产管理系统</title>
<script type="module" src="/static/index-abc123.js"></script></head><body><div id="root"></div></body></html>`;
const SCRIPT = `console.info(${JSON.stringify('控制台'.repeat(400))});\n`;

/** The console served at `/` (src/console) on a built console of its own, and what it must not shadow. */
describe('console (static files and client routes)', () => {
  let app: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-'));
    fs.mkdirSync(path.join(dir, 'static'));
    fs.mkdirSync(path.join(dir, '.vite'));
    fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
    fs.writeFileSync(path.join(dir, 'static', 'index-abc123.js'), SCRIPT);
    fs.writeFileSync(path.join(dir, '.vite', 'manifest.json'), '{}');
    app = await TestApp.start({ env: { CONSOLE_DIR: dir } });
  });

  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page at / with a strict policy, revalidated on every load', async () => {
    const res = await app.http.get('/').set('accept', HTML);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(res.text).toBe(INDEX);
  });

  it('answers a client route with the same page, whatever its depth', async () => {
    for (const route of [
      '/login',
      '/assets',
      '/assets/6f1c2d3e-0000-4000-8000-000000000000',
      '/admin/users',
    ]) {
      const res = await app.http.get(route).set('accept', HTML);
      expect({ route, status: res.status, text: res.text }).toEqual({ route, status: 200, text: INDEX });
    }
  });

  it('serves hashed files for a year, gzipped when accepted, and 304 on a matching ETag', async () => {
    const plain = await app.http.get('/static/index-abc123.js').set('accept-encoding', 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(SCRIPT);

    const zipped = await app.http
      .get('/static/index-abc123.js')
      .set('accept-encoding', 'gzip')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    // supertest inflates what it was sent: the text arrives whole through the gzip encoding.
    expect((zipped.body as Buffer).toString('utf8')).toBe(SCRIPT);
    expect(Number(zipped.headers['content-length'])).toBeLessThan(gzipSync(SCRIPT).length + 64);

    const again = await app.http.get('/static/index-abc123.js').set('if-none-match', plain.headers.etag);
    expect(again.status).toBe(304);
  });

  it('never answers a missing file, the build manifest or an API path with the page', async () => {
    for (const p of [
      '/static/missing.js',
      '/.vite/manifest.json',
      '/favicon.ico',
      '/files',
      '/graphiql/nope',
    ]) {
      const res = await app.http.get(p).set('accept', HTML);
      expect({ p, status: res.status }).toEqual({ p, status: 404 });
      expect(res.text).not.toContain('<div id="root">');
    }
    const json = await app.http.get('/assets').set('accept', 'application/json');
    expect(json.status).toBe(404);
    expect(json.headers['content-type']).toContain('application/json');
  });

  it('leaves GraphQL, GraphiQL, health, files, templates and disclosure pages to their own routes', async () => {
    const gql = await app.gql<{ __typename: string }>('{ __typename }');
    expect(gql.data).toEqual({ __typename: 'Query' });

    const graphiql = await app.http.get('/graphiql').set('accept', HTML);
    expect(graphiql.status).toBe(200);
    expect(graphiql.text).toContain('graphiql');
    expect(graphiql.text).not.toContain('<div id="root">');

    const health = await app.http.get('/health').set('accept', HTML);
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');

    const file = await app.http.get('/files/6f1c2d3e-0000-4000-8000-000000000000').set('accept', HTML);
    expect(file.status).toBe(401);

    const template = await app.http.get('/templates/assets.xlsx').set('accept', HTML);
    expect(template.status).toBe(401);

    const disclosure = await app.http.get('/disclosure/not-a-token').set('accept', HTML);
    expect(disclosure.status).toBe(404);
    expect(disclosure.text).not.toContain('<div id="root">');
  });

  it('says in Chinese that the console is not built when its folder is empty', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'console-empty-'));
    const bare = await TestApp.start({ env: { CONSOLE_DIR: empty } });
    try {
      const res = await bare.http.get('/').set('accept', HTML);
      expect(res.status).toBe(503);
      expect(res.text).toContain('控制台尚未构建');
      const health = await bare.http.get('/health');
      expect(health.status).toBe(200);
    } finally {
      await bare.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
