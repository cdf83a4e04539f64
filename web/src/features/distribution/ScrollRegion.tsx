import type { ReactNode } from 'react';

/**
 * A table that may be wider than a phone scrolls inside this region, which the keyboard can reach
 * (focusable, named) so that its hidden columns are not out of reach.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      {children}
    </div>
  );
}

/** The text of an empty table, in a colour that can be read (Ant Design's default is too pale). */
export function EmptyText({ children }: { children: ReactNode }) {
  return <span style={{ color: '#595959' }}>{children}</span>;
}
