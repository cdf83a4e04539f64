import { parseRecent, RECENT_LIMIT, withRecent, type RecentImport } from './recent-imports';

const job = (n: number, kind: RecentImport['kind'] = 'assets'): RecentImport => ({
  kind,
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  fileName: `台账${n}.xlsx`,
  startedAt: '2026-11-30T01:00:00.000Z',
});

describe('recent imports', () => {
  it('puts the newest first, once, and keeps at most the limit', () => {
    let list: RecentImport[] = [];
    for (let n = 0; n < RECENT_LIMIT + 5; n++) list = withRecent(list, job(n));
    expect(list).toHaveLength(RECENT_LIMIT);
    expect(list[0]).toEqual(job(RECENT_LIMIT + 4));
    list = withRecent(list, job(RECENT_LIMIT + 1));
    expect(list[0]).toEqual(job(RECENT_LIMIT + 1));
    expect(list.filter((r) => r.id === job(RECENT_LIMIT + 1).id)).toHaveLength(1);
  });

  it('keeps an asset and a household import of the same id apart', () => {
    expect(withRecent([job(1, 'assets')], job(1, 'households'))).toHaveLength(2);
  });

  it('reads back only well-formed entries', () => {
    expect(parseRecent(null)).toEqual([]);
    expect(parseRecent('not json')).toEqual([]);
    expect(parseRecent('{"kind":"assets"}')).toEqual([]);
    const text = JSON.stringify([job(1), { ...job(2), kind: 'users' }, { ...job(3), id: '../x' }, 7]);
    expect(parseRecent(text)).toEqual([job(1)]);
  });
});
