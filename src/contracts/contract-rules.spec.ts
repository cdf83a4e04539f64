import { fieldMessageZh } from '@/common/i18n/field-messages';
import {
  addMonths,
  amendmentProblems,
  ContractFacts,
  contractIncomeProblems,
  incomeKindsUnder,
  contractTermsProblems,
  inForceOn,
  installments,
  isPaymentOverdue,
  operatorProblems,
  paymentPosition,
  principalReturnProblems,
  renewalProblems,
  terminationProblems,
} from './contract-rules';
import { incomeKindsUnder as consoleIncomeKindsUnder } from '../../web/src/shared/contracts/contract-income';
import { ContractKind, ContractStatus, OperatorKind, PaymentSchedule } from './contract.enums';

const TODAY = '2026-06-30';
const fields = (problems: Array<{ field: string }>): string[] => problems.map((p) => p.field);

describe('operatorProblems', () => {
  it('an enterprise needs a valid unified social credit code', () => {
    expect(
      operatorProblems({ kind: OperatorKind.ENTERPRISE, name: '某公司', uscc: '91350100M000100Y43' }, TODAY),
    ).toEqual([]);
    expect(fields(operatorProblems({ kind: OperatorKind.ENTERPRISE, name: '某公司' }, TODAY))).toEqual([
      'input.uscc',
    ]);
    const bad = operatorProblems(
      { kind: OperatorKind.COOPERATIVE, name: '某社', uscc: '91350100M000100Y44' },
      TODAY,
    );
    expect(bad[0].message).toContain('check character');
    expect(fieldMessageZh(bad[0].message)).toContain('校验位');
  });

  it('a family farm may have a code, checked when given', () => {
    expect(operatorProblems({ kind: OperatorKind.FAMILY_FARM, name: '某农场' }, TODAY)).toEqual([]);
    expect(
      fields(operatorProblems({ kind: OperatorKind.FAMILY_FARM, name: '某农场', uscc: 'X' }, TODAY)),
    ).toEqual(['input.uscc']);
  });

  it('an individual has an ID number and no code', () => {
    expect(
      operatorProblems(
        { kind: OperatorKind.INDIVIDUAL, name: '张三', idNumber: '11010519491231002X' },
        TODAY,
      ),
    ).toEqual([]);
    expect(fields(operatorProblems({ kind: OperatorKind.INDIVIDUAL, name: '张三' }, TODAY))).toEqual([
      'input.idNumber',
    ]);
    expect(
      fields(
        operatorProblems(
          { kind: OperatorKind.INDIVIDUAL, name: '张三', idNumber: '110105194912310021' },
          TODAY,
        ),
      ),
    ).toEqual(['input.idNumber']);
    expect(
      fields(
        operatorProblems(
          {
            kind: OperatorKind.INDIVIDUAL,
            name: '张三',
            idNumber: '11010519491231002X',
            uscc: '91350100M000100Y43',
          },
          TODAY,
        ),
      ),
    ).toEqual(['input.uscc']);
  });

  it('checks the phone shape', () => {
    expect(
      fields(
        operatorProblems({ kind: OperatorKind.FAMILY_FARM, name: '某农场', contactPhone: 'abc' }, TODAY),
      ),
    ).toEqual(['input.contactPhone']);
  });
});

describe('contractTermsProblems', () => {
  const lease = {
    kind: ContractKind.LEASE,
    startDate: '2024-01-01',
    endDate: '2028-12-31',
    amount: 2_400_000n,
    schedule: PaymentSchedule.ANNUAL,
  };
  it('accepts a lease and refuses an end before the start', () => {
    expect(contractTermsProblems(lease)).toEqual([]);
    expect(fields(contractTermsProblems({ ...lease, endDate: '2023-12-31' }))).toEqual(['input.endDate']);
    expect(fields(contractTermsProblems({ ...lease, endDate: '2024-01-01' }))).toEqual(['input.endDate']);
  });
  it('an equity stake has principal and maturity; others have neither', () => {
    const equity = { ...lease, kind: ContractKind.EQUITY };
    expect(fields(contractTermsProblems(equity))).toEqual([
      'input.equityPrincipal',
      'input.equityMaturityDate',
    ]);
    expect(
      contractTermsProblems({ ...equity, equityPrincipal: 100n, equityMaturityDate: '2028-12-31' }),
    ).toEqual([]);
    expect(fields(contractTermsProblems({ ...lease, equityPrincipal: 100n }))).toEqual([
      'input.equityPrincipal',
    ]);
  });
});

