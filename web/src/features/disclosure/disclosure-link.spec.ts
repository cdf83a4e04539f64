import { linkServes, linkStatus } from './disclosure-link';

describe('linkStatus', () => {
  // 2026-12-03 10:00 in China.
  const now = new Date('2026-12-03T02:00:00Z');
  const link = {
    publicityStart: '2026-12-03',
    publicityEnd: '2026-12-12',
    expiresAt: '2027-03-03T02:00:00Z',
    revokedAt: null,
  };

  it('reads the 公示期 in China time', () => {
    expect(linkStatus(link, now).label).toBe('公示中');
    expect(linkStatus({ ...link, publicityStart: '2026-12-04' }, now).label).toBe('待公示');
    expect(linkStatus({ ...link, publicityEnd: '2026-12-02' }, now).label).toBe('公示期满');
    // 2026-12-12 16:30 UTC is already the 13th in China: the 公示期 is over; an hour before, it is not.
    expect(linkStatus(link, new Date('2026-12-12T16:30:00Z')).label).toBe('公示期满');
    expect(linkStatus(link, new Date('2026-12-12T15:30:00Z')).label).toBe('公示中');
  });

  it('says 已撤销 and 已过期 before the 公示期, and only then does the link serve nothing', () => {
    expect(linkStatus({ ...link, revokedAt: '2026-12-03T01:00:00Z' }, now)).toEqual({
      label: '已撤销',
      tone: 'danger',
    });
    expect(linkStatus({ ...link, expiresAt: '2026-12-03T02:00:00Z' }, now).label).toBe('已过期');
    expect(linkServes(link, now)).toBe(true);
    expect(linkServes({ ...link, revokedAt: '2026-12-03T01:00:00Z' }, now)).toBe(false);
    expect(linkServes({ ...link, expiresAt: '2026-12-03T01:59:59Z' }, now)).toBe(false);
  });
});
