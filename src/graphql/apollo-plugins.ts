import { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { Logger } from 'pino';
import { RequestContext } from '@/common/context';
import { OUTAGE_RETRY_AFTER_SECONDS, toPublicError } from '@/common/errors';
import { graphiqlHtml } from './graphiql';

interface ContextValue extends BaseContext {
  req?: { requestContext?: RequestContext };
}

/**
 * - GET /graphql from a browser shows the self-hosted GraphiQL instead of Apollo's CDN landing page;
 * - unexpected errors are logged with the request id (expected ones are not logged as crashes);
 * - every error carries the request id, so a user can quote it;
 * - a response with a retryable error (an outage) carries `Retry-After`;
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
              const original = error.originalError ?? error;
              if (error.originalError && toPublicError(original).unexpected) {
                logger.error(
                  { requestId, operationName, path: error.path, err: original },
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
              response.body.singleResult.errors = response.body.singleResult.errors.map((e) => ({
                ...e,
                extensions: { ...e.extensions, requestId },
              }));
            }
          },
        };
      },
    },
  ];
}
