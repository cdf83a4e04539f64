import type { SessionUser } from '@web/shared/auth/session';

/** Who reads the projects (项目): those who read the register. */
export const PROJECT_READERS = [
  'VILLAGE_CLERK',
  'TOWNSHIP_OFFICER',
  'DISTRICT_SUPERVISOR',
  'AUDITOR',
] as const;
/**
 * Who registers a project (登记项目): everyone who writes in a region (the API's rule; an auditor never
 * writes). A clerk registers the projects of the village, an officer those of the township or one of its
 * villages, a district supervisor any.
 */
export const PROJECT_WRITERS = ['VILLAGE_CLERK', 'TOWNSHIP_OFFICER', 'DISTRICT_SUPERVISOR'] as const;

export function mayRegisterProject(user: SessionUser | null): boolean {
  return user !== null && (PROJECT_WRITERS as readonly string[]).includes(user.role);
}

/** A project of `regionCode` may be changed by a writer of that region or a region above it. */
export function mayChangeProject(user: SessionUser | null, regionCode: string): boolean {
  return mayRegisterProject(user) && regionCode.startsWith(user!.regionCode);
}
