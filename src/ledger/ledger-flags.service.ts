import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Locale } from '@/common/i18n/locale';
import { daysBetween, todayInChina } from '@/common/scalars';
import { APP_CONFIG, AppConfig } from '@/config';
import { independentReads } from '@/database/reads';
import { CheckpointService } from './checkpoint.service';
import { ledgerAlarmText, witnessRefusalText } from './ledger-flag-text';
import { LEDGER_ALARM_DAYS, LedgerAlarmService } from './ledger-alarm.service';
import { WitnessStatus } from './witness/witness.entity';
import { WitnessService } from './witness/witness.service';

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
export type LedgerFlagKind =
  'LEDGER_INTEGRITY' | 'WITNESS_SILENT' | 'WITNESS_REFUSED' | 'CHECKPOINT_NO_QUORUM';

/** A witness of the policy that has not cosigned anything new for this many days. */
export const WITNESS_SILENT_DAYS = 7;
/** Refusals are shown this long. */
export const WITNESS_REFUSED_DAYS = 30;
/** A checkpoint without the quorum's cosignatures for this long. */
export const NO_QUORUM_DAYS = 1;

/**
 * Red flags about the ledger itself and its witnesses. They concern the whole district, so they carry the
 * district's code and only callers whose scope is the district (supervisors, auditors, admins) see them.
 */
@Injectable()
export class LedgerFlagsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alarms: LedgerAlarmService,
    private readonly witnesses: WitnessService,
    private readonly checkpoints: CheckpointService,
  ) {}

  private get district(): string {
    return this.config.ledger.districtCode;
  }

  /** The records of one kind, their sentences (`name`) in the reader's language. */
  async records(
    manager: EntityManager,
    kind: LedgerFlagKind,
    regionPrefix: string,
    locale: Locale = 'zh-CN',
  ): Promise<{ threshold: number; records: LedgerFlagRecord[] }> {
    const threshold = {
      LEDGER_INTEGRITY: LEDGER_ALARM_DAYS,
      WITNESS_SILENT: WITNESS_SILENT_DAYS,
      WITNESS_REFUSED: WITNESS_REFUSED_DAYS,
      CHECKPOINT_NO_QUORUM: NO_QUORUM_DAYS,
    }[kind];
    if (!this.district.startsWith(regionPrefix)) return { threshold, records: [] };
    switch (kind) {
      case 'LEDGER_INTEGRITY':
        return { threshold, records: await this.alarmRecords(manager, locale) };
      case 'WITNESS_SILENT':
        return { threshold, records: await this.silentRecords(manager, locale) };
      case 'WITNESS_REFUSED':
        return { threshold, records: await this.refusalRecords(manager, locale) };
      case 'CHECKPOINT_NO_QUORUM':
        return { threshold, records: await this.noQuorumRecords(manager, locale) };
    }
  }

  private record(
    entityType: string,
    entityId: string,
    code: string,
    name: string,
    since: Date,
  ): LedgerFlagRecord {
    const day = todayInChina(since);
    return {
      entityType,
      entityId,
      code,
      name,
      regionCode: this.district,
      since: day,
      days: daysBetween(day, todayInChina()),
      amount: null,
    };
  }

  /** The alarms stay as stored (English, insert-only); their sentence is made in the reader's language. */
  private async alarmRecords(manager: EntityManager, locale: Locale): Promise<LedgerFlagRecord[]> {
    const alarms = await this.alarms.recent(manager, LEDGER_ALARM_DAYS);
    return alarms.map((a) =>
      this.record('LedgerAlarm', a.id, a.kind, ledgerAlarmText(a, locale), a.raisedAt),
    );
  }

  /** Witnesses of the policy that have cosigned nothing for N days although there is something new. */
  private async silentRecords(manager: EntityManager, locale: Locale): Promise<LedgerFlagRecord[]> {
    const policy = await this.witnesses.policy(manager);
    const latest = await this.checkpoints.latest(manager);
    if (!policy || !latest) return [];
    const [all, last] = await independentReads(manager, [
      () => this.witnesses.list(manager),
      () => this.witnesses.lastCosigned(manager),
    ]);
    const limit = Date.now() - WITNESS_SILENT_DAYS * 86_400_000;
    return all
      .filter((w) => policy.witnessIds.includes(w.id) && w.status === WitnessStatus.ACTIVE)
      .flatMap((w) => {
        const seen = last.get(w.id);
        if (seen && seen.treeSize >= latest.treeSize) return [];
        const since = seen?.signedAt ?? w.approvedAt ?? w.createdAt;
        if (since.getTime() > limit) return [];
        return [
          this.record(
            'Witness',
            w.id,
            w.name,
            locale === 'en'
              ? `Witness ${w.name} has cosigned no new checkpoint since ${todayInChina(since)} (${seen ? `last cosigned size ${seen.treeSize}` : 'never cosigned'})`
              : `见证人 ${w.name} 自 ${todayInChina(since)} 起未联署新的检查点${seen ? `（最后联署规模 ${seen.treeSize}）` : '（从未联署）'}`,
            since,
          ),
        ];
      });
  }

  private async refusalRecords(manager: EntityManager, locale: Locale): Promise<LedgerFlagRecord[]> {
    const refusals = await this.witnesses.refusalsSince(
      manager,
      new Date(Date.now() - WITNESS_REFUSED_DAYS * 86_400_000),
    );
    return refusals.map((r) =>
      this.record('WitnessRefusal', String(r.id), r.witnessName, witnessRefusalText(r, locale), r.receivedAt),
    );
  }

  /** The oldest checkpoint signed after the newest one with the quorum's cosignatures, if it is old. */
  private async noQuorumRecords(manager: EntityManager, locale: Locale): Promise<LedgerFlagRecord[]> {
    const policy = await this.witnesses.policy(manager);
    if (!policy) return [];
    const quorate = await this.witnesses.newestQuorate(manager, 0);
    const [oldest] = await manager.query<Array<{ tree_size: string; created_at: Date }>>(
      `SELECT tree_size, created_at FROM ledger_checkpoint WHERE ledger_id = $1 AND tree_size > $2
        ORDER BY tree_size LIMIT 1`,
      [this.district, String(quorate?.treeSize ?? 0)],
    );
    if (!oldest || oldest.created_at.getTime() > Date.now() - NO_QUORUM_DAYS * 86_400_000) return [];
    const size = Number(oldest.tree_size);
    return [
      this.record(
        'LedgerCheckpoint',
        String(size),
        `checkpoint ${size}`,
        locale === 'en'
          ? `The checkpoint at size ${size} has not been cosigned by ${policy.quorum} witnesses (nor has any later one)`
          : `规模 ${size} 的检查点签署后未获 ${policy.quorum} 个见证人联署（此后的检查点也未获）`,
        oldest.created_at,
      ),
    ];
  }
}
