/** The translations of problem-messages.ts checked against what the real producers of problems say. */
import { ProblemList } from '@/common/errors';
import { AssetDraft, checkAssetRules } from '@/assets/asset-rules';
import { AssetClass, AssetForm, AssetStatus } from '@/assets/asset.enums';
import { parseFundSources } from '@/assets/excel/fund-source-cells';
import { statusProblems } from '@/households/household-rules';
import { HouseholdStatusKind } from '@/households/household.enums';
import { idNumberProblem } from '@/households/id-number';
import {
  CellProblem,
  parseDate,
  parseEnum,
  parseInteger,
  parseMoney,
  parseQuantity,
  parseText,
} from '@/spreadsheet/cells';
import { fieldMessageZh } from '@/common/i18n/field-messages';
import { problemMessage, problemMessageZh } from '@/common/i18n/problem-messages';

/** Latin words of a translation that are not a value the user typed or the name of a tool or format. */
function englishLeft(zh: string): string[] {
  return (zh.replace(/“[^”]*”/g, '').match(/[A-Za-z]{3,}/g) ?? []).filter(
    (w) => w !== w.toUpperCase() && !['Excel', 'LibreOffice', 'xlsx'].includes(w),
  );
}

function cellProblem(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    if (error instanceof CellProblem) return error.message;
    throw error;
  }
  throw new Error('no problem raised');
}

const draft = (overrides: Partial<AssetDraft>): AssetDraft => ({
  class: AssetClass.OPERATING,
  form: AssetForm.FIXED,
  status: AssetStatus.IN_USE,
  statusSince: null,
  investedAmount: 100000n,
  formedValue: 100000n,
  fundSources: [{ source: 'LINKAGE_FUND' as never, amount: 100000n }],
  completionDate: '2021-10-01',
  acceptanceDate: null,
  handoverDate: null,
  operator: null,
  operatingMode: null,
  contractStart: null,
  contractEnd: null,
  contractTerms: null,
  contractAnnualAmount: null,
  investee: null,
  equityAgreementNo: null,
  equityMaturityDate: null,
  householdRegistryNo: null,
  householdHeadName: null,
  beneficiaryHouseholds: null,
  beneficiaryPeople: null,
  beneficiaryPoorHouseholds: null,
  beneficiaryPoorPeople: null,
  beneficiaryMonitoredHouseholds: null,
  beneficiaryMonitoredPeople: null,
  ...overrides,
});

