import { Result } from 'antd';
import type { ReactNode } from 'react';
import type { Role } from '@web/gql/enums';
import { usePageTitle } from '@web/shared/components/PageContainer';
import { useSession } from '@web/shared/auth/session';

/** Shows the page only to the roles given; others read why they cannot. */
export function RoleGate({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { user } = useSession();
  const allowed = !roles || (user !== null && roles.includes(user.role));
  return allowed ? <>{children}</> : <Forbidden />;
}

function Forbidden() {
  usePageTitle('无权访问');
  return <Result status="403" title="无权访问" subTitle="您的角色不能打开此页面。" />;
}
