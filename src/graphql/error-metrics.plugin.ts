import { ApolloServerPlugin } from '@apollo/server';
import { AppMetrics } from '@/metrics/app-metrics';

/** Counts every GraphQL error sent, by its `extensions.code` (asset_registry_graphql_errors_total). */
export function errorMetricsPlugin(metrics: AppMetrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            metrics.graphqlError(String(error.extensions?.code ?? 'UNKNOWN'));
          }
        },
      };
    },
  };
}