describe('problemMessageZh', () => {
  /** What the real producers say: every rule of an asset broken, every cell parser refusing. */
  const produced: string[] = [];
  const rules = (d: Partial<AssetDraft>): void => {
    const list = new ProblemList();
    checkAssetRules(draft(d), '', list);
    produced.push(...list.all.map((p) => p.message));
  };
  rules({ status: AssetStatus.DISPOSED });
  rules({ beneficiaryPoorHouseholds: 2, beneficiaryMonitoredPeople: 1 });
  rules({
    beneficiaryHouseholds: 5,
    beneficiaryPeople: 4,
    beneficiaryPoorHouseholds: 4,
    beneficiaryMonitoredHouseholds: 2,
    beneficiaryPoorPeople: 3,
    beneficiaryMonitoredPeople: 2,
  });
  rules({ fundSources: [] });
  rules({ investedAmount: 200000n });
  rules({
    fundSources: [
      { source: 'LINKAGE_FUND' as never, amount: 50000n },
      { source: 'LINKAGE_FUND' as never, amount: 50000n },
    ],
  });
  rules({ completionDate: '2099-01-01', acceptanceDate: '2021-01-01', handoverDate: '2020-01-01' });
  rules({ completionDate: null, status: AssetStatus.IDLE });
  rules({ status: AssetStatus.UNDER_CONSTRUCTION, completionDate: null, handoverDate: '2021-01-01' });
  rules({ operatingMode: 'LEASE', contractStart: '2022-01-01', contractEnd: '2021-01-01' });
  rules({ contractStart: '2022-01-01' });
  rules({ form: AssetForm.EQUITY, class: AssetClass.PUBLIC_WELFARE });
  rules({ investee: '某公司' });
  rules({ class: AssetClass.HOUSEHOLD });
  rules({ householdRegistryNo: 'H-1' });
  const cells: Array<[() => unknown]> = [
    [() => parseMoney('12.345')],
    [() => parseMoney('abc')],
    [() => parseMoney(-5)],
    [() => parseMoney(1e20)],
    [() => parseMoney(new Date())],
    [() => parseMoney('99999999999999999999.00')],
    [() => parseQuantity('x')],
    [() => parseQuantity('1.2345')],
    [() => parseQuantity(new Date())],
    [() => parseQuantity(-1)],
    [() => parseDate('2021-13-01')],
    [() => parseDate('yesterday')],
    [() => parseDate(12.5)],
    [() => parseInteger('many', 1, 10)],
    [() => parseInteger('20', 1, 10)],
    [() => parseEnum('飞走了', { IN_USE: '在用', IDLE: '闲置' })],
    [() => parseText('长'.repeat(30), 20)],
    [() => parseText({ error: '#REF!' }, 20)],
    [() => parseText('梧桐\ufffd村', 20)],
    [() => parseFundSources('衔接资金')],
    [() => parseFundSources('外星资金:100')],
    [() => parseFundSources('衔接资金:0;衔接资金:1.234;区级财政资金:-1')],
  ];
  for (const [parse] of cells) produced.push(cellProblem(parse));
  for (const id of [
    '5001011990',
    '50010119900101123A',
    '000101199001011234',
    '500101199013011234',
    '500101209901011234',
    '500101199001011235',
  ]) {
    produced.push(`is not a valid resident ID number: ${idNumberProblem(id, '2026-11-30')!}`);
  }
  produced.push(
    ...statusProblems(
      {
        status: HouseholdStatusKind.MONITORED,
        monitoringCategory: null,
        startedOn: '2099-01-01',
        endedOn: '2000-01-01',
      },
      '2026-11-30',
    ).map((p) => p.message),
    ...statusProblems(
      {
        status: HouseholdStatusKind.POVERTY_ALLEVIATED,
        monitoringCategory: 'x' as never,
        startedOn: '2020-01-01',
        endedOn: null,
      },
      '2026-11-30',
    ).map((p) => p.message),
  );

  it.each(produced.map((m) => [m]))('translates %s', (message) => {
    const zh = problemMessageZh(message);
    expect(zh).toBeDefined();
    expect(englishLeft(zh!)).toEqual([]);
    expect(fieldMessageZh(message)).toBe(zh);
  });

  it('covers every kind of rule above (the producers said something for each)', () => {
    expect(produced.length).toBeGreaterThanOrEqual(40);
  });

  it('translates what the village lookups of the asset import say', () => {
    expect(
      problemMessageZh(
        '500101157202 (双河村) was retired on 2026-11-01 (merged into 500101157201): it takes no new assets',
      ),
    ).toBe('500101157202 (双河村) 已于 2026-11-01 撤销（并入 500101157201）：不能再登记新资产');
    expect(
      problemMessageZh(
        'several regions are called 新村 (500101151203, 500101153203): write the code, or the township and the village (龙驹镇/梧桐村)',
      ),
    ).toBe('有多个区域名为“新村”（500101151203, 500101153203）：请填写代码，或写出乡镇和村（龙驹镇/梧桐村）');
  });

  it('translates how an import job ends when it fails as a whole (ImportJobRunner, the race messages)', () => {
    for (const [message, zh] of [
      [
        'The file could not be read as an .xlsx workbook: nothing was imported.',
        '文件无法作为 .xlsx 工作簿读取：没有导入任何数据。',
      ],
      [
        'The file could not be read as a CSV file: nothing was imported.',
        '文件无法作为 CSV 文件读取：没有导入任何数据。',
      ],
      [
        'The import failed because of an internal error (request id asset-import:7f3c). Nothing was imported.',
        '导入因系统内部错误失败（请求编号 asset-import:7f3c）：没有导入任何数据。',
      ],
      [
        'The import was marked as failed while it ran: nothing was imported.',
        '导入进行中已被标记为失败：没有导入任何数据。',
      ],
      [
        'An asset code of the file was registered by someone else during the import. Nothing was imported: start the import again to see which.',
        '导入期间，文件中的某个资产编号已被他人登记：没有导入任何数据，请重新导入以查看是哪一个。',
      ],
      [
        'A project code of the file was registered by someone else during the import. Nothing was imported: start the import again to see which.',
        '导入期间，文件中的某个项目编号已被他人登记：没有导入任何数据，请重新导入以查看是哪一个。',
      ],
    ]) {
      expect(problemMessageZh(message)).toBe(zh);
    }
  });

  it('translates each part of a message of several', () => {
    expect(
      problemMessageZh('"外星资金" is not a fund source (衔接资金、区级财政资金); 衔接资金 is listed twice'),
    ).toBe('“外星资金”不是资金来源（可填：衔接资金、区级财政资金）；衔接资金 重复列出');
  });

  it('leaves a message it does not know undefined, and English as raised on request', () => {
    expect(problemMessageZh('something nobody wrote a translation for')).toBeUndefined();
    expect(problemMessage('something nobody wrote a translation for', 'zh-CN')).toBe(
      'something nobody wrote a translation for',
    );
    expect(problemMessage('2021-13-01 is not a date of the calendar', 'en')).toBe(
      '2021-13-01 is not a date of the calendar',
    );
  });
});
