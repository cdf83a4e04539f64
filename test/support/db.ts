import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { createRootLogger } from '../../src/common/logging/logger';
import { loadConfig } from '../../src/config/app-config';

export { adminQuery, withDatabase } from './pg-admin';

/** Builds and initialises the real app for a set of environment variables (no listening port). */
export async function bootApp(env: Record<string, string>): Promise<NestFastifyApplication> {
  const config = loadConfig(env);
  const app = await createApp(config, createRootLogger(config.logLevel));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
