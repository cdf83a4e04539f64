import { registerLabelledEnum } from '@/common/i18n/enum-labels';

/** The five roles of the product; each user is bound to one region of the matching level. */
export enum Role {
  VILLAGE_CLERK = 'VILLAGE_CLERK',
  TOWNSHIP_OFFICER = 'TOWNSHIP_OFFICER',
  DISTRICT_SUPERVISOR = 'DISTRICT_SUPERVISOR',
  AUDITOR = 'AUDITOR',
  ADMIN = 'ADMIN',
}

registerLabelledEnum(Role, {
  name: 'Role',
  description: 'What a user may do, and at which region level.',
  labels: {
    ADMIN: '系统管理员',
    AUDITOR: '审计人员',
    DISTRICT_SUPERVISOR: '区级监管',
    TOWNSHIP_OFFICER: '乡镇干部',
    VILLAGE_CLERK: '村级经办',
  },
});

/** Roles whose scope is the whole district. */
export const DISTRICT_ROLES: readonly Role[] = [Role.DISTRICT_SUPERVISOR, Role.AUDITOR, Role.ADMIN];
