import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { Logger } from 'pino';
import { RequestContext } from '@/common/context';
import { NestPinoLogger } from '@/common/logging/logger';
import { AppValidationPipe } from '@/common/validation/app-validation.pipe';
import { AppConfig } from '@/config';
import { localizeHttpRefusals } from '@/graphql/http-refusals';
import { queryShapeHook } from '@/graphql/query-limits.plugin';
import { installMetrics } from '@/metrics/metrics-http';
import { AppModule } from './app.module';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Builds the Nest application (Fastify) for a validated config: used by main.ts and by the e2e tests. */
export async function createApp(config: AppConfig, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: config.trustProxy,
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', async (req: FastifyRequest & { requestContext?: RequestContext }, reply) => {
    req.requestContext = new RequestContext(req.id, undefined, req.ip, req);
    void reply.header('x-request-id', req.id);
  });
  fastify.addHook('preHandler', queryShapeHook(config));
  fastify.addHook('onSend', localizeHttpRefusals());
  await fastify.register(multipart, { limits: { fileSize: config.files.maxBytes, files: 1, fields: 10 } });

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger), adapter, {
    logger: new NestPinoLogger(logger.child({ component: 'nest' })),
    abortOnError: false,
  });
  app.useGlobalPipes(new AppValidationPipe());
  installMetrics(fastify, app, config);
  return app;
}
