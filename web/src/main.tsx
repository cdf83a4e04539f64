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

/**
 * Ant Design's default blue, red and greys are too pale for WCAG AA contrast (4.5:1) on white: darker
 * ones here. Motion is off: nothing on a clerk's screen needs to move, and nothing fades under a test.
 */
const THEME: ThemeConfig = {
  token: {
    // Placeholders readable by everyone (WCAG AA contrast on white; the default is too pale).
    colorTextPlaceholder: '#6b6b6b',
    colorPrimary: '#0958d9',
    colorInfo: '#0958d9',
    colorLink: '#0958d9',
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorError: '#cf1322',
    colorWarning: '#ad4e00',
    colorSuccess: '#237804',
    motion: false,
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
  },
  components: {
    // An empty table's text (暂无…) is drawn in the disabled grey, too pale to read: the secondary one.
    Table: { colorTextDisabled: '#595959' },
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
