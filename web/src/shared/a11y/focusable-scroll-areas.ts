import { useEffect, type RefObject } from 'react';

/** The scroll containers of Ant Design's tables (`scroll={{ x }}` and `scroll={{ y }}`). */
const SCROLL_AREAS = '.ant-table-content, .ant-table-body';

/**
 * Makes every table scroll area under `root` reachable from the keyboard: a region in the tab order with
 * a Chinese name, so that someone without a mouse or a touch screen can scroll a wide table on a phone
 * (WCAG 2.1.1; axe's scrollable-region-focusable). Ant Design gives its scroll containers no tabindex
 * and no prop to set one, so this marks them as tables appear (one observer for the whole console
 * rather than a wrapper around each of its tables). The table's caption, when it has one, names it.
 */
export function useFocusableScrollAreas(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    const mark = () => {
      for (const area of element.querySelectorAll<HTMLElement>(SCROLL_AREAS)) {
        if (area.dataset.scrollArea) continue;
        // A table without `scroll` has a content box that never scrolls: no tab stop for it.
        const { overflowX, overflowY } = getComputedStyle(area);
        if (![overflowX, overflowY].some((o) => o === 'auto' || o === 'scroll')) continue;
        area.dataset.scrollArea = 'marked';
        const caption = area.querySelector('caption')?.textContent?.trim();
        area.tabIndex = 0;
        area.setAttribute('role', 'region');
        area.setAttribute('aria-label', caption ? `${caption}（表格，可滚动）` : '表格（可滚动）');
        area.classList.add('scroll-area');
      }
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(element, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [root]);
}
