import { AuthUser } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { addDays, todayInChina } from '@/common/scalars';
import { HouseholdStatusKind, MonitoringCategory } from '@/households/household.enums';
import { HouseholdsService } from '@/households/households.service';
import { idNumberCheckCharacter } from '@/households/id-number';
import { DEMO_VILLAGES } from './demo-data';
import { DemoRandom } from './demo-random';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '周',
  '吴',
  '谭',
  '向',
  '冉',
  '牟',
  '熊',
  '秦',
  '彭',
  '何',
  '罗',
  '邓',
  '程',
  '唐',
  '余',
];
const GIVEN = [
  '德明',
  '建国',
  '秀英',
  '桂兰',
  '永福',
  '春梅',
  '国华',
  '明清',
  '世贵',
  '光荣',
  '大成',
  '玉珍',
  '开学',
  '家富',
  '泽林',
  '正华',
  '远志',
  '淑芬',
  '长江',
  '仁贵',
  '小琴',
  '明',
];
const LEAVE_REASONS = ['风险消除', '收入持续稳定，风险消除', '家庭成员务工收入稳定'];
const CATEGORIES = [
  MonitoringCategory.UNSTABLE,
  MonitoringCategory.MARGINAL,
  MonitoringCategory.SUDDEN_HARDSHIP,
];

/** Households per village that has a clerk or a township officer (plus any number a demo asset names). */
const PER_VILLAGE = 20;

