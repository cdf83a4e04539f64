import { Flex, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';

export const APP_TITLE = '扶贫项目资产管理系统';

/** Sets the browser tab's title: "<page> - 扶贫项目资产管理系统". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} - ${APP_TITLE}` : APP_TITLE;
  }, [title]);
}

/**
 * Every page of the console sits in one: its Chinese title (the tab's title and the page's only h1),
 * the actions on the right, then the content.
 */
export function PageContainer({
  title,
  extra,
  children,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  usePageTitle(title);
  return (
    <div className="page">
      <Flex className="page-header" justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} className="page-title">
          {title}
        </Typography.Title>
        {extra ? <div>{extra}</div> : null}
      </Flex>
      {children}
    </div>
  );
}
