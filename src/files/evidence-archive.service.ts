import { PassThrough } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { In } from 'typeorm';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { todayInChina } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import { TransactionalConnection } from '@/database';
import { RegionScopeService } from '@/auth/region-scope.service';
import { LedgerQueryService } from '@/ledger/ledger-query.service';
import { ContentStore } from './content-store';
import {
  archiveEntryName,
  citedEvidence,
  manifestCsv,
  ManifestRow,
  storedUncompressed,
} from './evidence-archive-rules';
import { EvidenceFile } from './evidence-file.entity';
import { isRegionCode, isUuid } from './file-rules';
import { archiverOf } from '@/common/libraries';

/** At most this many files in one archive: a whole district's evidence is asked for village by village. */
export const MAX_ARCHIVE_FILES = 5_000;

/** What `GET /files/archive` is asked for: a region's evidence, or one record's. */
export type ArchiveRequest = { regionCode: string } | { entityType: string; entityId: string };

/** The query string of `GET /files/archive`, checked: exactly one of the two forms. */
export function archiveRequestOf(query: Record<string, unknown>): ArchiveRequest {
  const text = (key: string): string | undefined =>
    typeof query[key] === 'string' && (query[key] as string) !== '' ? (query[key] as string) : undefined;
  const regionCode = text('regionCode');
  const entityType = text('entityType');
  const entityId = text('entityId');
  const fields: Array<{ field: string; message: string }> = [];
  if (regionCode !== undefined) {
    if (entityType !== undefined || entityId !== undefined) {
      fields.push({
        field: 'regionCode',
        message: 'give either regionCode or entityType and entityId, not both',
      });
    } else if (!isRegionCode(regionCode)) {
      fields.push({ field: 'regionCode', message: 'is not a region code' });
    } else {
      return { regionCode };
    }
  } else if (entityType === undefined || entityId === undefined) {
    fields.push({ field: 'regionCode', message: 'give regionCode, or entityType and entityId' });
  } else if (!/^[A-Za-z][A-Za-z0-9]{0,63}$/.test(entityType)) {
    fields.push({ field: 'entityType', message: 'is not a record type' });
  } else if (!/^[A-Za-z0-9._:-]{1,64}$/.test(entityId)) {
    fields.push({ field: 'entityId', message: 'is not a record id' });
  } else {
    return { entityType, entityId };
  }
  throw new DomainError(
    ErrorCode.VALIDATION_FAILED,
    fields.map((f) => `${f.field}: ${f.message}`).join('; '),
    { fields },
  );
}

/** One ledger entry of a record's archive: the record's own and those of the records about it. */
export interface ArchiveLedgerEntry {
  idx: number;
  action: string;
  entityType: string;
  entityId: string;
  recordedAt: Date;
  leafHash: Buffer;
  canonical: Buffer;
  regionCode: string | null;
}

/** What a caller adds to a record's archive (the asset dossier: its card and its ledger records). */
export interface ArchiveAdditions {
  /** The archive's name (with `.zip`, made by `exportFileName`), instead of 证明材料-….zip. */
  fileName?: string;
  /** Folder of the evidence files inside the ZIP (with 清单.csv), instead of the root. */
  evidenceFolder?: string;
  /** Entries written before the evidence, from the record's ledger entries (oldest first). */
  entries?: (ledger: readonly ArchiveLedgerEntry[]) => Array<{ name: string; content: Buffer | string }>;
}

/** A ledger entry citing a file, with the SHA-256 it cites. */
export interface EvidenceCitation {
  idx: number;
  sha256: string;
  entry: ArchiveLedgerEntry;
}

/** A file a record's entries cite, and those entries (oldest first). */
export interface CitedFile {
  file: EvidenceFile;
  citedBy: EvidenceCitation[];
}

/** An archive ready to stream: its name, its manifest rows and the ZIP stream itself. */
export interface EvidenceArchive {
  fileName: string;
  fileCount: number;
  stream: NodeJS.ReadableStream;
}

/**
 * Evidence archives (`GET /files/archive`): every evidence file of a region (the files uploaded for it
 * or below it), or every file a record's ledger entries cite — its own entries and those of the records
 * about it in its region (an asset's income, ownership, disposals, upkeep …) — as one ZIP with 清单.csv.
 * Each file is listed with its SHA-256 and the ledger entries citing it, so an auditor can check the
 * bytes against the ledger offline. Scope: a region outside the caller's is FORBIDDEN; a record outside
 * it is NOT_FOUND, as everywhere.
 */
