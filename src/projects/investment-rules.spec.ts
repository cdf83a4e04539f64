import { problemMessageZh } from '@/common/i18n/problem-messages';
import { FundSource } from './fund-source.enum';
import { describeOverruns, investmentBalances, investmentOverruns, sumBySource } from './investment-rules';

const { LINKAGE_FUND, DISTRICT_FISCAL, BOND } = FundSource;

describe('investment rules', () => {
  const project = [
    { source: LINKAGE_FUND, amount: 30_000_000n },
    { source: DISTRICT_FISCAL, amount: 10_000_000n },
  ];

  it('assets may use up to the project investment of each source, to the fen', () => {
    expect(
      investmentOverruns(project, [
        { source: LINKAGE_FUND, amount: 20_000_000n },
        { source: LINKAGE_FUND, amount: 10_000_000n },
        { source: DISTRICT_FISCAL, amount: 10_000_000n },
      ]),
    ).toEqual([]);
    expect(investmentOverruns(project, [])).toEqual([]);
  });

  it('one fen over a source, or a source the project does not have, overruns', () => {
    expect(
      investmentOverruns(project, [
        { source: LINKAGE_FUND, amount: 30_000_001n },
        { source: BOND, amount: 100n },
        { source: DISTRICT_FISCAL, amount: 5n },
      ]),
    ).toEqual([
      { source: LINKAGE_FUND, invested: 30_000_000n, used: 30_000_001n },
      { source: BOND, invested: 0n, used: 100n },
    ]);
  });

  it('says it with the amounts in yuan, in English and, translated, in Chinese', () => {
    const said = describeOverruns([
      { source: LINKAGE_FUND, invested: 30_000_000n, used: 44_000_000n },
      { source: BOND, invested: 0n, used: 150n },
    ]);
    expect(said).toBe(
      `${LINKAGE_FUND}: the project invested 300000.00 yuan, its assets 440000.00 yuan (140000.00 yuan over); ${BOND}: the project invested 0.00 yuan, its assets 1.50 yuan (1.50 yuan over)`,
    );
    expect(problemMessageZh(`exceeds the investment of project P-1: ${said}`)).toBe(
      '超出项目 P-1 的投资：衔接资金：项目投资 300000.00 元，资产合计 440000.00 元（超出 140000.00 元）；债券资金：项目投资 0.00 元，资产合计 1.50 元（超出 1.50 元）',
    );
    expect(problemMessageZh(`below what the project's assets use: ${said}`)).toBe(
      '低于项目资产已用的投资：衔接资金：项目投资 300000.00 元，资产合计 440000.00 元（超出 140000.00 元）；债券资金：项目投资 0.00 元，资产合计 1.50 元（超出 1.50 元）',
    );
  });

  it('sums per source', () => {
    expect(
      sumBySource([
        { source: BOND, amount: 1n },
        { source: BOND, amount: 2n },
      ]),
    ).toEqual(new Map([[BOND, 3n]]));
  });

  it('balances: per source what was invested, used and remains, a source only assets use included', () => {
    expect(
      investmentBalances(project, [
        { source: DISTRICT_FISCAL, amount: 4_000_000n },
        { source: BOND, amount: 100n },
        { source: DISTRICT_FISCAL, amount: 6_000_000n },
      ]),
    ).toEqual([
      { source: DISTRICT_FISCAL, invested: 10_000_000n, used: 10_000_000n, remaining: 0n },
      { source: LINKAGE_FUND, invested: 30_000_000n, used: 0n, remaining: 30_000_000n },
      { source: BOND, invested: 0n, used: 100n, remaining: -100n },
    ]);
    expect(investmentBalances([], [])).toEqual([]);
  });
});
