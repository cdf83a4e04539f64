import { ApolloServerPlugin, BaseContext, HeaderMap } from '@apollo/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { bearerToken, tokenSubject } from '@/auth/access-token';
import { RequestContext } from '@/common/context';
import { DomainError, ErrorCode, toPublicError } from '@/common/errors';
import { SUGGESTION_EN, SUGGESTION_ZH } from '@/common/i18n';
import { AppConfig } from '@/config';
import { checkQueryShape, CostBudget, measureDocument, operationCost } from './query-limits';

interface ContextValue extends BaseContext {
  req?: FastifyRequest & { requestContext?: RequestContext };
}

const HTTP_STATUS: Record<string, number> = { QUERY_TOO_COMPLEX: 400, RATE_LIMITED: 429 };

/** Who asks, for budgets and for what anonymous callers may see. */
export function callerOf(
  req: { headers: Record<string, unknown>; ip?: string } | undefined,
  config: AppConfig,
): { key: string; signedIn: boolean } {
  const token = bearerToken(req?.headers.authorization);
  const subject = token ? tokenSubject(token, config.auth.jwtSecret, config.auth.tokenTtlSeconds) : undefined;
  return subject
    ? { key: `user:${subject}`, signedIn: true }
    : { key: `address:${req?.ip ?? '?'}`, signedIn: false };
}

/** The GraphQL error response for a refusal (the same shape Apollo's formatter gives every error). */
function errorBody(error: DomainError, requestId: string): Record<string, unknown> {
  const mapped = toPublicError(error);
  return {
    errors: [
      {
        message: mapped.message,
        extensions: {
          code: mapped.code,
          reason: mapped.reason,
          ...(mapped.details ? { details: mapped.details } : {}),
          requestId,
        },
      },
    ],
  };
}

/**
 * Fastify `preHandler` for `/graphql`: refuses a query whose text passes the shape limits (tokens,
 * depth, fields, aliases) before Apollo parses and validates it, so that a huge query costs the server
 * one bounded parse and nothing else.
 */
export function queryShapeHook(config: AppConfig) {
  const limits = config.graphql;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (request.routeOptions.url !== '/graphql') return;
    const payloads: unknown[] =
      request.method === 'GET'
        ? [request.query]
        : Array.isArray(request.body)
          ? (request.body as unknown[])
          : [request.body];
    for (const payload of payloads) {
      const query = (payload as { query?: unknown } | null | undefined)?.query;
      if (typeof query !== 'string') continue;
      const refusal = checkQueryShape(query, limits);
      if (refusal) {
        // Counted with the GraphQL errors by AppMetrics (this answer never reaches Apollo).
        (request as FastifyRequest & { graphqlRefusal?: string }).graphqlRefusal =
          toPublicError(refusal).code;
        await reply
          .status(HTTP_STATUS[toPublicError(refusal).code] ?? 400)
          .header('content-type', 'application/json; charset=utf-8')
          .send(errorBody(refusal, request.id));
        return reply;
      }
    }
  };
}

function refusal(error: DomainError, headers: Array<[string, string]> = []): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: {
      http: { status: HTTP_STATUS[toPublicError(error).code] ?? 400, headers: new HeaderMap(headers) },
    },
  });
}

/**
 * Apollo plugin, after validation and before execution: anonymous callers may not introspect (except
 * in development); the operation's cost must be within `maxCost` and within the caller's budget. Error
 * messages lose GraphQL's "Did you mean …?" suggestions (in either language) for anonymous callers (except in development),
 * so that the schema cannot be guessed field by field either.
 */
export function queryLimitsPlugin(config: AppConfig, budget: CostBudget): ApolloServerPlugin<ContextValue> {
  const { development, maxCost } = config.graphql;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation, request, schema }) {
          const caller = callerOf(contextValue.req, config);
          if (!caller.signedIn && !development && measureDocument(document).introspection) {
            throw refusal(
              new DomainError(
                ErrorCode.INTROSPECTION_DISABLED,
                'Sign in to read the schema (introspection is for signed-in callers)',
              ),
            );
          }
          if (!operation) return; // Apollo itself refuses a document without the operation asked for
          const cost = operationCost(
            schema,
            document,
            operation,
            request.variables,
            config.pagination.maxPageSize,
          );
          if (cost > maxCost) {
            throw refusal(
              new DomainError(
                ErrorCode.QUERY_TOO_COSTLY,
                `The query costs ${cost} units, more than the ${maxCost} one query may: ask for less at once`,
                { cost, maxCost },
              ),
            );
          }
          const taken = budget.take(caller.key, cost);
          if (!taken.ok) {
            throw refusal(
              new DomainError(
                ErrorCode.QUERY_BUDGET_EXHAUSTED,
                `Too many costly queries in the last minute: try again in ${taken.retryAfterSeconds} s`,
                { cost, retryAfterSeconds: taken.retryAfterSeconds },
              ),
              [['retry-after', String(taken.retryAfterSeconds)]],
            );
          }
        },
        async willSendResponse({ contextValue, response }) {
          if (development || response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          if (callerOf(contextValue.req, config).signedIn) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) => ({
            ...e,
            message: e.message.replace(SUGGESTION_EN, '').replace(SUGGESTION_ZH, ''),
          }));
        },
      };
    },
  };
}
