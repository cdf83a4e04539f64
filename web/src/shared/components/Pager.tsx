import { Button, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';

/**
 * Server-side paging with the API's cursors (`first`/`after`): the cursors of the pages seen so far, so
 * that 上一页 goes back without asking for an offset. `after` is the cursor of the current page.
 */
export function useCursorPages() {
  // Page n starts after cursors[n - 1] (page 1 after nothing).
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return {
    page: cursors.length,
    after: cursors[cursors.length - 1],
    next: useCallback(
      (endCursor: string | null | undefined) => setCursors((c) => [...c, endCursor ?? null]),
      [],
    ),
    previous: useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []),
    reset: useCallback(() => setCursors([null]), []),
  };
}

/** 共 N 项，第 p / n 页 with 上一页 and 下一页, under a table. */
export function Pager({
  total,
  pageSize,
  pages,
  pageInfo,
  busy,
}: {
  total: number;
  pageSize: number;
  pages: ReturnType<typeof useCursorPages>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
  busy?: boolean;
}) {
  const count = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label="翻页" className="pager">
      <Typography.Text>
        共 {total} 项，第 {pages.page} / {count} 页
      </Typography.Text>
      <Space>
        <Button disabled={pages.page <= 1 || busy} onClick={pages.previous}>
          上一页
        </Button>
        <Button disabled={!pageInfo?.hasNextPage || busy} onClick={() => pages.next(pageInfo?.endCursor)}>
          下一页
        </Button>
      </Space>
    </nav>
  );
}
