import { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { Logger } from 'pino';
import { RequestContext } from '@/common/context';
import { OUTAGE_RETRY_AFTER_SECONDS, toPublicError } from '@/common/errors';
import { localeOf, localizeError } from '@/common/i18n';
import { graphiqlHtml } from './graphiql';

/**
 * The codes Apollo gives a request it refused before running it (it could not be parsed, asked for a
 * field that does not exist, gave a variable of the wrong type …): the caller's mistake, answered as
 * such, never a crash of ours.
 */
const REQUEST_ERROR_CODES: ReadonlySet<unknown> = new Set([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.BAD_REQUEST,
]);

/** Whether an error of a GraphQL response is logged as an unexpected error (a crash to look into). */
export function isUnexpected(error: GraphQLError): boolean {
  if (!error.originalError || REQUEST_ERROR_CODES.has(error.extensions?.code)) return false;
  return toPublicError(error.originalError).unexpected;
}

interface ContextValue extends BaseContext {
  req?: { requestContext?: RequestContext; headers?: Record<string, string | string[] | undefined> };
}

/**
 * - GET /graphql from a browser shows the self-hosted GraphiQL instead of Apollo's CDN landing page;
 * - unexpected errors are logged with the request id (expected ones are not logged as crashes);
 * - every error carries the request id, so a user can quote it;
 * - a response with a retryable error (an outage) carries `Retry-After`;
 * - error messages are in the caller's language (Chinese unless `Accept-Language` prefers English),
 *   fields named in Chinese; `extensions.code` and `reason` stay as they are;
 * - no cache-control plugin (it instruments every field of every response; the API sends no hints).
 */
export function apolloPlugins(logger: Logger): ApolloServerPlugin<ContextValue>[] {
  return [
    // No @cacheControl hints are used; the default plugin would wrap every field resolver to collect them.
    ApolloServerPluginCacheControlDisabled(),
    {
      async serverWillStart() {
        return {
          async renderLandingPage() {
            return { html: graphiqlHtml('/graphql') };
          },
        };
      },
    },
    {
      async requestDidStart() {
        return {
          async didEncounterErrors({ contextValue, errors, operationName }) {
            const requestId = contextValue.req?.requestContext?.requestId;
            for (const error of errors) {
              if (isUnexpected(error)) {
                logger.error(
                  { requestId, operationName, path: error.path, err: error.originalError },
                  'unexpected error',
                );
              }
            }
          },
          async willSendResponse({ contextValue, response }) {
            const requestId = contextValue.req?.requestContext?.requestId;
            if (response.body.kind === 'single' && response.body.singleResult.errors) {
              // An outage: tell HTTP clients when to retry, as REST does with its 503.
              const retry = response.body.singleResult.errors.find((e) => e.extensions?.retryable === true);
              if (retry) response.http.headers.set('retry-after', String(OUTAGE_RETRY_AFTER_SECONDS));
              const locale = localeOf(contextValue.req?.headers?.['accept-language']);
              response.body.singleResult.errors = response.body.singleResult.errors.map((e) => {
                const ext = e.extensions ?? {};
                const localized = localizeError(
                  {
                    code: String(ext.code ?? 'INTERNAL_SERVER_ERROR'),
                    reason: typeof ext.reason === 'string' ? ext.reason : undefined,
                    message: e.message,
                    fields: ext.fields as Array<{ field: string; message: string }> | undefined,
                    details: ext.details as Record<string, unknown> | undefined,
                  },
                  locale,
                );
                return {
                  ...e,
                  message: localized.message,
                  extensions: {
                    ...ext,
                    ...(localized.fields ? { fields: localized.fields } : {}),
                    ...(localized.details ? { details: localized.details } : {}),
                    requestId,
                  },
                };
              });
            }
          },
        };
      },
    },
  ];
}
