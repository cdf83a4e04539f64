import { Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@/config';
import { DATA_SOURCE } from '@/database';
import { CheckpointService } from './checkpoint.service';
import { EvidenceService } from './evidence.service';
import { LedgerAlarmService } from './ledger-alarm.service';
import { LedgerFlagsService } from './ledger-flags.service';
import { LedgerKeyService } from './ledger-key.service';
import { LedgerQueryService } from './ledger-query.service';
import { LedgerSubjectRegistry } from './ledger-subject.registry';
import { LedgerVerificationService } from './ledger-verification.service';
import { LedgerResolver } from './ledger.resolver';
import { LedgerService } from './ledger.service';
import { DemoWitnesses } from './witness/demo-witnesses';
import { WitnessController } from './witness/witness.controller';
import { CheckpointWitnessingResolver, WitnessResolver } from './witness/witness.resolver';
import { WitnessService } from './witness/witness.service';
import { VerificationRunResolver } from './verification-run/verification-run.resolver';
import { VerificationRunService } from './verification-run/verification-run.service';

@Global()
@Module({
  controllers: [WitnessController],
  providers: [
    LedgerKeyService,
    LedgerSubjectRegistry,
    LedgerService,
    LedgerAlarmService,
    LedgerFlagsService,
    CheckpointService,
    LedgerQueryService,
    LedgerVerificationService,
    EvidenceService,
    LedgerResolver,
    VerificationRunService,
    VerificationRunResolver,
    WitnessService,
    WitnessResolver,
    CheckpointWitnessingResolver,
    DemoWitnesses,
  ],
  exports: [
    LedgerService,
    LedgerSubjectRegistry,
    LedgerQueryService,
    CheckpointService,
    LedgerVerificationService,
    LedgerAlarmService,
    LedgerFlagsService,
    WitnessService,
    DemoWitnesses,
  ],
})
export class LedgerModule implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /** The district's ledger row exists before anything appends (insert-only, so never updated). */
  async onModuleInit(): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ledger (id, origin) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT "PK_ledger" DO NOTHING`,
      [this.config.ledger.districtCode, this.config.ledger.origin],
    );
  }
}
