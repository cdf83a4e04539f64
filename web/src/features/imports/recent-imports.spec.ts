import { mergeRecent, RECENT_LIMIT } from './recent-imports';

const job = (n: number, minute: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  fileName: `台账${n}.xlsx`,
  phase: 'SUCCEEDED' as const,
  createdAt: `2026-11-30T01:${String(minute).padStart(2, '0')}:00.000Z`,
});

describe('recent imports', () => {
  it('merges both kinds newest first, each with its kind', () => {
    const merged = mergeRecent([job(1, 10), job(2, 30)], [job(3, 20)]);
    expect(merged.map((r) => [r.kind, r.id.slice(-1)])).toEqual([
      ['assets', '2'],
      ['households', '3'],
      ['assets', '1'],
    ]);
  });

  it('keeps at most the limit', () => {
    const many = Array.from({ length: RECENT_LIMIT }, (_, i) => job(i, i));
    const merged = mergeRecent(
      many,
      many.map((j) => ({ ...j, createdAt: j.createdAt.replace('01:', '02:') })),
    );
    expect(merged).toHaveLength(RECENT_LIMIT);
    expect(merged.every((r) => r.kind === 'households')).toBe(true);
  });
});
