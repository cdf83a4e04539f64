import { formatDate, formatDateShort, formatDateTime, todayLocalDate } from './dates';

describe('dates', () => {
  it('shows a LocalDate long and short, never shifted by a time zone', () => {
    expect(formatDate('2026-11-30')).toBe('2026年11月30日');
    expect(formatDate('2026-01-05')).toBe('2026年1月5日');
    expect(formatDateShort('2026-11-30')).toBe('2026-11-30');
  });

  it('shows an instant in China Standard Time', () => {
    expect(formatDateTime('2026-11-29T16:30:00Z')).toBe('2026-11-30 00:30');
    expect(formatDate('2026-11-29T16:30:00Z')).toBe('2026年11月30日');
    expect(formatDateShort('2026-11-29T15:59:00Z')).toBe('2026-11-29');
  });

  it('shows a dash for no date and refuses garbage', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime(undefined)).toBe('—');
    expect(() => formatDateTime('yesterday')).toThrow();
  });

  it('knows today in Chongqing', () => {
    expect(todayLocalDate(new Date('2026-11-29T17:00:00Z'))).toBe('2026-11-30');
  });
});
