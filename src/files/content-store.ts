import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, ReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@/config';
import { contentRelativePath } from './file-rules';
import { ContentSniffer } from './media-type';

/** An upload written to a temporary file, hashed and sniffed on the way. */
export interface ReceivedContent {
  tempPath: string;
  sha256: string;
  /** Bytes received (those beyond `maxBytes` are counted but not written). */
  size: number;
  /** More than `maxBytes` arrived. */
  tooLarge: boolean;
  sniffer: ContentSniffer;
}

/** Temporary files older than this are leftovers of a crash and are removed at start. */
const STALE_TEMP_MS = 24 * 3600 * 1000;

/**
 * Content-addressed storage of evidence bytes under `config.files.dir`:
 *   tmp/<uuid>.part           an upload in progress (same file system, so the final rename is atomic)
 *   sha256/ab/<sha256>        the content, once per SHA-256, never changed
 * Several metadata rows may point to one content. Nothing here touches the database.
 */
@Injectable()
export class ContentStore implements OnModuleInit {
  private readonly logger = new Logger('ContentStore');
  private readonly root: string;
  private readonly tmpDir: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.root = config.files.dir;
    this.tmpDir = path.join(this.root, 'tmp');
  }

  async onModuleInit(): Promise<void> {
    await mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
    await mkdir(path.join(this.root, 'sha256'), { recursive: true, mode: 0o700 });
    await this.removeStaleTemps();
  }

  get maxBytes(): number {
    return this.config.files.maxBytes;
  }

  pathOf(sha256: string): string {
    return path.join(this.root, ...contentRelativePath(sha256).split('/'));
  }

  /**
   * Streams `source` into a new temporary file while hashing, counting and sniffing it. Resolves when
   * the source ended and the bytes are on disk (fsync); on any failure (the source errors or closes
   * early, `signal` aborts, the disk fails) the temporary file is removed and the promise rejects.
   *
   * The source is never destroyed by this function (a destroyed multipart file stream would stall the
   * parser): after a local failure it is drained instead.
   */
  async receive(source: Readable, signal: AbortSignal): Promise<ReceivedContent> {
    const tempPath = path.join(this.tmpDir, `${randomUUID()}.part`);
    const handle = await open(tempPath, 'wx', 0o600);
    const hash = createHash('sha256');
    const sniffer = new ContentSniffer();
    const maxBytes = this.maxBytes;
    let size = 0;
    let writeError: unknown;
    let closed = false;
    try {
      await new Promise<void>((resolve, reject) => {
        let settled = false;
        const settle = (error?: unknown): void => {
          if (settled) return;
          settled = true;
          source.off('error', onError);
          source.off('close', onClose);
          signal.removeEventListener('abort', onAbort);
          if (error === undefined) resolve();
          else reject(error instanceof Error ? error : new Error(String(error)));
        };
        const onError = (error: unknown): void => settle(error);
        const onClose = (): void => {
          if (!source.readableEnded) settle(new Error('the upload ended before the file was complete'));
        };
        const onAbort = (): void => settle(new Error('the client went away during the upload'));
        const sink = new Writable({
          highWaterMark: 1024 * 1024,
          write: (chunk: Buffer, _encoding, callback) => {
            size += chunk.length;
            if (size > maxBytes || writeError !== undefined || settled) {
              callback(); // keep draining, write nothing
              return;
            }
            hash.update(chunk);
            sniffer.update(chunk);
            writeAll(handle, chunk).then(
              () => callback(),
              (error: unknown) => {
                writeError = error;
                callback();
              },
            );
          },
        });
        sink.on('finish', () => settle(writeError));
        source.on('error', onError);
        source.on('close', onClose);
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort);
        source.pipe(sink);
      });
      if (size <= maxBytes) await handle.sync();
      await handle.close();
      closed = true;
      return { tempPath, sha256: hash.digest('hex'), size, tooLarge: size > maxBytes, sniffer };
    } catch (error) {
      if (!closed) await handle.close().catch(() => undefined);
      await this.discard(tempPath);
      throw error;
    }
  }

  /** Removes a temporary file (idempotent). */
  async discard(tempPath: string): Promise<void> {
    await unlink(tempPath).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') this.logger.warn({ err: error, tempPath }, 'could not remove a temp file');
    });
  }

  /**
   * Moves a received upload into place. If the content is already stored (same SHA-256, same size), the
   * temporary file is deleted instead. Returns whether this call created the stored content. The caller
   * serialises calls for one SHA-256 (a database advisory lock).
   */
  async place(received: ReceivedContent): Promise<boolean> {
    const target = this.pathOf(received.sha256);
    try {
      const existing = await stat(target).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      if (existing && existing.size === received.size) {
        await this.discard(received.tempPath);
        return false;
      }
      if (existing) {
        this.logger.error(
          { sha256: received.sha256, storedSize: existing.size, size: received.size },
          'stored content has the wrong size: replacing it with the verified upload',
        );
      }
      const dir = path.dirname(target);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await rename(received.tempPath, target);
      await syncDirectory(dir);
      return existing === undefined;
    } catch (error) {
      await this.discard(received.tempPath);
      throw error;
    }
  }

  /** Deletes stored content (only when no row refers to it: the caller checks, under the same lock). */
  async remove(sha256: string): Promise<void> {
    await unlink(this.pathOf(sha256)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  /** Size on disk of stored content, or undefined if it is missing. */
  async storedSize(sha256: string): Promise<number | undefined> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  openRead(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }

  /** Temporary files of uploads in progress (for tests and operations). */
  async temporaryFiles(): Promise<string[]> {
    return (await readdir(this.tmpDir).catch(() => [] as string[])).filter((f) => f.endsWith('.part'));
  }

  private async removeStaleTemps(): Promise<void> {
    const now = Date.now();
    for (const name of await this.temporaryFiles()) {
      const file = path.join(this.tmpDir, name);
      try {
        // Other app processes may share the directory: only files nobody has written to for a day go.
        if (now - (await stat(file)).mtimeMs > STALE_TEMP_MS) await unlink(file);
      } catch {
        // raced with another process: fine
      }
    }
  }
}

async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset, null);
    offset += bytesWritten;
  }
}

/** fsync of a directory, so that a rename survives a crash (best effort: not every platform allows it). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // not supported here (e.g. Windows): the rename is still atomic
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
