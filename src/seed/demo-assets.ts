import { AuthUser } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { addDays, Fen, todayInChina } from '@/common/scalars';
import { AssetClass, AssetForm, AssetStatus, OperatingMode } from '@/assets/asset.enums';
import { AssetsService } from '@/assets/assets.service';
import { RegisterAssetInput } from '@/assets/dto/asset.inputs';
import { OwnerType } from '@/ownership/ownership.entity';
import { OwnershipService } from '@/ownership/ownership.service';
import { FundSource } from '@/projects/fund-source.enum';
import { sumBySource } from '@/projects/investment-rules';
import { ProjectType } from '@/projects/project.entity';
import { ProjectsService } from '@/projects/projects.service';
import { TransactionalConnection } from '@/database';
import { exportFileName } from '@/files/file-rules';
import { FilesService } from '@/files/files.service';
import { demoPdf } from './demo-income';
import { DEMO_VILLAGES } from './demo-data';
import { DemoRandom } from './demo-random';

/** A kind of asset the demo makes, with realistic values (fen) and who runs it. */
interface AssetKind {
  name: string;
  class: AssetClass;
  form: AssetForm;
  category: string;
  unit: string;
  quantity: [number, number];
  value: [number, number]; // yuan
  operating?: boolean;
}

const KINDS: AssetKind[] = [
  {
    name: '村级光伏电站',
    class: AssetClass.OPERATING,
    form: AssetForm.FIXED,
    category: 'PV_STATION',
    unit: '千瓦',
    quantity: [60, 300],
    value: [240_000, 1_200_000],
    operating: true,
  },
  {
    name: '蔬菜大棚',
    class: AssetClass.OPERATING,
    form: AssetForm.FIXED,
    category: 'FARM_INFRASTRUCTURE',
    unit: '个',
    quantity: [6, 40],
    value: [120_000, 600_000],
    operating: true,
  },
  {
    name: '柑橘加工厂房',
    class: AssetClass.OPERATING,
    form: AssetForm.FIXED,
    category: 'BUILDINGS_PLANTS',
    unit: '平方米',
    quantity: [300, 2000],
    value: [400_000, 1_800_000],
    operating: true,
  },
  {
    name: '乡村民宿',
    class: AssetClass.OPERATING,
    form: AssetForm.FIXED,
    category: 'TOURISM',
    unit: '间',
    quantity: [6, 20],
    value: [300_000, 900_000],
    operating: true,
  },
  {
    name: '冷链仓储设备',
    class: AssetClass.OPERATING,
    form: AssetForm.FIXED,
    category: 'EQUIPMENT',
    unit: '套',
    quantity: [1, 4],
    value: [80_000, 350_000],
    operating: true,
  },
  {
    name: '产业路',
    class: AssetClass.PUBLIC_WELFARE,
    form: AssetForm.FIXED,
    category: 'ROADS_BRIDGES',
    unit: '公里',
    quantity: [1, 12],
    value: [300_000, 2_400_000],
  },
  {
    name: '人行便桥',
    class: AssetClass.PUBLIC_WELFARE,
    form: AssetForm.FIXED,
    category: 'ROADS_BRIDGES',
    unit: '座',
    quantity: [1, 3],
    value: [60_000, 400_000],
  },
  {
    name: '集中供水工程',
    class: AssetClass.PUBLIC_WELFARE,
    form: AssetForm.FIXED,
    category: 'DRINKING_WATER',
    unit: '处',
    quantity: [1, 3],
    value: [150_000, 900_000],
  },
  {
    name: '蓄水池',
    class: AssetClass.PUBLIC_WELFARE,
    form: AssetForm.FIXED,
    category: 'FARM_INFRASTRUCTURE',
    unit: '口',
    quantity: [1, 6],
    value: [30_000, 180_000],
  },
  {
    name: '村级活动室',
    class: AssetClass.PUBLIC_WELFARE,
    form: AssetForm.FIXED,
    category: 'BUILDINGS_PLANTS',
    unit: '平方米',
    quantity: [120, 400],
    value: [200_000, 700_000],
  },
  {
    name: '村卫生室',
    class: AssetClass.PUBLIC_WELFARE,
    form: AssetForm.FIXED,
    category: 'EDUCATION_HEALTH',
    unit: '平方米',
    quantity: [60, 160],
    value: [100_000, 360_000],
  },
  {
    name: '能繁母牛',
    class: AssetClass.HOUSEHOLD,
    form: AssetForm.BIOLOGICAL,
    category: 'LIVESTOCK',
    unit: '头',
    quantity: [1, 3],
    value: [8_000, 24_000],
  },
  {
    name: '山羊',
    class: AssetClass.HOUSEHOLD,
    form: AssetForm.BIOLOGICAL,
    category: 'LIVESTOCK',
    unit: '只',
    quantity: [5, 20],
    value: [4_000, 16_000],
  },
  {
    name: '脆李苗木',
    class: AssetClass.HOUSEHOLD,
    form: AssetForm.BIOLOGICAL,
    category: 'SEEDLINGS',
    unit: '株',
    quantity: [100, 600],
    value: [3_000, 12_000],
  },
  {
    name: '微耕机',
    class: AssetClass.HOUSEHOLD,
    form: AssetForm.FIXED,
    category: 'EQUIPMENT',
    unit: '台',
    quantity: [1, 1],
    value: [3_500, 6_000],
  },
];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '周', '吴', '谭', '向', '冉', '牟', '熊', '秦'];
const GIVEN = ['明', '华', '国', '建', '平', '德', '秀英', '桂兰', '永', '春', '林', '福'];
const OPERATORS = ['专业合作社', '农业开发有限公司', '家庭农场', '旅游开发有限公司'];
const PROJECT_TYPES: Array<[ProjectType, string]> = [
  [ProjectType.INDUSTRY, '产业发展项目'],
  [ProjectType.INFRASTRUCTURE, '基础设施建设项目'],
  [ProjectType.PUBLIC_SERVICE, '公共服务提升项目'],
  [ProjectType.EMPLOYMENT, '就业帮扶项目'],
];

