import { AuthUser } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { allocateByWeights } from '@/common/money/allocate';
import { addDays, Fen, todayInChina } from '@/common/scalars';
import { TransactionalConnection } from '@/database';
import { DistributionChannel } from '@/distribution/distribution.entity';
import { DistributionService } from '@/distribution/distribution.service';
import { FilesService } from '@/files/files.service';
import { HouseholdsService } from '@/households/households.service';
import { IncomeKind } from '@/income/income.entity';
import { ContractKind } from '@/contracts/contract.enums';
import { incomeKindsUnder } from '@/contracts/contract-rules';
import { IncomeService } from '@/income/income.service';
import { exportFileName } from '@/files/file-rules';
import { DemoRandom } from './demo-random';

export interface DemoIncomeSummary {
  incomeRecords: number;
  plans: Record<string, number>;
}

const CLERKS: Record<string, string> = {
  '500101151201': 'wutong',
  '500101151202': 'yuhe',
  '500101153201': 'daping',
};
const OFFICERS: Record<string, string> = { '500101151': 'longju', '500101153': 'luotian' };

/**
 * A year of income for the demo's operating assets (quarterly rent, yearly dividends), recorded by the
 * village clerks or the township officers, and distribution plans in every state: completed, filed and
 * partly paid, submitted, returned to draft, and a draft; one village leaves its income undistributed.
 */
