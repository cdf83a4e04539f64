/**
 * The checks of a slice's entries that depend on nothing but each entry's own row (leaf hash, document,
 * columns; past `deepFrom` also canonical form, and the signature to verify), made as soon as the slice
 * is read ({@link scanLedger} then reads the next slice on its other connection meanwhile). What they
 * found is kept per row, for {@link RangeVerifier.consume} to report in row order and fold into the tree.
 */
import { entriesOf } from './copy-rows';
import { checkEntry, EntryRow } from './entry-check';
import type { EntrySignatureCheck } from '../note/entry-signature';

export interface SliceCheckOptions {
  ledgerId: string;
  /** Entries at or above this index get the deep checks (canonical form, signature). */
  deepFrom: number;
}

/** A problem found in one row, `row` its position in the slice. */
export interface RowReport {
  row: number;
  index: number | null;
  kind: string;
  message: string;
}

/** What the checks of a slice's rows found, row by row in index order. */
export interface CheckedRows {
  /** Each row's index. */
  indices: number[];
  /** Each row's stored leaf hash. */
  stored: Buffer[];
  /** Each row's leaf hash recomputed from its bytes. */
  leaves: Buffer[];
  /** In row order, each row's in the order its checks made them. */
  reports: RowReport[];
  /** The entry signatures to verify (rows at or past `deepFrom`), in row order. */
  signatures: EntrySignatureCheck[];
}

/**
 * Checks every row (see {@link checkEntry}). The stored leaf hashes (and the few signatures to verify)
 * are copied out of the slice's bytes, so that those (9 MB a slice) can be collected as soon as the slice
 * is checked rather than after it is folded into the tree: verifyLedger 70–71 → 73–75 thousand entries a
 * second at 100,000 assets.
 */
export function checkRows(rows: Iterable<EntryRow>, options: SliceCheckOptions): CheckedRows {
  const shallow = { ledgerId: options.ledgerId, deep: false };
  const deep = { ledgerId: options.ledgerId, deep: true };
  const checked: CheckedRows = { indices: [], stored: [], leaves: [], reports: [], signatures: [] };
  const report = (index: number | null, kind: string, message: string): void => {
    checked.reports.push({ row: checked.indices.length, index, kind, message });
  };
  for (const entry of rows) {
    const leaf = checkEntry(
      entry.index,
      entry,
      entry.index >= options.deepFrom ? deep : shallow,
      report,
      checked.signatures,
    );
    checked.indices.push(entry.index);
    checked.stored.push(entry.leafHash);
    checked.leaves.push(leaf);
  }
  const copies = Buffer.allocUnsafe(32 * checked.stored.length);
  checked.stored = checked.stored.map((hash, i) => {
    if (hash.length !== 32) return Buffer.from(hash); // a damaged row's, compared as it is
    hash.copy(copies, 32 * i);
    return copies.subarray(32 * i, 32 * i + 32);
  });
  checked.signatures = checked.signatures.map((s) => ({ ...s, signature: Buffer.from(s.signature) }));
  return checked;
}

/** {@link checkRows} of the rows of a binary COPY of the entry columns, as the chunks it arrived in. */
export function checkSlice(entries: readonly Buffer[], options: SliceCheckOptions): CheckedRows {
  return checkRows(entriesOf(entries), options);
}
