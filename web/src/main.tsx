import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
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

/** Ant Design's default greys for secondary text are too pale for WCAG AA contrast: darker ones here. */
const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1668dc',
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
  },
};
const client = createApiClient();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={THEME}>
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