@Injectable()
export class EvidenceArchiveService {
  private readonly logger = new Logger('EvidenceArchive');

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly scope: RegionScopeService,
    private readonly ledger: LedgerQueryService,
    private readonly store: ContentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async open(
    ctx: RequestContext,
    request: ArchiveRequest,
    additions: ArchiveAdditions = {},
  ): Promise<EvidenceArchive> {
    const user = ctx.currentUser;
    let files: EvidenceFile[];
    let entries: ArchiveLedgerEntry[] = [];
    const citations = new Map<string, EvidenceCitation[]>();
    let label: string;
    if ('regionCode' in request) {
      this.scope.assertRead(user, request.regionCode, `region ${request.regionCode}`);
      files = await this.connection
        .getRepository(ctx, EvidenceFile)
        .createQueryBuilder('f')
        .where('f.regionCode LIKE :prefix', { prefix: `${request.regionCode}%` })
        .orderBy('f.createdAt', 'ASC')
        .addOrderBy('f.id', 'ASC')
        .limit(MAX_ARCHIVE_FILES + 1)
        .getMany();
      label = request.regionCode;
    } else {
      const cited = await this.citedFiles(ctx, request.entityType, request.entityId);
      entries = cited.entries;
      for (const c of cited.files) citations.set(c.file.id, c.citedBy);
      files = cited.files.map((c) => c.file);
      label = `${request.entityType}-${request.entityId.slice(0, 8)}`;
    }
    if (files.length > MAX_ARCHIVE_FILES) {
      throw new DomainError(
        ErrorCode.EVIDENCE_ARCHIVE_TOO_LARGE,
        `more than ${MAX_ARCHIVE_FILES} files: ask for a smaller region`,
        { limit: MAX_ARCHIVE_FILES },
      );
    }
    for (const file of files) {
      const stored = await this.store.storedSize(file.sha256);
      if (stored !== file.size) {
        // The row is on the ledger but its bytes are gone or damaged: an operations problem.
        throw new Error(`content of file ${file.id} (${file.sha256}) is missing or damaged`);
      }
    }

    const manifest: ManifestRow[] = files.map((f) => {
      const cited = citations.get(f.id) ?? [];
      return {
        id: f.id,
        entryName: archiveEntryName(f),
        originalName: f.originalName,
        mediaType: f.mediaType,
        size: f.size,
        sha256: f.sha256,
        regionCode: f.regionCode,
        createdAt: f.createdAt,
        citedBy: cited.map((c) => c.idx),
        matchesLedger: cited.every((c) => c.sha256 === f.sha256),
      };
    });

    const zip = archiverOf()('zip', { zlib: { level: 6 } });
    const out = new PassThrough();
    zip.on('warning', (error) => this.logger.warn(`evidence archive: ${String(error)}`));
    zip.on('error', (error) => {
      this.logger.error(`evidence archive failed: ${String(error)}`);
      out.destroy(error);
    });
    zip.pipe(out);
    for (const extra of additions.entries?.(entries) ?? []) zip.append(extra.content, { name: extra.name });
    const folder = additions.evidenceFolder ? `${additions.evidenceFolder}/` : '';
    zip.append(manifestCsv(manifest), { name: `${folder}清单.csv` });
    files.forEach((file, i) => {
      zip.append(this.store.openRead(file.sha256), {
        name: `${folder}${manifest[i].entryName}`,
        date: file.createdAt,
        store: storedUncompressed(file.mediaType),
      });
    });
    void zip.finalize();
    return {
      fileName: additions.fileName ?? `证明材料-${label}-${todayInChina()}.zip`,
      fileCount: files.length,
      stream: out,
    };
  }

  /**
   * The evidence files a record's ledger entries cite, its own and those of the records about it (what
   * its archive holds): each readable file once, oldest upload first, with the entries citing it. A file
   * of a level the caller may not read is left out; a record outside the caller's scope is NOT_FOUND.
   */
  async citedFiles(
    ctx: RequestContext,
    entityType: string,
    entityId: string,
  ): Promise<{ entries: ArchiveLedgerEntry[]; files: CitedFile[] }> {
    const entries = await this.recordEntries(ctx, entityType, entityId);
    const citations = new Map<string, EvidenceCitation[]>();
    for (const entry of entries) {
      for (const ref of citedEvidence(JSON.parse(entry.canonical.toString('utf8')))) {
        const list = citations.get(ref.fileId) ?? [];
        list.push({ idx: entry.idx, sha256: ref.sha256, entry });
        citations.set(ref.fileId, list);
      }
    }
    const ids = [...citations.keys()].filter(isUuid);
    const rows = ids.length
      ? await this.connection.getRepository(ctx, EvidenceFile).findBy({ id: In(ids) })
      : [];
    const user = ctx.currentUser;
    const files = rows
      // A cited file the caller may not read (one of a higher level's) is left out, like anything out of scope.
      .filter((f) => this.scope.canRead(user, f.regionCode))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
      .map((file) => ({ file, citedBy: citations.get(file.id) ?? [] }));
    return { entries, files };
  }

  /**
   * The ledger entries of a record and of the records about it: its own history (which must exist and
   * be readable, else NOT_FOUND) and every entry of its region whose document names its id.
   */
  private async recordEntries(
    ctx: RequestContext,
    entityType: string,
    entityId: string,
  ): Promise<ArchiveLedgerEntry[]> {
    const manager = this.connection.getManager(ctx);
    const own: ArchiveLedgerEntry[] = await this.ledger.historyRows(manager, entityType, entityId);
    const user = ctx.currentUser;
    if (own.length === 0 || own.some((r) => !this.ledger.canRead(user, r))) {
      throw new DomainError(ErrorCode.NOT_FOUND, `Record ${entityType} ${entityId} was not found`);
    }
    const region = own[own.length - 1].regionCode;
    if (region === null) return own;
    const related: Array<{
      idx: string;
      action: string;
      entity_type: string;
      entity_id: string;
      recorded_at: Date;
      leaf_hash: Buffer;
      canonical: Buffer;
      region_code: string | null;
    }> = await manager.query(
      `SELECT idx, action, entity_type, entity_id, recorded_at, leaf_hash, canonical, region_code FROM ledger_entry
        WHERE ledger_id = $1 AND region_code = $2 AND NOT (entity_type = $3 AND entity_id = $4)
          AND position(convert_to($4, 'UTF8') in canonical) > 0
        ORDER BY idx`,
      [this.config.ledger.districtCode, region, entityType, entityId],
    );
    return [
      ...own,
      ...related.map((r) => ({
        idx: Number(r.idx),
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        recordedAt: r.recorded_at,
        leafHash: r.leaf_hash,
        canonical: r.canonical,
        regionCode: r.region_code,
      })),
    ].sort((a, b) => a.idx - b.idx);
  }
}
