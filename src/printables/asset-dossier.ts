/** The asset dossier's (资产档案) ledger list, pure: one CSV row per ledger entry of the asset and its records. */
import { csvField } from '@/files/evidence-archive-rules';

export interface DossierLedgerEntry {
  idx: number;
  action: string;
  entityType: string;
  entityId: string;
  recordedAt: Date;
  leafHash: Buffer;
}

/** China time, to the second: `2026-03-02 14:05:09`. */
function chinaTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * 账本记录.csv: UTF-8 with a BOM, oldest first — the entry's index on the ledger, the action, the
 * record it concerns, the time (China) and the leaf hash (hex) an auditor checks a proof against.
 */
export function dossierLedgerCsv(entries: readonly DossierLedgerEntry[]): Buffer {
  const header = ['序号', '账本条目序号', '操作', '记录类型', '记录编号', '记录时间（北京时间）', '叶哈希'];
  const lines = entries.map((e, i) =>
    [
      String(i + 1),
      String(e.idx),
      e.action,
      e.entityType,
      e.entityId,
      chinaTime(e.recordedAt),
      e.leafHash.toString('hex'),
    ]
      .map(csvField)
      .join(','),
  );
  return Buffer.from(`\ufeff${[header.join(','), ...lines].join('\r\n')}\r\n`, 'utf8');
}
