import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

/** One file of the built console, ready to send. */
export interface ConsoleFile {
  body: Buffer;
  /** The gzip of the body, for clients that accept it (text files only). */
  gzip?: Buffer;
  type: string;
  etag: string;
  /** Content-hashed name (static/…): cached for a year, never revalidated. */
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt']);

/** The folder vite writes hashed files into (web/vite.config.mts: build.assetsDir). */
export const STATIC_DIR = 'static';

/**
 * The files of the built console (dist/web), read once at boot into memory (a few MB) with their gzip
 * and ETag. Only these files are ever served: a request path is looked up in the map, never joined to
 * a file-system path, so nothing outside the build can be reached.
 */
export class ConsoleFiles {
  private constructor(
    readonly dir: string,
    private readonly files: Map<string, ConsoleFile>,
  ) {}

  static load(dir: string): ConsoleFiles {
    const files = new Map<string, ConsoleFile>();
    if (fs.existsSync(path.join(dir, 'index.html'))) {
      for (const relative of walk(dir)) {
        if (relative.startsWith('.vite/')) continue; // the build manifest
        const ext = path.extname(relative).toLowerCase();
        const body = fs.readFileSync(path.join(dir, relative));
        files.set(`/${relative}`, {
          body,
          gzip: COMPRESSIBLE.has(ext) && body.length > 512 ? gzipSync(body, { level: 9 }) : undefined,
          type: TYPES[ext] ?? 'application/octet-stream',
          etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
          immutable: relative.startsWith(`${STATIC_DIR}/`),
        });
      }
    }
    return new ConsoleFiles(dir, files);
  }

  /** Whether the console was built (index.html found). */
  get built(): boolean {
    return this.files.has('/index.html');
  }

  get(urlPath: string): ConsoleFile | undefined {
    return this.files.get(urlPath);
  }

  index(): ConsoleFile | undefined {
    return this.files.get('/index.html');
  }
}

function* walk(root: string, prefix = ''): Generator<string> {
  for (const entry of fs.readdirSync(path.join(root, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* walk(root, relative);
    else if (entry.isFile()) yield relative;
  }
}
