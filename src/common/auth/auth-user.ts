import { Role } from './role.enum';

/** The signed-in user as every service sees it (from the verified token and the user row). */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  regionCode: string;
}
