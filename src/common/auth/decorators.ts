import { SetMetadata } from '@nestjs/common';
import { Role } from './role.enum';

export const IS_PUBLIC = 'asset-registry:public';
export const ROLES = 'asset-registry:roles';

/** Marks a resolver or route as reachable without a token. Everything else requires one. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Restricts a resolver or route to these roles (region scope is still checked in the service). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);
