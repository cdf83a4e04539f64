/** The asset dossier's (资产档案) ledger list, pure: one CSV row per ledger entry of the asset and its records. */
import { timeInChina } from '@/common/scalars';
import { csvField } from '@/files/evidence-archive-rules';
import { ledgerActionLabel, ledgerEntityTypeLabel } from '@/ledger/ledger-labels';

export interface DossierLedgerEntry {
  idx: number;
  action: string;
  entityType: string;
  entityId: string;
  recordedAt: Date;
  leafHash: Buffer;
}

/**
 * 账本记录.csv: UTF-8 with a BOM, oldest first — the entry's index on the ledger, the action and the kind
 * of record it concerns in Chinese, each with its code beside it (what the ledger, its API and an
 * auditor's filters name), the record's id, the time (Beijing, `2026-03-02 14:05:09`) and the leaf hash
 * (hex) an auditor checks a proof against.
 */
export function dossierLedgerCsv(entries: readonly DossierLedgerEntry[]): Buffer {
  const header = [
    '序号',
    '账本条目序号',
    '操作',
    '操作代码',
    '记录类型',
    '记录类型代码',
    '记录编号',
    '记录时间（北京时间）',
    '叶哈希',
  ];
  const lines = entries.map((e, i) =>
    [
      String(i + 1),
      String(e.idx),
      ledgerActionLabel(e.action),
      e.action,
      ledgerEntityTypeLabel(e.entityType),
      e.entityType,
      e.entityId,
      timeInChina(e.recordedAt),
      e.leafHash.toString('hex'),
    ]
      .map(csvField)
      .join(','),
  );
  return Buffer.from(`\ufeff${[header.join(','), ...lines].join('\r\n')}\r\n`, 'utf8');
}
