import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { GqlContextType } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { localeOf, localizeError } from '../i18n';
import { outageExtensions, toPublicError } from './error-mapping';
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
  SERVICE_UNAVAILABLE: 503,
};

/**
 * Errors of REST endpoints (uploads, downloads, exports) get the same codes as GraphQL errors, as
 * `{ error: { code, reason, message, fields } }`, the message in the caller's language (Chinese unless
 * `Accept-Language` prefers English). An outage is HTTP 503 with `Retry-After`. GraphQL errors pass through to Apollo's formatter.
 */
function messageOf(value: unknown): string {
  const message =
    typeof value === 'object' && value !== null ? (value as { message?: unknown }).message : value;
  return typeof message === 'string' ? message : 'error';
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    // GraphQL: hand the error back to Apollo's formatter. It must be an Error of this realm: graphql-js
    // takes anything else returned by a resolver for its value (an ECONNREFUSED made by Node's own
    // realm, as under a test runner's sandbox, or a thrown string), so such values are wrapped.
    if (host.getType<GqlContextType>() === 'graphql') {
      return exception instanceof Error ? exception : new Error(messageOf(exception), { cause: exception });
    }
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
    if (mapped.retryAfterSeconds !== undefined) {
      void reply.header('retry-after', String(mapped.retryAfterSeconds));
    }
    const localized = localizeError(mapped, locale);
    void reply.status(STATUS[mapped.code]).send({
      error: {
        code: mapped.code,
        reason: mapped.reason,
        message: localized.message,
        ...(localized.fields ? { fields: localized.fields } : {}),
        ...(localized.details ? { details: localized.details } : {}),
        ...outageExtensions(mapped),
        requestId: request.id,
      },
    });
    return;
  }
}
