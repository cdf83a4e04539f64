import type { FastifyReply, FastifyRequest } from 'fastify';
import { localeOf, localizeError } from '@/common/i18n';

interface RefusalError {
  message?: unknown;
  extensions?: { code?: unknown; reason?: unknown; requestId?: unknown; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * Fastify `onSend` for `/graphql`: what Apollo Server refuses before a GraphQL request starts (an empty
 * body, a request blocked as CSRF, `variables` sent as a string, a batch, an `accept` header without
 * JSON …) never reaches the plugins that localise an answer (apollo-plugins.ts), so its message would
 * stay English and carry no request id. Such an answer is said here in the caller's language, as every
 * other refusal is, with the request id; `extensions.code` and `reason` stay as they are. Answers that
 * went through the plugins (they carry a request id) and every successful answer pass untouched.
 */
export function localizeHttpRefusals() {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    if (reply.statusCode < 400 || typeof payload !== 'string' || request.routeOptions.url !== '/graphql')
      return payload;
    let body: { errors?: unknown };
    try {
      body = JSON.parse(payload) as { errors?: unknown };
    } catch {
      return payload;
    }
    if (!Array.isArray(body.errors)) return payload;
    const errors = body.errors as RefusalError[];
    if (errors.every((e) => e?.extensions?.requestId !== undefined)) return payload;
    const locale = localeOf(request.headers['accept-language']);
    body.errors = errors.map((e) => {
      if (e?.extensions?.requestId !== undefined || typeof e?.message !== 'string') return e;
      const ext = e.extensions ?? {};
      const { message } = localizeError(
        {
          code: String(ext.code ?? 'INTERNAL_SERVER_ERROR'),
          reason: typeof ext.reason === 'string' ? ext.reason : undefined,
          message: e.message,
        },
        locale,
      );
      return { ...e, message, extensions: { ...ext, requestId: request.id } };
    });
    return JSON.stringify(body);
  };
}
