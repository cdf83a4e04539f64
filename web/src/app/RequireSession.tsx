import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '@web/shared/auth/session';

/** Everything but the sign-in page needs a session: without one, go to /login and come back after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { signedIn, user } = useSession();
  const location = useLocation();
  if (!signedIn)
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (!user)
    return (
      <div className="center-screen">
        <Spin size="large" tip="正在加载…">
          <div style={{ width: 120, height: 80 }} />
        </Spin>
      </div>
    );
  return <>{children}</>;
}