export async function seedDemoIncome(
  ctx: RequestContext,
  deps: {
    connection: TransactionalConnection;
    income: IncomeService;
    distribution: DistributionService;
    households: HouseholdsService;
    files: FilesService;
    users: Map<string, AuthUser>;
  },
): Promise<DemoIncomeSummary> {
  const rnd = new DemoRandom(5001011);
  const today = todayInChina();
  const as = (username: string): void => {
    ctx.user = deps.users.get(username);
  };
  const writerOf = (village: string): string | undefined => CLERKS[village] ?? OFFICERS[village.slice(0, 9)];
  const summary: DemoIncomeSummary = { incomeRecords: 0, plans: {} };
  const manager = deps.connection.requireTransaction(ctx);

  const assets: Array<{
    id: string;
    code: string;
    location_code: string;
    form: string;
    annual: string | null;
    formed: string;
  }> = await manager.query(
    `SELECT a.id, a.code, a.location_code, a.form, a.contract_annual_amount::text AS annual, a.formed_value::text AS formed
       FROM asset a
      WHERE a.class = 'OPERATING' AND length(a.location_code) = 12
        AND EXISTS (SELECT 1 FROM asset_ownership o WHERE o.asset_id = a.id AND o.valid_to IS NULL)
      ORDER BY a.code`,
  );
  // The contracts of the demo (see demo-contracts.ts): income is recorded under the one in force.
  const contracts: Array<{
    asset_id: string;
    id: string;
    kind: ContractKind;
    start_date: string;
    last_day: string;
  }> = await manager.query(
    `SELECT l.asset_id, c.id, c.kind, c.start_date::text, coalesce(c.terminated_on, c.end_date)::text AS last_day
       FROM contract c JOIN contract_asset l ON l.contract_id = c.id ORDER BY c.start_date`,
  );
  /** The contract in force on `day`, and the kind of income it pays (`usual` when it pays either). */
  const contractOn = (
    assetId: string,
    day: string,
    usual: IncomeKind.RENT | IncomeKind.DIVIDEND,
  ): { kind: IncomeKind; contractId?: string } => {
    const found = contracts.find((c) => c.asset_id === assetId && c.start_date <= day && day <= c.last_day);
    if (!found) return { kind: usual };
    const kinds: readonly string[] = incomeKindsUnder(found.kind);
    return { kind: kinds.includes(usual) ? usual : (kinds[0] as IncomeKind), contractId: found.id };
  };
  // Quarter ends of the last twelve months.
  const quarters: Array<{ from: string; to: string }> = [];
  const thisQuarterStart = `${today.slice(0, 4)}-${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  let end = addDays(thisQuarterStart, -1);
  for (let q = 0; q < 4; q++) {
    const from = `${end.slice(0, 4)}-${String(Number(end.slice(5, 7)) - 2).padStart(2, '0')}-01`;
    quarters.unshift({ from, to: end });
    end = addDays(from, -1);
  }
  for (const asset of assets) {
    const writer = writerOf(asset.location_code);
    if (!writer) continue;
    as(writer);
    const annual = asset.annual ? BigInt(asset.annual) : (BigInt(asset.formed) * 5n) / 100n;
    if (asset.form === 'EQUITY') {
      await deps.income.record(ctx, {
        assetId: asset.id,
        amount: annual,
        periodFrom: quarters[0].from,
        periodTo: quarters[3].to,
        receivedOn: addDays(quarters[3].to, 10) > today ? today : addDays(quarters[3].to, 10),
        idempotencyKey: `demo-${asset.code}-dividend`,
        supplement: false,
        ...contractOn(asset.id, quarters[0].from, IncomeKind.DIVIDEND),
      });
      summary.incomeRecords += 1;
      continue;
    }
    const parts = allocateByWeights(annual, [1, 1, 1, 1]);
    for (const [i, q] of quarters.entries()) {
      if (parts[i] <= 0n) continue;
      const received = addDays(q.to, rnd.int(1, 20));
      await deps.income.record(ctx, {
        assetId: asset.id,
        amount: parts[i],
        periodFrom: q.from,
        periodTo: q.to,
        receivedOn: received > today ? today : received,
        idempotencyKey: `demo-${asset.code}-q${i}`,
        supplement: false,
        ...contractOn(asset.id, q.from, IncomeKind.RENT),
      });
      summary.incomeRecords += 1;
    }
  }

  // Plans. The decision files are small generated PDFs (minutes of the meetings).
  const villagePlans: Array<{
    village: string;
    states: Array<'COMPLETED' | 'FILED' | 'SUBMITTED' | 'RETURNED' | 'DRAFT'>;
  }> = [
    { village: '500101151201', states: ['COMPLETED', 'FILED', 'DRAFT'] },
    { village: '500101151202', states: ['SUBMITTED', 'RETURNED'] },
    { village: '500101153201', states: ['COMPLETED', 'FILED'] },
    // 凤鸣村 (500101151203) distributes nothing: its income ages (a red flag for the supervisors).
  ];
  for (const { village, states } of villagePlans) {
    const clerk = CLERKS[village];
    const officer = OFFICERS[village.slice(0, 9)];
    as(clerk);
    const [{ distributable, planned }]: Array<{ distributable: string; planned: string }> =
      await manager.query(
        `SELECT (SELECT coalesce(sum(amount), 0) FROM income_share WHERE village_code = $1)::text AS distributable,
              (SELECT coalesce(sum(amount), 0) FROM distribution_plan WHERE village_code = $1 AND status IN ('SUBMITTED','FILED','COMPLETED'))::text AS planned`,
        [village],
      );
    let available = BigInt(distributable) - BigInt(planned);
    const eligible = (await deps.households.villageHouseholds(ctx, village, today)).filter((h) => h.eligible);
    const minutes = await deps.files.storeGenerated(
      ctx,
      demoPdf(`${village} 村民代表会议决议`),
      exportFileName(['村民代表会议决议'], 'pdf'),
      village,
    );
    for (const state of states) {
      const amount: Fen = ((available * 25n) / 100n / 100n) * 100n; // a quarter of what is left, in whole yuan
      if (amount < 10_000n || eligible.length < 3) break;
      available -= state === 'DRAFT' || state === 'RETURNED' ? 0n : amount;
      const wages = (amount * 50n) / 100n;
      const works = (amount * 25n) / 100n;
      const reserve = amount - wages - works;
      const chosen = eligible.slice(0, Math.min(eligible.length, 6 + rnd.int(0, 4)));
      const wageParts = allocateByWeights(
        wages,
        chosen.map((h) => h.membersCount),
      );
      const plan = await deps.distribution.draft(ctx, {
        villageCode: village,
        title: undefined,
        amount,
        planDate: addDays(today, -rnd.int(20, 60)),
        allocations: [
          {
            channel: DistributionChannel.PUBLIC_WELFARE_JOB_WAGES,
            amount: wages,
            beneficiaries: chosen
              .map((h, i) => ({ householdId: h.id, amount: wageParts[i] }))
              .filter((b) => b.amount > 0n),
            note: '公益性岗位工资（护路员、保洁员）',
          },
          { channel: DistributionChannel.SMALL_PUBLIC_WORKS, amount: works, note: '村内小型公益事业' },
          { channel: DistributionChannel.RESERVE_FUND, amount: reserve, note: '集体经济组织公积公益金' },
        ],
      });
      summary.plans[state] = (summary.plans[state] ?? 0) + 1;
      if (state === 'DRAFT') continue;
      const decision = {
        partyBranchProposalOn: addDays(today, -75),
        twoCommitteesDiscussionOn: addDays(today, -72),
        partyMembersReviewOn: addDays(today, -70),
        representativesDecisionOn: addDays(today, -68),
        decisionPublishedOn: addDays(today, -65),
        fileIds: [minutes.id],
      };
      await deps.distribution.submit(ctx, plan.id, decision);
      if (state === 'SUBMITTED') continue;
      as(officer);
      if (state === 'RETURNED') {
        await deps.distribution.returnPlan(
          ctx,
          plan.id,
          '受益户名单需附村民代表会议签字页，请补充后重新提交',
        );
        as(clerk);
        continue;
      }
      await deps.distribution.file(ctx, plan.id);
      as(clerk);
      const filed = await deps.distribution.findOne(ctx, plan.id);
      // 大坪村 (500101153201) paid its completed plan more than 15 days ago and has not published the
      // result yet (a red flag); 梧桐村 published it.
      const late = village === '500101153201';
      const paidOn = (): string => addDays(today, late ? -rnd.int(20, 30) : -rnd.int(1, 15));
      for (const [i, allocation] of filed.allocations.entries()) {
        if (allocation.beneficiaries.length > 0) {
          // Each beneficiary household is paid its share (COMPLETED), or half of them are (FILED).
          const paid =
            state === 'COMPLETED' ? allocation.beneficiaries : allocation.beneficiaries.slice(0, 2);
          for (const [j, b] of paid.entries()) {
            await deps.distribution.recordPayout(ctx, {
              planId: plan.id,
              allocationId: allocation.id,
              householdId: b.householdId,
              amount: b.amount,
              paidOn: paidOn(),
              bankReference: `一卡通 6217${village.slice(-4)}${String(j + 1).padStart(8, '0')}`,
            });
          }
          continue;
        }
        // COMPLETED: pay everything; FILED: pay the wages only.
        const pay = state === 'COMPLETED' ? allocation.amount : i === 0 ? allocation.amount : 0n;
        if (pay <= 0n) continue;
        await deps.distribution.recordPayout(ctx, {
          planId: plan.id,
          allocationId: allocation.id,
          amount: pay,
          paidOn: paidOn(),
        });
      }
      if (state === 'COMPLETED' && !late) {
        const notice = await deps.files.storeGenerated(
          ctx,
          demoPdf(`${village} 收益分配结果公示`),
          exportFileName(['收益分配结果公示'], 'pdf'),
          village,
        );
        await deps.distribution.recordResultPublicity(ctx, {
          planId: plan.id,
          publishedOn: today,
          evidenceFileIds: [notice.id],
        });
      }
    }
  }
  ctx.user = undefined;
  return summary;
}

/** A minimal valid PDF with a line of text (enough for the type check and a viewer). */
export function demoPdf(title: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'utf8',
  );
}
