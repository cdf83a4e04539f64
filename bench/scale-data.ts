/**
 * The rows of the scale seed and of the import bench: deterministic, valid under the asset rules, of
 * the kinds a district really has (operating PV stations and greenhouses, roads, water works, livestock
 * given to households), spread over every township of the district.
 */
import { AssetClass, AssetForm, AssetStatus, OperatingMode } from '@/assets/asset.enums';
import { FundSource } from '@/projects/fund-source.enum';
import { ProjectType } from '@/projects/project.entity';

export interface ScaleKind {
  name: string;
  class: AssetClass;
  form: AssetForm;
  category: string;
  unit: string;
  operating: boolean;
  household: boolean;
  yuan: number;
}

export const KINDS: ScaleKind[] = [
  {
    name: '村级光伏电站',
    class: AssetClass.OPERATING,
    form: AssetForm.FIXED,
    category: 'PV_STATION',
    unit: '千瓦',
    operating: true,
    household: false,
    yuan: 480_000,
  },
  {
    name: '产业路',
    class: AssetClass.PUBLIC_WELFARE,
    form: AssetForm.FIXED,
    category: 'ROADS_BRIDGES',
    unit: '公里',
    operating: false,
    household: false,
    yuan: 900_000,
  },
  {
    name: '蔬菜大棚',
    class: AssetClass.OPERATING,
    form: AssetForm.FIXED,
    category: 'FARM_INFRASTRUCTURE',
    unit: '个',
    operating: true,
    household: false,
    yuan: 260_000,
  },
  {
    name: '集中供水工程',
    class: AssetClass.PUBLIC_WELFARE,
    form: AssetForm.FIXED,
    category: 'DRINKING_WATER',
    unit: '处',
    operating: false,
    household: false,
    yuan: 350_000,
  },
  {
    name: '能繁母牛',
    class: AssetClass.HOUSEHOLD,
    form: AssetForm.BIOLOGICAL,
    category: 'LIVESTOCK',
    unit: '头',
    operating: false,
    household: true,
    yuan: 16_000,
  },
];

/** Assets per project. */
export const ASSETS_PER_PROJECT = 50;

/**
 * Each scale project's investment, in fen (100 million yuan): more than its 50 assets add up to, so that
 * the import's check that a project's assets stay within its investment passes.
 */
export const PROJECT_TOTAL = 10_000_000_000n;

export interface ScaleRow {
  code: string;
  name: string;
  class: AssetClass;
  form: AssetForm;
  categoryCode: string;
  projectCode: string;
  locationCode: string;
  quantity: string;
  unit: string;
  investedAmount: bigint;
  formedValue: bigint;
  fundSources: Array<{ source: FundSource; amount: bigint }>;
  completionDate: string;
  acceptanceDate: string;
  handoverDate: string;
  status: AssetStatus;
  managementEntity: string | null;
  operator: string | null;
  operatingMode: OperatingMode | null;
  householdRegistryNo: string | null;
  householdHeadName: string | null;
}

export interface ScaleProject {
  code: string;
  name: string;
  year: number;
  type: ProjectType;
  implementingUnit: string;
  regionCode: string;
  completionDate: string;
  acceptanceDate: string;
  fundSources: Array<{ source: FundSource; amount: bigint }>;
}

/** Villages per township in the scale district (codes township + 2 + two digits). */
export const VILLAGES_PER_TOWNSHIP = 8;

export function villageCode(township: string, n: number): string {
  return `${township}2${String(n + 1).padStart(2, '0')}`;
}

/**
 * Asset `i` of a register of `total` assets in the given townships, under the code prefix `prefix`: the
 * townships get equal consecutive runs of assets (as a township's register is entered or imported
 * together), each asset in one of its township's villages.
 */
export function scaleRow(i: number, townships: readonly string[], total: number, prefix = 'BZ'): ScaleRow {
  const run = Math.ceil(total / townships.length);
  const township = townships[Math.floor(i / run)];
  const perTownship = i % run;
  const village = villageCode(township, perTownship % VILLAGES_PER_TOWNSHIP);
  const kind = KINDS[perTownship % KINDS.length];
  const year = 2016 + (perTownship % 9);
  const completion = `${year}-0${1 + (i % 8)}-1${i % 10}`;
  const acceptance = `${year}-0${1 + (i % 8)}-2${i % 8}`;
  const invested = BigInt(kind.yuan + (i % 997) * 100) * 100n;
  const linkage = (invested * 6n) / 10n;
  return {
    code: assetCode(prefix, township, perTownship),
    name: `${kind.name}${perTownship}`,
    class: kind.class,
    form: kind.form,
    categoryCode: kind.category,
    projectCode: projectCode(prefix, township, Math.floor(perTownship / ASSETS_PER_PROJECT)),
    locationCode: village,
    quantity: String(1 + (i % 30)),
    unit: kind.unit,
    investedAmount: invested,
    formedValue: (invested * 97n) / 100n,
    fundSources: [
      { source: FundSource.LINKAGE_FUND, amount: linkage },
      { source: FundSource.CENTRAL_FISCAL, amount: invested - linkage },
    ],
    completionDate: completion,
    acceptanceDate: acceptance,
    handoverDate: acceptance,
    status: AssetStatus.IN_USE,
    managementEntity: kind.household ? null : `${village}股份经济合作联合社`,
    operator: kind.operating ? `万州区${village}专业合作社` : null,
    operatingMode: kind.operating ? OperatingMode.LEASED : null,
    householdRegistryNo: kind.household ? `${village}-H${String(perTownship % 500).padStart(3, '0')}` : null,
    householdHeadName: kind.household ? '王明' : null,
  };
}

export function assetCode(prefix: string, township: string, n: number): string {
  return `${prefix}-${township}-${String(n).padStart(6, '0')}`;
}

export function projectCode(prefix: string, township: string, n: number): string {
  return `${prefix}XM-${township}-${String(n).padStart(4, '0')}`;
}

/** The project the asset rows of township `township` number `n` belong to; its total covers them all. */
export function scaleProject(prefix: string, township: string, n: number, total: bigint): ScaleProject {
  const year = 2016 + (n % 9);
  const linkage = (total * 6n) / 10n;
  return {
    code: projectCode(prefix, township, n),
    name: `${township}第${n + 1}批衔接资金项目`,
    year,
    type: ProjectType.INFRASTRUCTURE,
    implementingUnit: `${township}人民政府`,
    regionCode: township,
    completionDate: `${year}-01-01`,
    acceptanceDate: `${year}-01-05`,
    fundSources: [
      { source: FundSource.LINKAGE_FUND, amount: linkage },
      { source: FundSource.CENTRAL_FISCAL, amount: total - linkage },
    ],
  };
}
