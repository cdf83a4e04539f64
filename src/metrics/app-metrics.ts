import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { RequestContext } from '@/common/context';
import { APP_CONFIG, AppConfig } from '@/config';
import { DATA_SOURCE, TransactionalConnection } from '@/database';
import { Counter, Histogram, MetricsRegistry } from './metrics-registry';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * What `/metrics` reports: requests (rate and latency per route and status), GraphQL errors by code,
 * the ledger's size and the age of its last checkpoint, the database pool, the process. Counters live in
 * this process (one app instance); a scrape reads the gauges there and then.
 */
@Injectable()
export class AppMetrics {
  readonly registry = new MetricsRegistry();
  private readonly requests: Counter;
  private readonly latency: Histogram;
  private readonly graphqlErrors: Counter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly connection: TransactionalConnection,
  ) {
    this.requests = this.registry.counter(
      'asset_registry_http_requests_total',
      'HTTP requests answered, by method, route and status code.',
    );
    this.latency = this.registry.histogram(
      'asset_registry_http_request_duration_seconds',
      'Time to answer an HTTP request, by method and route.',
      LATENCY_BUCKETS,
    );
    this.graphqlErrors = this.registry.counter(
      'asset_registry_graphql_errors_total',
      'GraphQL errors sent, by extensions.code.',
    );
    this.registry.collect(() => this.ledgerGauges());
    this.registry.collect(async () => this.poolGauges());
    this.registry.collect(async () => [
      {
        name: 'asset_registry_process_resident_memory_bytes',
        help: 'Resident memory of the app process.',
        samples: [{ value: process.memoryUsage().rss }],
      },
      {
        name: 'asset_registry_process_uptime_seconds',
        help: 'Seconds since the app process started.',
        samples: [{ value: Math.round(process.uptime()) }],
      },
    ]);
  }

  /** Fastify `onResponse` hook: one request answered. */
  readonly onResponse = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const route = request.routeOptions.url ?? 'unmatched';
    this.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    this.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    const refused = (request as FastifyRequest & { graphqlRefusal?: string }).graphqlRefusal;
    if (refused) this.graphqlError(refused);
  };

  graphqlError(code: string): void {
    this.graphqlErrors.inc({ code });
  }

  private async ledgerGauges() {
    const ctx = RequestContext.system('metrics');
    const [row] = (await this.connection.getManager(ctx).query(
      `SELECT (SELECT coalesce(max(idx) + 1, 0) FROM ledger_entry WHERE ledger_id = $1) AS entries,
              (SELECT extract(epoch FROM now() - max(created_at)) FROM ledger_checkpoint WHERE ledger_id = $1)
                AS checkpoint_age,
              (SELECT max(tree_size) FROM ledger_checkpoint WHERE ledger_id = $1) AS checkpoint_size`,
      [this.config.ledger.districtCode],
    )) as Array<{ entries: string; checkpoint_age: string | null; checkpoint_size: string | null }>;
    return [
      {
        name: 'asset_registry_ledger_entries',
        help: 'Entries in the audit ledger (its tree size).',
        samples: [{ value: Number(row.entries) }],
      },
      {
        name: 'asset_registry_ledger_checkpoint_tree_size',
        help: 'Tree size of the latest signed checkpoint (0: none yet).',
        samples: [{ value: Number(row.checkpoint_size ?? 0) }],
      },
      {
        name: 'asset_registry_ledger_last_checkpoint_age_seconds',
        help: 'Seconds since the latest signed checkpoint (absent: none yet).',
        samples: row.checkpoint_age === null ? [] : [{ value: Math.round(Number(row.checkpoint_age)) }],
      },
    ];
  }

  private poolGauges() {
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    return [
      {
        name: 'asset_registry_db_pool_connections',
        help: 'Database connections of the app pool, by state (max: the configured size).',
        samples: [
          { labels: { state: 'total' }, value: pool?.totalCount ?? 0 },
          { labels: { state: 'idle' }, value: pool?.idleCount ?? 0 },
          { labels: { state: 'waiting' }, value: pool?.waitingCount ?? 0 },
          { labels: { state: 'max' }, value: this.config.database.poolSize },
        ],
      },
    ];
  }
}
