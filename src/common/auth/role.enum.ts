import { registerEnumType } from '@nestjs/graphql';

/** The five roles of the product; each user is bound to one region of the matching level. */
export enum Role {
  VILLAGE_CLERK = 'VILLAGE_CLERK',
  TOWNSHIP_OFFICER = 'TOWNSHIP_OFFICER',
  DISTRICT_SUPERVISOR = 'DISTRICT_SUPERVISOR',
  AUDITOR = 'AUDITOR',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, { name: 'Role', description: 'What a user may do, and at which region level.' });

/** Roles whose scope is the whole district. */
export const DISTRICT_ROLES: readonly Role[] = [Role.DISTRICT_SUPERVISOR, Role.AUDITOR, Role.ADMIN];