const yuanToFen = (yuan: number): Fen => BigInt(Math.round(yuan)) * 100n;

/** Splits `total` into the given fund sources: the parts add up exactly. */
function split(
  total: Fen,
  sources: FundSource[],
  rnd: DemoRandom,
): Array<{ source: FundSource; amount: Fen }> {
  const parts: Array<{ source: FundSource; amount: Fen }> = [];
  let left = total;
  sources.forEach((source, i) => {
    const last = i === sources.length - 1;
    const amount = last ? left : (total * BigInt(rnd.int(20, 60))) / 100n;
    if (amount > 0n) parts.push({ source, amount });
    left -= amount;
  });
  return parts;
}

/** The two villages of one asset built together: where it is (梧桐村), and its co-owner (玉合村). */
const CO_OWNED_VILLAGES = ['500101151201', '500101151202'] as const;

/** What the demo made, for the log and for tests that assert on it. */
export interface DemoSummary {
  projects: number;
  assets: number;
  confirmed: number;
  inPublicity: number;
  publicityEndedUnconfirmed: number;
  withoutOwnership: number;
}

/**
 * The demo district: about 30 projects and 200 assets of every class in six villages of three
 * townships, most with confirmed ownership, some in publicity, a few idle or with equity maturing soon.
 * Every record goes through the real services and the ledger, with the demo users as actors.
 */
