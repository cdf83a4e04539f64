import { Button, Result } from 'antd';
import { useEffect } from 'react';
import { useRouteError } from 'react-router';
import { PageContainer } from '@web/shared/components/PageContainer';

/**
 * What a page shows when it fails to render or to load (a defect, or a page's code that can no longer be
 * fetched after an update): a Chinese message and a way on, inside the console's frame (its menu stays),
 * instead of the router's English developer screen. What typed into the page is lost: the message says so.
 */
export function PageError() {
  const error = useRouteError();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <PageContainer title="页面出错了">
      <Result
        status="error"
        title="页面出错了"
        subTitle="本页未能正常显示，刚才填写但未提交的内容没有保存。请重新加载页面；如果问题仍然存在，请联系系统管理员。"
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            重新加载
          </Button>
        }
      />
    </PageContainer>
  );
}
