import { Controller, Get, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@/common/auth';
import { CONSOLE_FILES } from './console.tokens';
import { ConsoleFile, ConsoleFiles } from './console-files';
import { isConsolePage } from './console-routes';

/**
 * What the console's page may load: only this server (no CDN, no outside fonts). Ant Design writes its
 * styles into <style> elements at run time, hence 'unsafe-inline' for styles only.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>控制台尚未构建</title>
<p>控制台尚未构建：请在项目目录运行 <code>npm run build</code> 后重启。</p>
<p lang="en">The console has not been built: run <code>npm run build</code> and restart.</p></html>`;

/**
 * The web console (web/, built into dist/web): its files under /static/ (content-hashed, cached for a
 * year), and its page (index.html, revalidated) at `/` and at every client route that no other route of
 * the app answers. The API's routes (/graphql, /graphiql, /health, /files/…, /templates/…,
 * /disclosure/…) are matched before this catch-all and are never shadowed by it.
 */
@Public()
@Controller()
export class ConsoleController {
  constructor(@Inject(CONSOLE_FILES) private readonly files: ConsoleFiles) {}

  @Get()
  root(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    this.page(req, reply);
  }

  @Get('*')
  any(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const urlPath = pathOf(req.url);
    if (urlPath === undefined) throw new NotFoundException();
    const file = this.files.get(urlPath);
    if (file && urlPath !== '/index.html') {
      send(req, reply, file, file.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
      return;
    }
    if (!isConsolePage(urlPath, req.headers.accept)) throw new NotFoundException();
    this.page(req, reply);
  }

  private page(req: FastifyRequest, reply: FastifyReply): void {
    const index = this.files.index();
    if (!index) {
      void reply.status(503).header('Content-Type', 'text/html; charset=utf-8').send(NOT_BUILT);
      return;
    }
    void reply
      .header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'same-origin');
    send(req, reply, index, 'no-cache');
  }
}

/** Sends a file with its ETag (304 when the client has it) and its gzip when the client accepts it. */
function send(req: FastifyRequest, reply: FastifyReply, file: ConsoleFile, cacheControl: string): void {
  void reply
    .header('Cache-Control', cacheControl)
    .header('ETag', file.etag)
    .header('Content-Type', file.type);
  if (file.gzip) void reply.header('Vary', 'Accept-Encoding');
  if (req.headers['if-none-match'] === file.etag) {
    void reply.status(304).send();
    return;
  }
  const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (file.gzip && acceptsGzip) {
    void reply.header('Content-Encoding', 'gzip').send(file.gzip);
    return;
  }
  void reply.send(file.body);
}

/** The decoded path of a request URL, or undefined when it cannot be decoded. */
function pathOf(url: string): string | undefined {
  try {
    return decodeURI(url.split('?')[0]);
  } catch {
    return undefined;
  }
}
