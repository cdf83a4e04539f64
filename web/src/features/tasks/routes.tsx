import { HomeOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';

export const taskRoutes: ConsoleRoute[] = [
  { path: '/', menu: { label: '首页', icon: <HomeOutlined />, order: 0 }, page: () => import('./HomePage') },
];
