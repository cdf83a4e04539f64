import type { Tone } from '@web/shared/components/StatusTag';
import { todayLocalDate } from '@web/shared/format/dates';

/** What a published disclosure's row needs to say where its link stands. */
export interface LinkDates {
  publicityStart: string;
  publicityEnd: string;
  expiresAt: string;
  revokedAt?: string | null;
}

/**
 * Where a link stands: 已撤销 (its page says so), 已过期 (past its validity), else by its 公示期:
 * 待公示 (not begun), 公示中, 公示期满 (over; the page can still be read until the link expires).
 */
export function linkStatus(link: LinkDates, now: Date = new Date()): { label: string; tone: Tone } {
  if (link.revokedAt) return { label: '已撤销', tone: 'danger' };
  if (Date.parse(link.expiresAt) <= now.getTime()) return { label: '已过期', tone: 'neutral' };
  const today = todayLocalDate(now);
  if (today < link.publicityStart) return { label: '待公示', tone: 'info' };
  if (today <= link.publicityEnd) return { label: '公示中', tone: 'success' };
  return { label: '公示期满', tone: 'neutral' };
}

/** The link serves its page: neither revoked nor expired. */
export const linkServes = (link: LinkDates, now: Date = new Date()): boolean =>
  !link.revokedAt && Date.parse(link.expiresAt) > now.getTime();
