import { BarChartOutlined, CloudDownloadOutlined, CloudUploadOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';

/** Who imports (the village clerk and the township officer) and who exports the register and the income reports. */
const IMPORTERS = ['VILLAGE_CLERK', 'TOWNSHIP_OFFICER'] as const;
const EXPORTERS = ['VILLAGE_CLERK', 'TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR', 'AUDITOR'] as const;

export const importRoutes: ConsoleRoute[] = [
  {
    path: '/imports',
    roles: [...IMPORTERS],
    menu: { label: 'Excel 导入', icon: <CloudUploadOutlined />, order: 16 },
    page: () => import('./ImportsPage'),
  },
  { path: '/imports/:kind/:id', roles: [...IMPORTERS], page: () => import('./ImportJobPage') },
  {
    path: '/exports',
    roles: [...EXPORTERS],
    menu: { label: '导出台账', icon: <CloudDownloadOutlined />, order: 17 },
    page: () => import('./ExportPage'),
  },
  {
    path: '/reports',
    roles: [...EXPORTERS],
    menu: { label: '收益报表', icon: <BarChartOutlined />, order: 18 },
    page: () => import('./ReportsPage'),
  },
];
