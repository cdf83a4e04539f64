import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, Role, ROLES } from '@/common/auth';
import { requestContextOf } from '@/common/context';
import { DomainError, ErrorCode } from '@/common/errors';
import { AuthService } from './auth.service';

interface HasHeaders {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Global guard: denies everything that is not marked {@link Public}; checks {@link Roles}. Region scope
 * is not decided here but in the services, against the rows they touch.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const ctx = requestContextOf(context);
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const token = this.bearer(ctx.httpRequest as HasHeaders | undefined);
    if (!ctx.user && token) ctx.user = await this.auth.authenticate(ctx, token);
    if (isPublic) return true;
    if (!ctx.user)
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in first: this requires an access token');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(ctx.user.role)) {
      throw new DomainError(ErrorCode.FORBIDDEN, `This requires one of the roles ${roles.join(', ')}`);
    }
    return true;
  }

  private bearer(req: HasHeaders | undefined): string | undefined {
    const header = req?.headers.authorization;
    if (typeof header !== 'string') return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError(ErrorCode.TOKEN_INVALID, 'Authorization must be "Bearer <token>"');
    return match[1];
  }
}
