import { AuthUser } from '@/common/auth';
import { RequestContext } from '@/common/context';
import { addDays, Fen, todayInChina } from '@/common/scalars';
import { TransactionalConnection } from '@/database';
import { addMonths } from '@/contracts/contract-rules';
import { ContractKind, OperatorKind, PaymentSchedule } from '@/contracts/contract.enums';
import { ContractsService } from '@/contracts/contracts.service';
import { usccCheckCharacter } from '@/contracts/uscc';
import { idNumberCheckCharacter } from '@/households/id-number';

export interface DemoContractsSummary {
  operators: number;
  contracts: number;
}

const CLERKS: Record<string, string> = {
  '500101151201': 'wutong',
  '500101151202': 'yuhe',
  '500101153201': 'daping',
};

const uscc = (first17: string): string => `${first17}${usccCheckCharacter(first17)}`;
const idNumber = (first17: string): string => `${first17}${idNumberCheckCharacter(first17)}`;

/** One operator of each kind (in the village of the asset it runs). */
const OPERATORS: Record<
  ContractKind,
  { kind: OperatorKind; name: string; uscc?: string; idNumber?: string; person: string; phone: string }
> = {
  [ContractKind.LEASE]: {
    kind: OperatorKind.COOPERATIVE,
    name: '万州区梧桐蔬菜专业合作社',
    uscc: uscc('93500101MA60WT01X'),
    person: '张社长',
    phone: '13983500101',
  },
  [ContractKind.CONTRACTING]: {
    kind: OperatorKind.FAMILY_FARM,
    name: '万州区李家湾家庭农场',
    uscc: uscc('92500101MA5YLJW0F'),
    person: '李德明',
    phone: '13983500102',
  },
  [ContractKind.EQUITY]: {
    kind: OperatorKind.ENTERPRISE,
    name: '重庆三峡柑橘产业开发有限公司',
    uscc: uscc('91500101MA5U3GJ1X'),
    person: '周经理',
    phone: '02358000103',
  },
  [ContractKind.ENTRUSTED]: {
    kind: OperatorKind.INDIVIDUAL,
    name: '王建华',
    idNumber: idNumber('50010119800312003'),
    person: '王建华',
    phone: '13983500104',
  },
};

/**
 * Operators of each kind and a contract of each kind for the demo's operating assets, dated so that
 * the demo's year of income (recorded next, under these contracts) pays the lease, the equity
 * dividend and the entrusted operation in full, while the contracting (承包) contract, signed two years
 * earlier and amended since, is behind with its rent (CONTRACT_PAYMENT_OVERDUE); the entrusted
 * operation ends within 90 days without a renewal (CONTRACT_ENDING_NO_RENEWAL).
 */
export async function seedDemoContracts(
  ctx: RequestContext,
  deps: { connection: TransactionalConnection; contracts: ContractsService; users: Map<string, AuthUser> },
): Promise<DemoContractsSummary> {
  const today = todayInChina();
  const manager = deps.connection.requireTransaction(ctx);
  const summary: DemoContractsSummary = { operators: 0, contracts: 0 };
  // The demo's income covers the four quarters before this one (see demo-income.ts).
  const thisQuarterStart = `${today.slice(0, 4)}-${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  const yearAgo = addMonths(thisQuarterStart, -12);
  const assets: Array<{
    id: string;
    code: string;
    location_code: string;
    annual: string | null;
    formed: string;
  }> = await manager.query(
    `SELECT a.id, a.code, a.location_code, a.contract_annual_amount::text AS annual, a.formed_value::text AS formed
         FROM asset a
        WHERE a.class = 'OPERATING' AND a.status = 'IN_USE' AND a.location_code = ANY($1)
          AND EXISTS (SELECT 1 FROM asset_ownership o WHERE o.asset_id = a.id AND o.valid_to IS NULL)
        ORDER BY a.location_code, a.code`,
    [Object.keys(CLERKS)],
  );
  const annualOf = (a: (typeof assets)[number]): Fen =>
    a.annual ? BigInt(a.annual) : (BigInt(a.formed) * 5n) / 100n;
  const endIn = addDays(today, 60);
  const plans: Array<{
    kind: ContractKind;
    terms: (a: (typeof assets)[number]) => {
      startDate: string;
      endDate: string;
      amount: Fen;
      schedule: PaymentSchedule;
      guaranteedMinimum?: Fen;
      equityPrincipal?: Fen;
      equityMaturityDate?: string;
    };
  }> = [
    {
      kind: ContractKind.LEASE,
      terms: (a) => ({
        startDate: yearAgo,
        endDate: addDays(addMonths(yearAgo, 60), -1),
        amount: annualOf(a) / 4n,
        schedule: PaymentSchedule.QUARTERLY,
      }),
    },
    {
      kind: ContractKind.CONTRACTING,
      terms: (a) => ({
        startDate: addMonths(yearAgo, -24),
        endDate: addDays(addMonths(yearAgo, 96), -1),
        amount: annualOf(a),
        schedule: PaymentSchedule.ANNUAL,
      }),
    },
    {
      kind: ContractKind.EQUITY,
      terms: (a) => ({
        startDate: yearAgo,
        endDate: addDays(addMonths(yearAgo, 96), -1),
        amount: annualOf(a),
        schedule: PaymentSchedule.ANNUAL,
        guaranteedMinimum: annualOf(a),
        equityPrincipal: BigInt(a.formed),
        equityMaturityDate: addMonths(yearAgo, 60),
      }),
    },
    {
      kind: ContractKind.ENTRUSTED,
      terms: (a) => ({
        startDate: yearAgo,
        endDate: endIn,
        amount: annualOf(a),
        schedule: PaymentSchedule.ANNUAL,
      }),
    },
  ];
  const operatorIds = new Map<string, string>();
  for (const [i, plan] of plans.entries()) {
    const asset = assets[i * 2];
    if (!asset) break;
    const clerk = CLERKS[asset.location_code];
    ctx.user = deps.users.get(clerk);
    const who = OPERATORS[plan.kind];
    const operatorKey = `${asset.location_code}:${plan.kind}`;
    if (!operatorIds.has(operatorKey)) {
      const operator = await deps.contracts.registerOperator(ctx, {
        kind: who.kind,
        name: who.name,
        uscc: who.uscc,
        idNumber: who.idNumber,
        contactPerson: who.person,
        contactPhone: who.phone,
        idempotencyKey: `demo-operator-${operatorKey}`,
      });
      operatorIds.set(operatorKey, operator.id);
      summary.operators += 1;
    }
    const terms = plan.terms(asset);
    const contract = await deps.contracts.sign(ctx, {
      code: `HT-${asset.code}`,
      kind: plan.kind,
      operatorId: operatorIds.get(operatorKey)!,
      ownerName: '村股份经济合作联合社',
      assetIds: [asset.id],
      ...terms,
      note: `${asset.code} 的${plan.kind === ContractKind.EQUITY ? '入股协议' : '经营合同'}（演示数据）`,
      idempotencyKey: `demo-contract-${asset.code}`,
    });
    summary.contracts += 1;
    if (plan.kind === ContractKind.CONTRACTING) {
      // A supplementary agreement: rent quarterly from a year ago on.
      await deps.contracts.amend(ctx, contract.id, contract.version, {
        effectiveFrom: yearAgo,
        amount: annualOf(asset) / 4n,
        schedule: PaymentSchedule.QUARTERLY,
        note: '补充协议：自本期起租金按季度支付',
      });
    }
  }
  return summary;
}
