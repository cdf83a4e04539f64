import { Injectable, OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import { RequestContext } from '@/common/context';
import { TransactionalConnection } from '@/database';
import type { Asset } from '@/assets/asset.entity';
import { AssetUpkeepColumns, AssetUpkeepValues } from '@/assets/excel/asset-ledger-columns';
import { AssetExportService } from '@/assets/excel/asset-export.service';
import {
  INDUSTRY_DEPARTMENT_NAMES,
  UPKEEP_CONDITION_NAMES,
  UpkeepCondition,
  UpkeepDuty,
} from './upkeep.entity';

/**
 * The 台账's upkeep columns from the upkeep records: 管护主体, 管护责任人 and phone, 行业主管部门 from the
 * asset's duty (or the asset's own fields when it has none), 当前状况 from its latest inspection. Two
 * statements per batch of assets.
 */
@Injectable()
export class UpkeepLedgerColumns implements AssetUpkeepColumns, OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly exports: AssetExportService,
  ) {}

  onModuleInit(): void {
    this.exports.useUpkeepColumns(this);
  }

  async upkeepOf(ctx: RequestContext, assets: readonly Asset[]): Promise<Map<string, AssetUpkeepValues>> {
    const ids = assets.map((a) => a.id);
    if (ids.length === 0) return new Map();
    const duties = await this.connection.getRepository(ctx, UpkeepDuty).findBy({ assetId: In(ids) });
    const dutyOf = new Map(duties.map((d) => [d.assetId, d]));
    const latest: Array<{ asset_id: string; condition: UpkeepCondition }> = await this.connection
      .getManager(ctx)
      .query(
        `SELECT DISTINCT ON (asset_id) asset_id, condition FROM upkeep_inspection
          WHERE asset_id = ANY($1::uuid[]) ORDER BY asset_id, inspected_on DESC, created_at DESC`,
        [ids],
      );
    const conditionOf = new Map(latest.map((r) => [r.asset_id, UPKEEP_CONDITION_NAMES[r.condition]]));
    return new Map(
      assets.map((a) => {
        const duty = dutyOf.get(a.id);
        return [
          a.id,
          {
            body: duty ? duty.body : a.managementEntity,
            person: duty ? duty.person : a.managementResponsible,
            phone: duty?.phone ?? null,
            industryDepartment: duty ? INDUSTRY_DEPARTMENT_NAMES[duty.department] : null,
            condition: conditionOf.get(a.id) ?? null,
          },
        ];
      }),
    );
  }
}
