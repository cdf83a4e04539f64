import { problemMessageZh } from '@/common/i18n/problem-messages';
import { planVillageImport } from './village-import-rules';

const refs = {
  districtCode: '500101',
  townships: new Map([['500101151', '龙驹镇']]),
  villages: new Map([['500101151201', { name: '梧桐村', retired: false }]]),
};
const rows = (...lines: string[][]) => lines.map((cells, i) => ({ number: i + 1, cells }));

describe('village import rules', () => {
  it('creates new villages, skips registered ones and township rows', () => {
    const plan = planVillageImport(
      rows(
        ['统计用区划代码', '城乡分类代码', '名称'],
        ['500101151000', '121', '龙驹镇'],
        ['500101151201', '220', '梧桐村'],
        ['500101151204', '220', '新华村'],
      ),
      refs,
    );
    expect(plan.problems).toEqual([]);
    expect(plan.unchanged).toBe(2);
    expect(plan.create).toEqual([{ row: 4, code: '500101151204', name: '新华村', parentCode: '500101151' }]);
  });

  it('names every bad row (and a header without the columns)', () => {
    const plan = planVillageImport(
      rows(
        ['代码', '名称'],
        ['123', '短码'],
        ['500102001201', '外区村'],
        ['500101999201', '无镇村'],
        ['500101151204', '新华村'],
        ['500101151204', '新华村'],
        ['500101151201', '梧桐新村'],
        ['500101151205', ''],
        ['500101151206', '新\ufffd村'],
      ),
      refs,
    );
    expect(plan.problems.map((p) => p.row)).toEqual([2, 3, 4, 6, 7, 8, 9]);
    expect(plan.problems[6].message).toMatch(/^the name holds the character "\ufffd"/);
    // Every problem has its Chinese (an import's problems are translated when they are read).
    expect(plan.problems.map((p) => problemMessageZh(p.message))).toEqual([
      '“123”不是 12 位（村、社区）或 9 位（乡镇）统计用区划代码',
      '500102001201 不属于本区（500101）',
      '500101999201 所属的乡镇 500101999 未登记',
      '500101151204 与第 5 行重复',
      '500101151201 已登记为“梧桐村”：更名请使用“更名”功能，以保留历史',
      '名称不能为空',
      '名称含有字符“\ufffd”，文字在转换或复制时已损坏：请重新输入',
    ]);
    expect(planVillageImport(rows(['a', 'b']), refs).problems.map((p) => p.column)).toEqual(['代码', '名称']);
    expect(planVillageImport(rows(['code', 'name']), refs).problems).toHaveLength(1);
  });
});