/** What the demo made, for the log and for tests that assert on it. */
export interface DemoHouseholdSummary {
  households: number;
  monitored: number;
  leftLastYear: number;
  leftLastMonth: number;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A valid resident ID number of someone born in Wanzhou between 1940 and 1995. */
function demoIdNumber(rnd: DemoRandom, taken: Set<string>): string {
  for (;;) {
    const birth = `${rnd.int(1940, 1995)}${pad(rnd.int(1, 12), 2)}${pad(rnd.int(1, 28), 2)}`;
    const first17 = `500101${birth}${pad(rnd.int(0, 999), 3)}`;
    const id = first17 + idNumberCheckCharacter(first17);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/**
 * About 20 beneficiary households in each demo village with a clerk or a township officer, through the
 * real service and the ledger: most 脱贫户 since 2019–2020, some 监测户 of each category (a few of them
 * formerly 脱贫户, so that their history has two periods), a few that left monitoring last year and one
 * per village that left last month. The registry numbers are `${villageCode}-H000…H059`: every number a
 * demo HOUSEHOLD asset names as its owner exists as a household (with the asset's head name), in every
 * village, the others are drawn from the numbers left. Deterministic but for dates relative to today.
 */
export async function seedDemoHouseholds(
  ctx: RequestContext,
  households: HouseholdsService,
  users: Map<string, AuthUser>,
): Promise<DemoHouseholdSummary> {
  const rnd = new DemoRandom(20261201);
  const today = todayInChina();
  const thisYear = Number(today.slice(0, 4));
  const summary: DemoHouseholdSummary = { households: 0, monitored: 0, leftLastYear: 0, leftLastMonth: 0 };
  const clerkOf: Record<string, string> = {
    '500101151201': 'wutong',
    '500101151202': 'yuhe',
    '500101153201': 'daping',
  };
  const officerOf: Record<string, string> = { '500101151': 'longju', '500101153': 'luotian' };
  const writerFor = (village: string): string =>
    clerkOf[village] ?? officerOf[village.slice(0, 9)] ?? 'district';
  const lastMonthDay = (): string => {
    const firstOfThisMonth = `${today.slice(0, 7)}-01`;
    const lastOfLastMonth = addDays(firstOfThisMonth, -1);
    return `${lastOfLastMonth.slice(0, 7)}-${pad(rnd.int(1, Number(lastOfLastMonth.slice(8))), 2)}`;
  };
  const date = (year: number): string => {
    const d = `${year}-${pad(rnd.int(1, 12), 2)}-${pad(rnd.int(1, 28), 2)}`;
    return d > today ? today : d;
  };

  // The owners the demo assets name (`${village}-H${n % 60}`), with the head name of the first asset.
  const manager = ctx.manager;
  if (!manager) throw new Error('seedDemoHouseholds must run in a transaction');
  const owners = await manager.query<Array<{ registry_no: string; head_name: string; village_code: string }>>(
    `SELECT DISTINCT ON (household_registry_no)
            household_registry_no AS registry_no, household_head_name AS head_name, location_code AS village_code
       FROM asset WHERE household_registry_no IS NOT NULL
      ORDER BY household_registry_no, code`,
  );
  const ownerNames = new Map(owners.map((o) => [o.registry_no, o.head_name]));
  const takenIds = new Set<string>();

  for (const village of DEMO_VILLAGES) {
    const staffed = Boolean(clerkOf[village.code] ?? officerOf[village.parentCode]);
    const numbers = new Set(owners.filter((o) => o.village_code === village.code).map((o) => o.registry_no));
    const free = Array.from({ length: 60 }, (_, n) => `${village.code}-H${pad(n, 3)}`).filter(
      (no) => !numbers.has(no),
    );
    while (staffed && numbers.size < PER_VILLAGE && free.length > 0) {
      numbers.add(free.splice(rnd.int(0, free.length - 1), 1)[0]);
    }
    ctx.user = users.get(writerFor(village.code));
    const sorted = [...numbers].sort();
    for (const [k, registryNo] of sorted.entries()) {
      // k: 0–11 脱贫户; 12–14 监测户 of each category; 15–16 脱贫户 who became 监测户;
      // 17–18 监测户 who left last year; 19 a 监测户 who left last month.
      const kind = k % PER_VILLAGE;
      const monitored = kind >= 12;
      const startedOn =
        monitored && kind <= 14 ? date(rnd.int(2021, thisYear - 1)) : date(rnd.int(2019, 2020));
      const household = await households.register(ctx, {
        registryNo,
        headName: ownerNames.get(registryNo) ?? `${rnd.pick(SURNAMES)}${rnd.pick(GIVEN)}`,
        villageCode: village.code,
        membersCount: rnd.int(1, 6),
        idNumber: rnd.chance(0.9) ? demoIdNumber(rnd, takenIds) : undefined,
        phone: rnd.chance(0.8)
          ? `1${rnd.pick(['38', '39', '58', '59', '87', '99'])}${pad(rnd.int(0, 99_999_999), 8)}`
          : undefined,
        address: `${village.name}${rnd.int(1, 8)}组${rnd.int(1, 60)}号`,
        status:
          kind >= 12 && kind <= 14 ? HouseholdStatusKind.MONITORED : HouseholdStatusKind.POVERTY_ALLEVIATED,
        monitoringCategory: kind >= 12 && kind <= 14 ? CATEGORIES[kind - 12] : undefined,
        startedOn,
      });
      summary.households += 1;
      if (kind < 15) {
        if (monitored) summary.monitored += 1;
        continue;
      }
      // Into the monitoring system a few years after being lifted out of poverty.
      const monitoredSince = date(rnd.int(2021, thisYear - 2));
      await households.changeStatus(
        ctx,
        household.id,
        HouseholdStatusKind.MONITORED,
        rnd.pick(CATEGORIES),
        monitoredSince,
      );
      if (kind <= 16) {
        summary.monitored += 1;
        continue;
      }
      const leftOn = kind <= 18 ? date(thisYear - 1) : lastMonthDay();
      await households.endStatus(
        ctx,
        household.id,
        leftOn < monitoredSince ? monitoredSince : leftOn,
        rnd.pick(LEAVE_REASONS),
      );
      if (kind <= 18) summary.leftLastYear += 1;
      else summary.leftLastMonth += 1;
    }
  }
  ctx.user = undefined;
  return summary;
}
