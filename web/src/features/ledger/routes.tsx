import { AuditOutlined, SafetyCertificateOutlined, EyeOutlined } from '@ant-design/icons';
import type { ConsoleRoute } from '@web/app/console-route';

export const ledgerRoutes: ConsoleRoute[] = [
  {
    path: '/ledger',
    roles: ['AUDITOR', 'DISTRICT_SUPERVISOR', 'ADMIN'],
    menu: { label: '审计账本', icon: <AuditOutlined />, order: 60 },
    page: () => import('./LedgerExplorerPage'),
  },
  {
    path: '/ledger/witness',
    roles: ['TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR'],
    menu: { label: '本机见证', icon: <SafetyCertificateOutlined />, order: 61 },
    page: () => import('./MyWitnessPage'),
  },
  {
    path: '/ledger/witnesses',
    roles: ['ADMIN', 'DISTRICT_SUPERVISOR', 'AUDITOR'],
    menu: { label: '见证人', icon: <EyeOutlined />, order: 62 },
    page: () => import('./WitnessesPage'),
  },
];
