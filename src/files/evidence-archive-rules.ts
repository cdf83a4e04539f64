import { timeInChina } from '@/common/scalars';
import { EvidenceRef } from './evidence-ref';

/**
 * The pure parts of an evidence archive (`GET /files/archive`): which files a record's ledger entries
 * cite, the names the files get inside the ZIP, and its manifest (清单.csv).
 */

/** Every `{ fileId, sha256 }` anywhere in a ledger entry's document (states, details), in order, once each. */
export function citedEvidence(document: unknown): EvidenceRef[] {
  const found = new Map<string, EvidenceRef>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (value !== null && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.fileId === 'string' && typeof o.sha256 === 'string' && !found.has(o.fileId)) {
        found.set(o.fileId, { fileId: o.fileId, sha256: o.sha256 });
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(document);
  return [...found.values()];
}

/** A file's name inside the archive: unique (its id's first 8 characters before the name), no directories. */
export function archiveEntryName(file: { id: string; originalName: string }): string {
  // Stored names have no control characters already (file-rules); these are the ones ZIP tools refuse.
  const name = file.originalName.replace(/[\\/:*?"<>|]/g, '_').slice(0, 180) || 'file';
  return `证明材料/${file.id.slice(0, 8)}-${name}`;
}

/** One line of the manifest. */
export interface ManifestRow {
  id: string;
  entryName: string;
  originalName: string;
  mediaType: string;
  size: number;
  sha256: string;
  regionCode: string;
  createdAt: Date;
  /** Ledger entries (indexes) that cite the file with this SHA-256; empty in a region's archive. */
  citedBy: number[];
  /** False when a citing ledger entry names other bytes than the file row has. */
  matchesLedger: boolean;
}

export const csvField = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/**
 * 清单.csv: UTF-8 with a BOM (Excel and WPS open it as UTF-8), one row per file; the upload time in Beijing
 * time (`2026-03-02 14:05:09`), as the dossier's 账本记录.csv writes its times.
 */
export function manifestCsv(rows: readonly ManifestRow[]): Buffer {
  const header = [
    '文件编号',
    '包内路径',
    '原文件名',
    '类型',
    '字节数',
    'SHA-256',
    '所属区域',
    '上传时间（北京时间）',
    '引用的账本条目',
    '与账本一致',
  ];
  const lines = rows.map((r) =>
    [
      r.id,
      r.entryName,
      r.originalName,
      r.mediaType,
      String(r.size),
      r.sha256,
      r.regionCode,
      timeInChina(r.createdAt),
      r.citedBy.join(' '),
      r.matchesLedger ? '是' : '否',
    ]
      .map(csvField)
      .join(','),
  );
  return Buffer.from(`\ufeff${[header.join(','), ...lines].join('\r\n')}\r\n`, 'utf8');
}

/** Types already compressed: stored in the ZIP as they are (deflating them again only costs time). */
export function storedUncompressed(mediaType: string): boolean {
  return mediaType !== 'text/csv' && mediaType !== 'application/msword';
}
