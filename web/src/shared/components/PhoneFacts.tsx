import { Grid } from 'antd';
import type { ReactNode } from 'react';

/**
 * True on a phone (narrower than antd's `md`, 768 px). Until the width is known, false: a desktop never
 * shows a phone's layout for a frame.
 */
export function useNarrow(): boolean {
  return Grid.useBreakpoint().md === false;
}

/**
 * A list's key facts (status, amount, date) under the link of its first column, on a phone only. A table
 * wider than a phone scrolls sideways inside its card, and a clerk would otherwise see a row's link and
 * nothing of what it says; wider screens show the same facts in their own columns.
 */
export function PhoneFacts({
  narrow,
  oneLine = false,
  fitColumn = false,
  children,
}: {
  narrow: boolean;
  /** On one line, however narrow the column: the column widens (for a column of short values, a date). */
  oneLine?: boolean;
  /**
   * Wrapped within the width the column's own values give it (a code), not widening it: for a table as
   * wide as its content (`scroll.x` max-content), where nothing else would make the facts wrap.
   */
  fitColumn?: boolean;
  children: ReactNode;
}) {
  if (!narrow) return null;
  const className = ['phone-facts', oneLine && 'one-line', fitColumn && 'fit-column']
    .filter(Boolean)
    .join(' ');
  return <div className={className}>{children}</div>;
}
