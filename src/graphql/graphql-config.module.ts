import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { Logger } from 'pino';
import { formatGraphqlError } from '@/common/errors';
import { DateTimeScalar, JsonScalar, LocalDateScalar, MoneyScalar } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import { apolloPlugins } from './apollo-plugins';
import { CostBudget } from './query-limits';
import { queryLimitsPlugin } from './query-limits.plugin';
import { errorMetricsPlugin } from './error-metrics.plugin';
import { AppMetrics } from '@/metrics/app-metrics';
import { GraphiqlController } from './graphiql.controller';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * GraphQL over Apollo Server on Fastify, code-first; the schema is built in memory (sorted) and
 * `npm run schema` prints it to `schema.gql`, which CI compares with the committed file.
 */
@Module({})
export class GraphqlConfigModule {
  static forRoot(logger: Logger) {
    return {
      module: GraphqlConfigModule,
      imports: [
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [APP_CONFIG, AppMetrics],
          useFactory: (config: AppConfig, metrics: AppMetrics): ApolloDriverConfig => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            introspection: true,
            playground: false,
            csrfPrevention: true,
            includeStacktraceInErrorResponses: false,
            context: ({ req }: { req: unknown }) => ({ req }),
            formatError: formatGraphqlError,
            // Compact JSON: Apollo indents every response by default, bytes no client reads.
            stringifyResult: (value: unknown) => JSON.stringify(value),
            plugins: [
              ...apolloPlugins(logger),
              queryLimitsPlugin(config, new CostBudget(config.graphql.budgetPerMinute)),
              errorMetricsPlugin(metrics),
            ],
            buildSchemaOptions: {
              numberScalarMode: 'integer',
              scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
            },
          }),
        }),
      ],
      providers: [MoneyScalar, JsonScalar, LocalDateScalar],
      controllers: [GraphiqlController],
    };
  }
}
