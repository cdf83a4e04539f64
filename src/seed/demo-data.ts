import { Role } from '@/common/auth';

/**
 * Demo villages. Their 12-digit codes follow the statistical code pattern of the townships they belong
 * to, but they are illustrations, not the official village list.
 */
export const DEMO_VILLAGES: Array<{ code: string; name: string; parentCode: string }> = [
  { code: '500101151201', name: '梧桐村', parentCode: '500101151' },
  { code: '500101151202', name: '玉合村', parentCode: '500101151' },
  { code: '500101151203', name: '凤鸣村', parentCode: '500101151' },
  { code: '500101153201', name: '大坪村', parentCode: '500101153' },
  { code: '500101153202', name: '用坪村', parentCode: '500101153' },
  { code: '500101157201', name: '三坪村', parentCode: '500101157' },
];

export const DEMO_USERS: Array<{ username: string; displayName: string; role: Role; regionCode: string }> = [
  { username: 'admin', displayName: '系统管理员', role: Role.ADMIN, regionCode: '500101' },
  { username: 'auditor', displayName: '区审计员 王审', role: Role.AUDITOR, regionCode: '500101' },
  {
    username: 'district',
    displayName: '区乡村振兴局 李督',
    role: Role.DISTRICT_SUPERVISOR,
    regionCode: '500101',
  },
  { username: 'longju', displayName: '龙驹镇 陈干事', role: Role.TOWNSHIP_OFFICER, regionCode: '500101151' },
  { username: 'luotian', displayName: '罗田镇 周干事', role: Role.TOWNSHIP_OFFICER, regionCode: '500101153' },
  { username: 'wutong', displayName: '梧桐村 张会计', role: Role.VILLAGE_CLERK, regionCode: '500101151201' },
  { username: 'yuhe', displayName: '玉合村 刘会计', role: Role.VILLAGE_CLERK, regionCode: '500101151202' },
  { username: 'daping', displayName: '大坪村 黄会计', role: Role.VILLAGE_CLERK, regionCode: '500101153201' },
];
