import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { createApiClient } from '@web/shared/api/client';
import { SessionProvider } from '@web/shared/auth/session';
import { router } from './app/router';
import './app/console.css';

dayjs.locale('zh-cn');
const client = createApiClient();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#1668dc' } }}
    >
      <AntApp>
        <UrqlProvider value={client}>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </UrqlProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
