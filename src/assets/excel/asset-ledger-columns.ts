/**
 * The 台账 columns other features know (income, disposal, upkeep): the asset export asks them in
 * batches through the sources they register, so the asset register imports none of them.
 */
import { RequestContext } from '@/common/context';
import { Role } from '@/common/auth/role.enum';
import { maskPhone } from '@/households/phone';
import { CellOut } from '@/spreadsheet/workbook';
import type { Asset } from '../asset.entity';
import { DerivedAssetColumnKey } from './asset-template';

/** Some derived cells of each asset, by asset id (an asset a source knows nothing of may be absent). */
export type AssetColumnCells = Map<string, Partial<Record<DerivedAssetColumnKey, CellOut>>>;

/**
 * A feature's part of the 台账: the cells it derives for a batch of assets (at most LOOKUP_BATCH), in
 * a few queries for the whole batch, never one per asset. Registered with
 * `AssetExportService.addColumnSource` when its module starts.
 */
export type AssetColumnSource = (ctx: RequestContext, assets: readonly Asset[]) => Promise<AssetColumnCells>;

/** The upkeep duty of an asset as the 台账 shows it (管护主体, 管护责任人 and phone, 行业主管部门, 当前状况). */
export interface AssetUpkeepValues {
  body: string | null;
  person: string | null;
  /** In full: the export masks it for callers who may not see it. */
  phone: string | null;
  industryDepartment: string | null;
  /** The Chinese name of the condition last found (完好, 一般, 损坏, 灭失). */
  condition: string | null;
}

/**
 * Where the 台账's upkeep columns come from. The upkeep module replaces the default with its own
 * (`AssetExportService.useUpkeepColumns`), reading its duties and last inspection for the batch.
 */
export interface AssetUpkeepColumns {
  upkeepOf(ctx: RequestContext, assets: readonly Asset[]): Promise<Map<string, AssetUpkeepValues>>;
}

/** Until upkeep is recorded: body and person from the asset's own fields, nothing else. */
export const ASSET_FIELDS_UPKEEP: AssetUpkeepColumns = {
  upkeepOf: (_ctx, assets) =>
    Promise.resolve(
      new Map(
        assets.map((a) => [
          a.id,
          {
            body: a.managementEntity,
            person: a.managementResponsible,
            phone: null,
            industryDepartment: null,
            condition: null,
          },
        ]),
      ),
    ),
};

/**
 * The upkeep phone as the caller may see it: in full for the village clerk and township officer who
 * write where the asset sits (as households' phones), masked (`138****5678`) for everyone else.
 */
export function upkeepPhoneCell(
  phone: string | null,
  role: Role,
  mayWriteAssetRegion: boolean,
): string | null {
  if (phone === null) return null;
  const inFull = (role === Role.VILLAGE_CLERK || role === Role.TOWNSHIP_OFFICER) && mayWriteAssetRegion;
  return inFull ? phone : maskPhone(phone);
}
