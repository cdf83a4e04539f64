import type { ReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { EntityManager, In } from 'typeorm';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { encodingOf, TextEncoding } from '@/common/text/text-encoding';
import { APP_CONFIG, AppConfig } from '@/config';
import { LockSpace, lockInTransaction, TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
import { LedgerAction } from '@/ledger/ledger-actions';
import { Json, toLedgerJson } from '@/ledger/ledger-subject';
import { LedgerSubjectRegistry } from '@/ledger/ledger-subject.registry';
import { LedgerService } from '@/ledger/ledger.service';
import { Region } from '@/regions/region.entity';
import { ContentStore, ReceivedContent } from './content-store';
import { EvidenceFile } from './evidence-file.entity';
import { EvidenceRef, evidenceRefs } from './evidence-ref';
import { ExportFileName, fileServesRegion, isRegionCode, isUuid } from './file-rules';
import { EXTENSIONS, judgeType, MediaType } from './media-type';
import { FILE_FIELD, generatedTooLarge, readUploadForm, REGION_FIELD, tooLarge } from './multipart-upload';
import { workbookProblem } from './workbook-package';

export const EVIDENCE_FILE_SUBJECT = 'EvidenceFile';

/** A file that {@link FilesService.requireFiles} accepted. */
export interface RequiredFile {
  id: string;
  sha256: string;
  name: string;
  mediaType: string;
}

/** The answer of `POST /files`. */
export interface UploadedFile {
  id: string;
  sha256: string;
  size: number;
  mediaType: string;
  name: string;
  regionCode: string;
}

/** The ledger state of an evidence file: exactly its row. */
export function evidenceFileState(file: EvidenceFile): Json {
  return toLedgerJson({
    id: file.id,
    sha256: file.sha256,
    size: file.size,
    mediaType: file.mediaType,
    originalName: file.originalName,
    regionCode: file.regionCode,
    uploadedBy: file.uploadedBy,
    createdAt: file.createdAt,
  });
}

/** Serialises, across app processes, the placement and the removal of one content (by SHA-256). */

@Injectable()
export class FilesService implements OnModuleInit {
  private readonly logger = new Logger('FilesService');

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly scope: RegionScopeService,
    private readonly ledger: LedgerService,
    private readonly subjects: LedgerSubjectRegistry,
    private readonly store: ContentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subjects.register({
      entityType: EVIDENCE_FILE_SUBJECT,
      load: async (manager, ids) => {
        const rows = await manager.getRepository(EvidenceFile).findBy({ id: In(ids) });
        return new Map(rows.map((f) => [f.id, evidenceFileState(f)]));
      },
      keyset: { entity: EvidenceFile },
      regionOf: (state) => (state as { regionCode: string }).regionCode,
    });
  }

  /**
   * `POST /files`: stores one uploaded file for the caller's region (or the `regionCode` field, which
   * the caller must be allowed to write to) and records it on the ledger. The content's type is
   * detected from its bytes. Whatever fails, nothing is left behind: no temporary file, no content, no
   * row, no ledger entry.
   */
  async upload(ctx: RequestContext, request: FastifyRequest): Promise<UploadedFile> {
    const user = ctx.currentUser;
    if (!this.scope.canWrite(user, user.regionCode)) {
      throw new DomainError(ErrorCode.FORBIDDEN, `The role ${user.role} may not upload files`);
    }
    const form = await readUploadForm(request, this.store, (field, value) =>
      this.checkUploadRegion(ctx, value, field),
    );
    const upload = form.upload;
    if (!upload) {
      throw new DomainError(ErrorCode.FILE_MISSING, `${FILE_FIELD}: no file was sent`, {
        fields: [{ field: FILE_FIELD, message: `send the file as the multipart field "${FILE_FIELD}"` }],
      });
    }
    const content = upload.content;
    try {
      if (upload.truncated || content.tooLarge) throw tooLarge(this.config.files.maxBytes);
      if (content.size === 0) {
        throw new DomainError(ErrorCode.FILE_EMPTY, `${FILE_FIELD}: the file is empty`, {
          fields: [{ field: FILE_FIELD, message: 'is empty' }],
        });
      }
      const verdict = judgeType(
        content.sniffer.detect(upload.fileName),
        upload.declaredType,
        upload.fileName,
        this.config.files.allowedTypes,
      );
      if (!verdict.ok) {
        throw new DomainError(
          verdict.problem === 'NOT_ALLOWED' ? ErrorCode.FILE_TYPE_NOT_ALLOWED : ErrorCode.FILE_TYPE_MISMATCH,
          `${FILE_FIELD}: ${verdict.message}`,
          { fields: [{ field: FILE_FIELD, message: verdict.message }] },
        );
      }
      if (verdict.mediaType === MediaType.XLSX) {
        // A ZIP named .xlsx (or any Office package) must really be a workbook.
        const problem = await workbookProblem(content.tempPath);
        if (problem) {
          const message = `not an Excel workbook: ${problem}`;
          throw new DomainError(ErrorCode.FILE_NOT_A_WORKBOOK, `${FILE_FIELD}: ${message}`, {
            fields: [{ field: FILE_FIELD, message }],
          });
        }
      }
      const regionCode = form.regionCode ?? user.regionCode;
      if (form.regionCode === undefined) await this.checkUploadRegion(ctx, regionCode, REGION_FIELD);
      const file = await this.storeAndRecord(ctx, content, {
        sha256: content.sha256,
        size: content.size,
        mediaType: verdict.mediaType,
        originalName: upload.fileName || `evidence${EXTENSIONS[verdict.mediaType][0]}`,
        regionCode,
        uploadedBy: user.id,
      });
      return {
        id: file.id,
        sha256: file.sha256,
        size: file.size,
        mediaType: file.mediaType,
        name: file.originalName,
        regionCode: file.regionCode,
      };
    } finally {
      // Moved into place or not, the temporary file goes (a no-op once it was renamed).
      await this.store.discard(content.tempPath);
    }
  }

  /** A file the caller may read, or NOT_FOUND (missing or out of scope alike, see getInScope). */
  async findReadable(ctx: RequestContext, id: string): Promise<EvidenceFile> {
    const file = isUuid(id) ? await this.connection.getRepository(ctx, EvidenceFile).findOneBy({ id }) : null;
    return this.scope.getInScope(ctx.currentUser, file, (f) => f.regionCode, {
      what: 'File',
      id,
      code: ErrorCode.FILE_NOT_FOUND,
    });
  }

  /**
   * A stored CSV's encoding, for its Content-Type: UTF-8, or GB18030 for one saved as GBK by Excel or WPS
   * on a Chinese Windows (the upload accepts both; the bytes are kept as they came).
   */
  async csvEncoding(file: EvidenceFile): Promise<TextEncoding> {
    return encodingOf(await readFile(this.store.pathOf(file.sha256)));
  }

  /** `GET /files/:id`: the row and a stream of its content (scope checked). */
  async openForDownload(
    ctx: RequestContext,
    id: string,
  ): Promise<{ file: EvidenceFile; stream: ReadStream }> {
    const file = await this.findReadable(ctx, id);
    const storedSize = await this.store.storedSize(file.sha256);
    if (storedSize !== file.size) {
      // The row is on the ledger but its bytes are gone or damaged: an operations problem, not the caller's.
      throw new Error(
        `content of file ${file.id} (${file.sha256}) is ${storedSize === undefined ? 'missing' : `${storedSize} bytes instead of ${file.size}`}`,
      );
    }
    return { file, stream: this.store.openRead(file.sha256) };
  }

  /**
   * For other features' mutations: the files a record cites as evidence. Every id must be a file the
   * caller may read (else BAD_USER_INPUT `FILE_REFERENCE_INVALID` naming `field`: a file out of scope is
   * "no such file", like a missing one), and belong to `regionCode`, one of its ancestors or one of its
   * descendants (else BAD_USER_INPUT `FILE_REGION_MISMATCH`; see `fileServesRegion`). Returns the files in the order of
   * `ids`; put `evidenceRefs(files)` into the ledger entry's details.
   */
  async requireFiles(
    ctx: RequestContext,
    ids: readonly string[],
    field: string,
    regionCode: string,
  ): Promise<RequiredFile[]> {
    if (ids.length === 0) return [];
    const malformed = ids.filter((id) => !isUuid(id));
    if (malformed.length > 0) throw this.referenceError(field, 'not a file id', malformed);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (duplicates.length > 0) throw this.referenceError(field, 'listed more than once', duplicates);

    const rows = await this.connection.getRepository(ctx, EvidenceFile).findBy({ id: In([...ids]) });
    const byId = new Map(rows.map((f) => [f.id.toLowerCase(), f]));
    // A file outside the caller's region is "no such file", like a missing one.
    const user = ctx.currentUser;
    const files = ids
      .map((id) => byId.get(id.toLowerCase()))
      .map((f) => (f && this.scope.canRead(user, f.regionCode) ? f : undefined));
    const missing = ids.filter((_id, i) => files[i] === undefined);
    if (missing.length > 0) throw this.referenceError(field, 'no such file', missing);
    const found = files as EvidenceFile[];
    const elsewhere = found.filter((f) => !fileServesRegion(f.regionCode, regionCode));
    if (elsewhere.length > 0) {
      const message =
        `belongs to another branch of the region tree than ${regionCode}: ` +
        elsewhere.map((f) => `${f.id} (${f.regionCode})`).join(', ');
      throw new DomainError(ErrorCode.FILE_REGION_MISMATCH, `${field}: ${message}`, {
        fields: [{ field, message }],
      });
    }
    return found.map((f) => ({ id: f.id, sha256: f.sha256, name: f.originalName, mediaType: f.mediaType }));
  }

  /** {@link requireFiles} as the evidence a record keeps (none when `ids` is empty or absent). */
  async requireEvidence(
    ctx: RequestContext,
    ids: readonly string[] | undefined,
    field: string,
    regionCode: string,
  ): Promise<EvidenceRef[]> {
    return ids?.length ? evidenceRefs(await this.requireFiles(ctx, ids, field, regionCode)) : [];
  }

  /**
   * Stores a file the server made for the caller (an export) like an upload: content-addressed, one
   * row for `regionCode` (which the caller may read), FILE_UPLOADED on the ledger. Joins the caller's
   * transaction when one is open. Over the size limit it is FILE_TOO_LARGE, said of `narrowBy`, the
   * argument that chose what went into the file (see generatedTooLarge), or of the file itself when
   * nothing chose it (a document the seed writes).
   */
  async storeGenerated(
    ctx: RequestContext,
    bytes: Buffer,
    fileName: ExportFileName,
    regionCode: string,
    narrowBy?: string,
  ): Promise<UploadedFile> {
    const user = ctx.currentUser;
    this.scope.assertRead(user, regionCode, `region ${regionCode}`);
    const content = await this.store.receive(Readable.from([bytes]), new AbortController().signal);
    try {
      if (content.tooLarge) {
        const max = this.config.files.maxBytes;
        throw narrowBy ? generatedTooLarge(bytes.length, max, narrowBy) : tooLarge(max);
      }
      const verdict = judgeType(
        content.sniffer.detect(fileName),
        undefined,
        fileName,
        this.config.files.allowedTypes,
      );
      if (!verdict.ok) throw new Error(`generated file ${fileName}: ${verdict.message}`);
      const file = await this.storeAndRecord(ctx, content, {
        sha256: content.sha256,
        size: content.size,
        mediaType: verdict.mediaType,
        originalName: fileName,
        regionCode,
        uploadedBy: user.id,
      });
      return {
        id: file.id,
        sha256: file.sha256,
        size: file.size,
        mediaType: file.mediaType,
        name: file.originalName,
        regionCode: file.regionCode,
      };
    } finally {
      await this.store.discard(content.tempPath);
    }
  }

  /** Temporary files of uploads in progress (operations and tests). */
  temporaryFiles(): Promise<string[]> {
    return this.store.temporaryFiles();
  }

  private referenceError(field: string, problem: string, ids: string[]): DomainError {
    const message = `${problem}: ${ids.join(', ')}`;
    return new DomainError(ErrorCode.FILE_REFERENCE_INVALID, `${field}: ${message}`, {
      fields: [{ field, message }],
    });
  }

  /** The region an upload is for: a code, that the caller may write to, that exists. */
  private async checkUploadRegion(ctx: RequestContext, code: string, field: string): Promise<void> {
    if (!isRegionCode(code)) {
      throw new DomainError(
        ErrorCode.FILE_UPLOAD_INVALID,
        `${field}: must be a 6, 9 or 12-digit region code`,
        {
          fields: [{ field, message: 'must be a 6, 9 or 12-digit region code' }],
        },
      );
    }
    this.scope.assertWrite(ctx.currentUser, code, `region ${code}`);
    if (!(await this.connection.getRepository(ctx, Region).existsBy({ code }))) {
      throw new DomainError(ErrorCode.FILE_UPLOAD_INVALID, `${field}: region ${code} does not exist`, {
        fields: [{ field, message: 'no such region' }],
      });
    }
  }

  /**
   * One transaction: under a lock on the content's hash, moves the upload into place (or drops it if
   * the content is already stored), inserts the row and records FILE_UPLOADED. If the transaction
   * fails after this call stored new content, the content is removed again unless a row (of a
   * concurrent upload of the same bytes) now refers to it.
   */
  private async storeAndRecord(
    ctx: RequestContext,
    content: ReceivedContent,
    row: Omit<EvidenceFile, 'id' | 'createdAt' | 'region' | 'uploader'>,
  ): Promise<EvidenceFile> {
    let created = false;
    try {
      return await this.connection.withTransaction(ctx, async (manager) => {
        await this.lockContent(manager, content.sha256);
        created = await this.store.place(content);
        const repo = this.connection.getRepository(ctx, EvidenceFile);
        const inserted = await repo.insert(row);
        const id = (inserted.identifiers[0] as { id: string }).id;
        const file = await repo.findOneByOrFail({ id });
        this.ledger.record(ctx, {
          action: LedgerAction.FILE_UPLOADED,
          entityType: EVIDENCE_FILE_SUBJECT,
          entityId: file.id,
        });
        return file;
      });
    } catch (error) {
      if (created) {
        await this.removeIfUnreferenced(ctx, content.sha256).catch((cleanupError: unknown) =>
          this.logger.error(
            { requestId: ctx.requestId, err: cleanupError, sha256: content.sha256 },
            'could not remove the content of a failed upload',
          ),
        );
      }
      throw error;
    }
  }

  private async removeIfUnreferenced(ctx: RequestContext, sha256: string): Promise<void> {
    await this.connection.withTransaction(ctx, async (manager) => {
      await this.lockContent(manager, sha256);
      const used = await manager.getRepository(EvidenceFile).existsBy({ sha256 });
      if (!used) await this.store.remove(sha256);
    });
  }

  private async lockContent(manager: EntityManager, sha256: string): Promise<void> {
    await lockInTransaction(manager, LockSpace.EVIDENCE_CONTENT, sha256);
  }
}
