import { useEffect, useRef, type ReactNode } from 'react';

/**
 * Makes the horizontally scrolling body of the tables inside it reachable by keyboard (focusable, named):
 * on a phone a table of amounts and dates scrolls sideways, and a scroll region nobody can focus is
 * out of reach for keyboard users (axe: scrollable-region-focusable). Ant Design renders that body
 * itself, so it is found by its class name after each render.
 */
export function KeyboardScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    for (const el of ref.current?.querySelectorAll<HTMLElement>('.ant-table-content') ?? []) {
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', label);
    }
  });
  return <div ref={ref}>{children}</div>;
}
