import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { GqlContextType } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { localeOf, localizeError } from '../i18n';
import { toPublicError } from './error-mapping';
import { GraphqlErrorCode } from './error-codes';

const STATUS: Record<GraphqlErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL_SERVER_ERROR: 500,
  QUERY_TOO_COMPLEX: 400,
  RATE_LIMITED: 429,
};

/**
 * Errors of REST endpoints (uploads, downloads, exports) get the same codes as GraphQL errors, as
 * `{ error: { code, reason, message, fields } }`, the message in the caller's language (Chinese unless
 * `Accept-Language` prefers English). GraphQL errors pass through to Apollo's formatter.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const locale = localeOf(request.headers['accept-language']);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code: GraphqlErrorCode =
        status === 404
          ? 'NOT_FOUND'
          : status === 401
            ? 'UNAUTHENTICATED'
            : status === 403
              ? 'FORBIDDEN'
              : status === 409
                ? 'CONFLICT'
                : status < 500
                  ? 'BAD_USER_INPUT'
                  : 'INTERNAL_SERVER_ERROR';
      const { message } = localizeError({ code, reason: 'HTTP', message: exception.message }, locale);
      void reply.status(status).send({ error: { code, reason: 'HTTP', message, requestId: request.id } });
      return;
    }
    const mapped = toPublicError(exception);
    if (mapped.unexpected) this.logger.error({ requestId: request.id, err: exception }, 'unexpected error');
    const localized = localizeError(mapped, locale);
    void reply.status(STATUS[mapped.code]).send({
      error: {
        code: mapped.code,
        reason: mapped.reason,
        message: localized.message,
        ...(localized.fields ? { fields: localized.fields } : {}),
        ...(mapped.details ? { details: mapped.details } : {}),
        requestId: request.id,
      },
    });
    return;
  }
}
