import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { usePageTitle } from '@web/shared/components/PageContainer';

export default function NotFoundPage() {
  usePageTitle('页面不存在');
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您打开的地址没有对应的页面。"
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}