describe('changes', () => {
  const c: ContractFacts = {
    kind: ContractKind.LEASE,
    status: ContractStatus.ACTIVE,
    startDate: '2024-01-01',
    endDate: '2026-12-31',
    terminatedOn: null,
    principalReturnedOn: null,
    lastEffectiveFrom: '2025-01-01',
  };
  it('renewal extends the end', () => {
    expect(renewalProblems(c, '2029-12-31')).toEqual([]);
    expect(fields(renewalProblems(c, '2026-12-31'))).toEqual(['input.endDate']);
    expect(
      fields(
        renewalProblems(
          { ...c, status: ContractStatus.TERMINATED, terminatedOn: '2025-03-01' },
          '2029-12-31',
        ),
      ),
    ).toEqual(['id']);
  });
  it('an amendment takes effect within the term, after the last change', () => {
    expect(amendmentProblems(c, '2025-06-01')).toEqual([]);
    expect(fields(amendmentProblems(c, '2024-06-01'))).toEqual(['input.effectiveFrom']);
    expect(fields(amendmentProblems(c, '2027-01-01'))).toEqual(['input.effectiveFrom']);
  });
  it('termination is early: before the end', () => {
    expect(terminationProblems(c, '2026-03-31')).toEqual([]);
    expect(fields(terminationProblems(c, '2026-12-31'))).toEqual(['input.terminatedOn']);
    expect(fields(terminationProblems(c, '2024-12-31'))).toEqual(['input.terminatedOn']);
  });
  it('principal comes back once, for equity only', () => {
    const e = { ...c, kind: ContractKind.EQUITY };
    expect(principalReturnProblems(e, '2026-01-01', TODAY)).toEqual([]);
    expect(fields(principalReturnProblems(c, '2026-01-01', TODAY))).toEqual(['id']);
    expect(
      fields(principalReturnProblems({ ...e, principalReturnedOn: '2026-01-01' }, '2026-02-01', TODAY)),
    ).toEqual(['id']);
    expect(fields(principalReturnProblems(e, '2026-07-01', TODAY))).toEqual(['input.returnedOn']);
  });
  it('income under a contract: its asset, rent or dividend, a period in force', () => {
    const k = { ...c, code: 'HT-1' };
    expect(
      contractIncomeProblems(k, ['a'], { assetId: 'a', kind: 'RENT', periodFrom: '2025-01-01' }),
    ).toEqual([]);
    expect(
      fields(contractIncomeProblems(k, ['a'], { assetId: 'b', kind: 'RENT', periodFrom: '2025-01-01' })),
    ).toEqual(['input.contractId']);
    expect(
      fields(contractIncomeProblems(k, ['a'], { assetId: 'a', kind: 'SALES', periodFrom: '2025-01-01' })),
    ).toEqual(['input.kind']);
    expect(
      fields(contractIncomeProblems(k, ['a'], { assetId: 'a', kind: 'RENT', periodFrom: '2027-01-01' })),
    ).toEqual(['input.contractId']);
    expect(inForceOn({ ...k, terminatedOn: '2025-03-31' }, '2025-04-01')).toBe(false);
  });

  it('income under a contract is what its kind pays: rent of a lease or contracting, dividends of an equity stake, either of an entrusted operation', () => {
    const paid = (kind: ContractKind, income: string): string[] =>
      contractIncomeProblems({ ...c, kind, code: 'HT-1' }, ['a'], {
        assetId: 'a',
        kind: income,
        periodFrom: '2025-01-01',
      }).map((p) => p.message);
    expect(paid(ContractKind.LEASE, 'RENT')).toEqual([]);
    expect(paid(ContractKind.LEASE, 'DIVIDEND')).toEqual(['contract HT-1 (LEASE) pays RENT, not DIVIDEND']);
    expect(paid(ContractKind.CONTRACTING, 'RENT')).toEqual([]);
    expect(paid(ContractKind.CONTRACTING, 'DIVIDEND')).toEqual([
      'contract HT-1 (CONTRACTING) pays RENT, not DIVIDEND',
    ]);
    expect(paid(ContractKind.EQUITY, 'DIVIDEND')).toEqual([]);
    expect(paid(ContractKind.EQUITY, 'RENT')).toEqual(['contract HT-1 (EQUITY) pays DIVIDEND, not RENT']);
    expect(paid(ContractKind.ENTRUSTED, 'RENT')).toEqual([]);
    expect(paid(ContractKind.ENTRUSTED, 'DIVIDEND')).toEqual([]);
    expect(paid(ContractKind.EQUITY, 'SALES')).toEqual([
      'income under a contract must be rent or a dividend',
    ]);
    expect(incomeKindsUnder(ContractKind.ENTRUSTED)).toEqual(['RENT', 'DIVIDEND']);
  });

  it('the console offers an income the contracts that pay its kind, by the same rule', () => {
    for (const kind of Object.values(ContractKind)) {
      expect(consoleIncomeKindsUnder(kind)).toEqual(incomeKindsUnder(kind));
    }
  });
});