export async function seedDemoAssets(
  ctx: RequestContext,
  deps: {
    connection: TransactionalConnection;
    projects: ProjectsService;
    assets: AssetsService;
    ownership: OwnershipService;
    files: FilesService;
    users: Map<string, AuthUser>;
  },
): Promise<DemoSummary> {
  const rnd = new DemoRandom(20261129);
  const today = todayInChina();
  const notices = new Map<string, string>(); // village → the scan of its posted notices
  const as = (username: string): void => {
    ctx.user = deps.users.get(username);
  };
  const clerkOf: Record<string, string> = {
    '500101151201': 'wutong',
    '500101151202': 'yuhe',
    '500101153201': 'daping',
  };
  const officerOf: Record<string, string> = { '500101151': 'longju', '500101153': 'luotian' };
  const writerFor = (village: string): string =>
    clerkOf[village] ?? officerOf[village.slice(0, 9)] ?? 'district';
  const deciderFor = (village: string): string => officerOf[village.slice(0, 9)] ?? 'district';
  const summary: DemoSummary = {
    projects: 0,
    assets: 0,
    confirmed: 0,
    inPublicity: 0,
    publicityEndedUnconfirmed: 0,
    withoutOwnership: 0,
  };
  let assetNo = 0;
  let coOwnedMade = false;

  for (let p = 0; p < 30; p++) {
    const village = DEMO_VILLAGES[p % DEMO_VILLAGES.length];
    const year = 2016 + (p % 9);
    const [type, typeName] = PROJECT_TYPES[p % PROJECT_TYPES.length];
    const completion = `${year}-${String(rnd.int(6, 11)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
    const acceptance = addDays(completion, rnd.int(15, 45));
    const kinds = Array.from(
      { length: p < 20 ? 7 : 6 },
      (_, k) => KINDS[(p * 3 + k * 5 + rnd.int(0, 2)) % KINDS.length],
    );
    const assets: Array<{ input: RegisterAssetInput; kind: AssetKind }> = [];
    for (const kind of kinds) {
      assetNo += 1;
      const value = yuanToFen(rnd.int(kind.value[0], kind.value[1]));
      const formed = (value * BigInt(rnd.int(92, 100))) / 100n;
      const sources = split(
        value,
        [
          FundSource.LINKAGE_FUND,
          rnd.pick([FundSource.CENTRAL_FISCAL, FundSource.DISTRICT_FISCAL, FundSource.EAST_WEST_COOPERATION]),
        ],
        rnd,
      );
      const handover = addDays(acceptance, rnd.int(5, 30));
      const household = kind.class === AssetClass.HOUSEHOLD;
      const operator = kind.operating
        ? `万州区${village.name.replace('村', '')}${rnd.pick(OPERATORS)}`
        : null;
      const equity = kind.operating && assetNo % 17 === 0;
      const input: RegisterAssetInput = {
        code: `WZ-${village.code.slice(6)}-${String(assetNo).padStart(4, '0')}`,
        name: equity ? `入股${operator}` : `${village.name}${kind.name}`,
        class: kind.class,
        form: equity ? AssetForm.EQUITY : kind.form,
        categoryCode: equity ? 'EQUITY' : kind.category,
        projectId: '',
        locationCode: village.code,
        quantity: String(equity ? 1 : rnd.int(kind.quantity[0], kind.quantity[1])),
        unit: equity ? '份' : kind.unit,
        investedAmount: value,
        formedValue: formed,
        fundSources: sources,
        completionDate: completion,
        acceptanceDate: acceptance,
        handoverDate: handover,
        status: AssetStatus.IN_USE,
        managementEntity: household ? undefined : `${village.name}股份经济合作联合社`,
        managementResponsible: household ? undefined : `${rnd.pick(SURNAMES)}${rnd.pick(GIVEN)}`,
        operator: operator ?? undefined,
        operatingMode: operator
          ? rnd.pick([
              OperatingMode.LEASED,
              OperatingMode.ENTRUSTED,
              OperatingMode.JOINT,
              OperatingMode.SELF_RUN,
            ])
          : undefined,
        contractStart: operator ? handover : undefined,
        contractEnd: operator ? addDays(handover, 365 * rnd.int(5, 10)) : undefined,
        contractTerms: operator
          ? equity
            ? '按入股金额每年分红 6%'
            : '年租金按原值的 6% 计，每年 12 月支付'
          : undefined,
        contractAnnualAmount: operator ? (formed * 6n) / 100n : undefined,
        investee: equity ? `${operator}` : undefined,
        equityAgreementNo: equity ? `GQ-${year}-${String(assetNo).padStart(3, '0')}` : undefined,
        equityMaturityDate: equity ? addDays(today, 20 + (assetNo % 70)) : undefined,
        householdRegistryNo: household
          ? `${village.code}-H${String(assetNo % 60).padStart(3, '0')}`
          : undefined,
        householdHeadName: household ? `${rnd.pick(SURNAMES)}${rnd.pick(GIVEN)}` : undefined,
      };
      // The 台账's construction and beneficiary columns, from the asset number (no draw: the rest of the
      // demo stays as it was).
      Object.assign(
        input,
        demoLedgerColumns(assetNo, household, Boolean(equity), kind.name, input.quantity!, input.unit!),
      );
      assets.push({ input, kind });
    }
    as(officerOf[village.parentCode] ?? 'district');
    const project = await deps.projects.register(ctx, {
      code: `WZXM-${year}-${String(p + 1).padStart(3, '0')}`,
      name: `${village.name}${year}年${typeName}`,
      year,
      type,
      implementingUnit: `${village.parentCode === '500101151' ? '龙驹镇' : village.parentCode === '500101153' ? '罗田镇' : '白土镇'}人民政府`,
      regionCode: village.parentCode,
      completionDate: completion,
      acceptanceDate: acceptance,
      // The project invested what its assets use, per fund source (investment adds up).
      fundSources: [...sumBySource(assets.flatMap((a) => a.input.fundSources ?? []))].map(
        ([source, amount]) => ({ source, amount }),
      ),
    });
    summary.projects += 1;

    for (const { input } of assets) {
      as(writerFor(input.locationCode!));
      const asset = await deps.assets.register(ctx, { ...input, projectId: project.id });
      summary.assets += 1;
      const n = summary.assets;
      // Ownership: most confirmed, some in publicity, a few with the window ended, some not yet proposed.
      const stage = n % 25 === 3 ? 'ended' : n % 12 === 5 ? 'publicity' : n % 20 === 7 ? 'none' : 'confirmed';
      if (stage === 'none') {
        summary.withoutOwnership += 1;
        continue;
      }
      const householdOwner = input.class === AssetClass.HOUSEHOLD;
      const shared = !householdOwner && n % 9 === 0;
      // One confirmed operating asset of 梧桐村 is built with 玉合村 and owned by both villages (60/40):
      // 玉合村 reads it from its register (含本村在他村共有的资产) and counts its share of the income.
      const withNeighbour =
        shared &&
        !coOwnedMade &&
        stage === 'confirmed' &&
        input.class === AssetClass.OPERATING &&
        input.locationCode === CO_OWNED_VILLAGES[0];
      if (withNeighbour) coOwnedMade = true;
      const owners = demoOwners(
        input,
        withNeighbour ? 'neighbour' : householdOwner ? 'household' : shared ? 'township' : 'village',
      );
      // Notices posted on the village board before they were recorded here: back-dated (at most the
      // policy's 30 days), with a scan of the posted notice.
      const start =
        stage === 'publicity'
          ? addDays(today, -rnd.int(0, 8))
          : stage === 'ended'
            ? addDays(today, -rnd.int(15, 30))
            : addDays(today, -rnd.int(11, 30));
      let notice = notices.get(input.locationCode!);
      if (start < today && !notice) {
        notice = (
          await deps.files.storeGenerated(
            ctx,
            demoPdf(`${input.locationCode} 确权公示张贴照片`),
            exportFileName(['确权公示张贴照片'], 'pdf'),
            input.locationCode!,
          )
        ).id;
        notices.set(input.locationCode!, notice);
      }
      const proposal = await deps.ownership.propose(ctx, {
        assetId: asset.id,
        owners,
        managementEntity: householdOwner
          ? `${input.householdHeadName}户`
          : `${villageName(input.locationCode!)}股份经济合作联合社`,
        managementResponsible: householdOwner ? input.householdHeadName : undefined,
        publicityStart: start,
        noticeEvidenceFileIds: start < today ? [notice!] : undefined,
      });
      if (stage === 'confirmed') {
        as(deciderFor(input.locationCode!));
        const effective = addDays(start, 10 + rnd.int(0, 10));
        await deps.ownership.confirm(
          ctx,
          proposal.id,
          `WZQQ-${asset.code}`,
          effective > today ? today : effective,
        );
        summary.confirmed += 1;
      } else if (stage === 'publicity') {
        summary.inPublicity += 1;
      } else {
        summary.publicityEndedUnconfirmed += 1;
      }
      // A few idle assets, idle for a long time (status_since set back in this same transaction).
      if (n % 16 === 1 && input.class !== AssetClass.HOUSEHOLD) {
        as(writerFor(input.locationCode!));
        const current = await deps.assets.findOne(ctx, asset.id);
        await deps.assets.update(ctx, asset.id, current.version, { status: AssetStatus.IDLE });
        await deps.connection
          .requireTransaction(ctx)
          .query(`UPDATE asset SET status_since = $2 WHERE id = $1`, [
            asset.id,
            addDays(today, -rnd.int(90, 400)),
          ]);
      }
    }
  }
  ctx.user = undefined;
  return summary;
}

const villageName = (code: string): string => DEMO_VILLAGES.find((v) => v.code === code)!.name;

/**
 * The owners a demo asset is proposed to: its household; its village with the township (60/40); 梧桐村
 * with 玉合村 (60/40, see CO_OWNED_VILLAGES); or its village alone.
 */
function demoOwners(
  input: RegisterAssetInput,
  shape: 'household' | 'township' | 'neighbour' | 'village',
): Array<{ ownerType: OwnerType; ownerRef: string; name: string; sharePercent: string }> {
  const village = (code: string, sharePercent: string) => ({
    ownerType: OwnerType.VILLAGE_COLLECTIVE,
    ownerRef: code,
    name: `${villageName(code)}集体经济组织`,
    sharePercent,
  });
  switch (shape) {
    case 'household':
      return [
        {
          ownerType: OwnerType.HOUSEHOLD,
          ownerRef: input.householdRegistryNo!,
          name: `${input.householdHeadName}户`,
          sharePercent: '100',
        },
      ];
    case 'township':
      return [
        village(input.locationCode!, '60'),
        {
          ownerType: OwnerType.TOWNSHIP,
          ownerRef: input.locationCode!.slice(0, 9),
          name: '乡镇人民政府',
          sharePercent: '40',
        },
      ];
    case 'neighbour':
      return [village(CO_OWNED_VILLAGES[0], '60'), village(CO_OWNED_VILLAGES[1], '40')];
    case 'village':
      return [village(input.locationCode!, '100')];
  }
}

/** Construction content and scale, declared beneficiaries (of which 脱贫 and 监测) and a remark. */
function demoLedgerColumns(
  assetNo: number,
  household: boolean,
  equity: boolean,
  kindName: string,
  quantity: string,
  unit: string,
): Partial<RegisterAssetInput> {
  const households = household ? 1 : 20 + ((assetNo * 7) % 60);
  const poor = household ? 1 : Math.floor(households / 3);
  const monitored = household ? 0 : assetNo % 4;
  return {
    constructionContent: equity ? '以衔接资金入股经营主体，按年分红' : `新建${kindName}`,
    constructionScale: `${quantity}${unit}`,
    beneficiaryHouseholds: households,
    beneficiaryPeople: households * 3 + (assetNo % 5),
    beneficiaryPoorHouseholds: poor,
    beneficiaryPoorPeople: poor * 3,
    beneficiaryMonitoredHouseholds: monitored,
    beneficiaryMonitoredPeople: monitored * 3,
    remarks: assetNo % 10 === 0 ? '已纳入村级公示' : undefined,
  };
}
