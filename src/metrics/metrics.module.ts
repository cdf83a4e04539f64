import { Global, Module } from '@nestjs/common';
import { AppMetrics } from './app-metrics';

/** The app's metrics (served at /metrics by `installMetrics`). */
@Global()
@Module({ providers: [AppMetrics], exports: [AppMetrics] })
export class MetricsModule {}
