import { EARLIER, flagsByMonth, wholeYuan } from './dashboard-figures';

describe('dashboard figures', () => {
  it('takes whole yuan for a chart axis', () => {
    expect(wholeYuan('12345.67')).toBe(12345);
    expect(wholeYuan('0.00')).toBe(0);
    expect(wholeYuan('-3.50')).toBe(-3);
    expect(() => wholeYuan('abc')).toThrow();
  });

  it('counts current flags by the month they began, per row, leaving out (and counting) what has no past start', () => {
    const flags = [
      {
        kind: 'ASSET_IDLE',
        records: [
          { regionCode: '500101151201', since: '2026-03-04' },
          { regionCode: '500101151202', since: '2026-03-20' },
          { regionCode: '500101153201', since: '2026-05-01' },
          { regionCode: '500101999201', since: '2026-05-01' }, // no row: not counted at all
          { regionCode: '500101151201', since: null }, // no start
        ],
      },
      // What is coming: an agreement maturing, a contract ending after today.
      { kind: 'EQUITY_MATURING', records: [{ regionCode: '500101151201', since: '2027-01-01' }] },
      { kind: 'CONTRACT_ENDING_NO_RENEWAL', records: [{ regionCode: '500101153201', since: '2027-02-01' }] },
      // A contract that ended today is today's.
      { kind: 'CONTRACT_ENDING_NO_RENEWAL', records: [{ regionCode: '500101153201', since: '2026-12-03' }] },
    ];
    const { months, counts, undated } = flagsByMonth(flags, ['500101151', '500101153'], '2026-12-03');
    expect(months).toEqual(['2026-03', '2026-05', '2026-12']);
    expect(counts.get('500101151')?.get('2026-03')).toBe(2);
    expect(counts.get('500101153')?.get('2026-05')).toBe(1);
    expect(counts.get('500101153')?.get('2026-12')).toBe(1);
    expect(counts.get('500101151')?.get('2026-05')).toBeUndefined();
    expect(undated).toBe(3);
  });

  it('puts months beyond the last few under 更早', () => {
    const flags = [
      {
        kind: 'ASSET_IDLE',
        records: ['2025-01-01', '2025-06-01', '2026-01-01', '2026-02-01'].map((since) => ({
          regionCode: '500101151201',
          since,
        })),
      },
    ];
    const { months, counts } = flagsByMonth(flags, ['500101151'], '2026-12-03', 2);
    expect(months).toEqual([EARLIER, '2026-01', '2026-02']);
    expect(counts.get('500101151')?.get(EARLIER)).toBe(2);
  });
});
