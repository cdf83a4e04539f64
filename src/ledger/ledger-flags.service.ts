import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { daysBetween, todayInChina } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import { LEDGER_ALARM_DAYS, LedgerAlarmService } from './ledger-alarm.service';

/** A red flag record as supervision lists it (the shape of its RedFlagRecord). */
export interface LedgerFlagRecord {
  entityType: string;
  entityId: string;
  code: string;
  name: string;
  regionCode: string;
  since: string | null;
  days: number | null;
  amount: null;
}

/** The ledger's red flags, by kind; supervision lists them beside its own. */
export type LedgerFlagKind = 'LEDGER_INTEGRITY';

/**
 * Red flags about the ledger itself. They concern the whole district, so they carry the district's code
 * and only callers whose scope is the district (supervisors, auditors, admins) see them.
 */
@Injectable()
export class LedgerFlagsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alarms: LedgerAlarmService,
  ) {}

  async records(
    manager: EntityManager,
    kind: LedgerFlagKind,
    regionPrefix: string,
  ): Promise<{ threshold: number; records: LedgerFlagRecord[] }> {
    const district = this.config.ledger.districtCode;
    if (!district.startsWith(regionPrefix)) return { threshold: LEDGER_ALARM_DAYS, records: [] };
    const today = todayInChina();
    const alarms = await this.alarms.recent(manager, LEDGER_ALARM_DAYS);
    return {
      threshold: LEDGER_ALARM_DAYS,
      records: alarms.map((a) => {
        const since = todayInChina(a.raisedAt);
        return {
          entityType: 'LedgerAlarm',
          entityId: a.id,
          code: a.kind,
          name: `账本校验未通过，拒绝签署检查点：${a.message}`,
          regionCode: district,
          since,
          days: daysBetween(since, today),
          amount: null,
        };
      }),
    };
  }
}
