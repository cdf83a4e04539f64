import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, MoreThanOrEqual } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@/config';
import { DATA_SOURCE } from '@/database';
import { LedgerAlarm } from './ledger.entity';

/** How long a ledger alarm stays a red flag. */
export const LEDGER_ALARM_DAYS = 30;

export interface LedgerAlarmInput {
  kind: string;
  message: string;
  firstIndex: number | null;
  treeSize: number | null;
}

/**
 * What the ledger refused to sign, recorded outside the refused transaction (so the record survives its
 * rollback) and read by supervision as a red flag. A refusal repeated with the same reason while the
 * previous alarm is still fresh (one hour) is not recorded again.
 */
@Injectable()
export class LedgerAlarmService {
  private readonly logger = new Logger('LedgerAlarmService');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  private get ledgerId(): string {
    return this.config.ledger.districtCode;
  }

  async raise(alarm: LedgerAlarmInput): Promise<void> {
    this.logger.error({ alarm }, `ledger alarm ${alarm.kind}: ${alarm.message}`);
    try {
      await this.dataSource.query(
        `INSERT INTO ledger_alarm (ledger_id, kind, message, first_index, tree_size)
         SELECT $1::varchar, $2::varchar, $3::text, $4::bigint, $5::bigint
          WHERE NOT EXISTS (SELECT 1 FROM ledger_alarm WHERE ledger_id = $1 AND kind = $2 AND message = $3
                              AND raised_at > now() - interval '1 hour')`,
        [
          this.ledgerId,
          alarm.kind,
          alarm.message,
          alarm.firstIndex === null ? null : String(alarm.firstIndex),
          alarm.treeSize === null ? null : String(alarm.treeSize),
        ],
      );
    } catch (error) {
      this.logger.error({ err: error }, 'could not record the ledger alarm');
    }
  }

  /** Alarms raised in the last `days` days, newest first. */
  recent(manager: EntityManager, days = LEDGER_ALARM_DAYS): Promise<LedgerAlarm[]> {
    return manager.getRepository(LedgerAlarm).find({
      where: { ledgerId: this.ledgerId, raisedAt: MoreThanOrEqual(new Date(Date.now() - days * 86_400_000)) },
      order: { raisedAt: 'DESC', id: 'DESC' },
      take: 1000,
    });
  }
}
