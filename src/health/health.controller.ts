import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '@/common/auth';
import { DATA_SOURCE } from '@/database';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: { status: 'up' | 'down'; latencyMs?: number; serverVersion?: string; error?: string };
  uptimeSeconds: number;
}

@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** 200 with the database's state when it answers; 503 with the same shape when it does not. */
  @Get()
  async health(@Res() reply: FastifyReply): Promise<void> {
    const started = process.hrtime.bigint();
    let report: HealthReport;
    try {
      const rows: Array<{ version: string }> = await this.dataSource.query('SHOW server_version');
      report = {
        status: 'ok',
        database: {
          status: 'up',
          latencyMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
          serverVersion: rows[0]?.version,
        },
        uptimeSeconds: Math.round(process.uptime()),
      };
    } catch {
      report = {
        status: 'degraded',
        database: { status: 'down', error: 'the database does not answer' },
        uptimeSeconds: Math.round(process.uptime()),
      };
    }
    void reply.status(report.status === 'ok' ? 200 : 503).send(report);
  }
}
