import { timingSafeEqual } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@/config';
import { AppMetrics } from './app-metrics';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * May this request read /metrics? With METRICS_TOKEN set: only with `Authorization: Bearer <token>`
 * (from anywhere, as Prometheus sends it). Without: only from this machine (a loopback client address;
 * behind a reverse proxy, with TRUST_PROXY, the address of the client the proxy forwards).
 */
export function metricsAccess(request: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const given = /^Bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? ''))?.[1] ?? '';
    const [a, b] = [Buffer.from(given), Buffer.from(token)];
    return a.length === b.length && timingSafeEqual(a, b);
  }
  return LOOPBACK.test(request.ip);
}

/**
 * `GET /metrics` (Prometheus text format) and the hook that counts every answered request. A plain
 * Fastify route, outside the app's sign-in (its own access rule above); called by createApp before
 * the app initialises, so the hook sees every route.
 */
export function installMetrics(
  fastify: FastifyInstance,
  app: INestApplicationContext,
  config: AppConfig,
): void {
  const metrics = app.get(AppMetrics);
  fastify.addHook('onResponse', metrics.onResponse);
  fastify.get('/metrics', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!metricsAccess(request, config.metrics.token)) {
      return reply.status(403).send({
        error: {
          code: 'FORBIDDEN',
          reason: 'METRICS_FORBIDDEN',
          message: config.metrics.token
            ? '/metrics needs Authorization: Bearer <METRICS_TOKEN>'
            : '/metrics answers only on this machine (or set METRICS_TOKEN)',
          requestId: request.id,
        },
      });
    }
    return reply
      .header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(await metrics.registry.exposition());
  });
}