describe('installments and what is owed', () => {
  it('counts months with the day clamped to the month end', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-11-15', 3)).toBe('2025-02-15');
  });

  it('yearly rent falls due at the end of each year; a short last period pro rata', () => {
    const list = installments(
      [{ effectiveFrom: '2024-01-01', amount: 3_650_000n, schedule: PaymentSchedule.ANNUAL }],
      '2025-01-10',
    );
    expect(list).toEqual([
      { periodFrom: '2024-01-01', periodTo: '2024-12-31', dueOn: '2024-12-31', amount: 3_650_000n },
      { periodFrom: '2025-01-01', periodTo: '2025-01-10', dueOn: '2025-01-10', amount: 100_000n },
    ]);
  });

  it('an amendment starts new periods from its day; one-off amounts fall due on their first day', () => {
    const list = installments(
      [
        { effectiveFrom: '2024-01-01', amount: 300n, schedule: PaymentSchedule.QUARTERLY },
        { effectiveFrom: '2024-07-01', amount: 1000n, schedule: PaymentSchedule.ONE_OFF },
      ],
      '2024-12-31',
    );
    expect(list.map((x) => [x.dueOn, x.amount])).toEqual([
      ['2024-03-31', 300n],
      ['2024-06-30', 300n],
      ['2024-07-01', 1000n],
    ]);
  });

  it('income covers the oldest installments first; the rest is owed since the first unpaid one', () => {
    const list = installments(
      [{ effectiveFrom: '2024-01-01', amount: 1000n, schedule: PaymentSchedule.SEMIANNUAL }],
      '2026-12-31',
    );
    const p = paymentPosition(list, 1500n, '2025-08-01');
    expect(p.dueToDate).toBe(3000n);
    expect(p.outstanding).toBe(1500n);
    expect(p.overdueSince).toBe('2024-12-31');
    expect(p.overdueDays).toBe(213);
    expect(p.installments.map((x) => x.received)).toEqual([1000n, 500n, 0n, 0n, 0n, 0n]);
    expect(paymentPosition(list, 3000n, '2025-08-01')).toMatchObject({ outstanding: 0n, overdueSince: null });
    expect(p).toMatchObject({ receivedAhead: 0n, overpaid: 0n });
  });

  it('income ahead of the due days is 预收; beyond the whole term it is 多收 as well', () => {
    const list = installments(
      [{ effectiveFrom: '2024-01-01', amount: 1000n, schedule: PaymentSchedule.SEMIANNUAL }],
      '2026-12-31',
    );
    // Due by 2025-08-01: three halves (3,000); the term: six (6,000).
    expect(paymentPosition(list, 3002n, '2025-08-01')).toMatchObject({
      outstanding: 0n,
      receivedAhead: 2n,
      overpaid: 0n,
    });
    const over = paymentPosition(list, 6500n, '2025-08-01');
    expect(over).toMatchObject({ outstanding: 0n, receivedAhead: 3500n, overpaid: 500n });
    expect(over.installments.every((x) => x.received === x.amount)).toBe(true);
  });
});

describe('isPaymentOverdue', () => {
  it('only past the grace days, never when nothing is owed', () => {
    expect(isPaymentOverdue({ overdueDays: null }, 30)).toBe(false);
    expect(isPaymentOverdue({ overdueDays: 30 }, 30)).toBe(false);
    expect(isPaymentOverdue({ overdueDays: 31 }, 30)).toBe(true);
    expect(isPaymentOverdue({ overdueDays: 1 }, 0)).toBe(true);
  });
});
