/** Shares of an ownership proposal in percent with at most two decimals ("33.34"), added up exactly. */
const SHARE = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/** Basis points of a share ("33.34" → 3334), or null when it is not a share. */
export function shareBasisPoints(text: string | undefined | null): number | null {
  const m = SHARE.exec((text ?? '').trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp > 0 && bp <= 10_000 ? bp : null;
}

/** "60" or "33.34": basis points as the percent people read. */
export function percentOf(bp: number): string {
  return bp % 100 === 0 ? String(bp / 100) : `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}
