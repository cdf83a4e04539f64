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
    expect(plan.problems[6].message).toBe('名称含有字符“\ufffd”，文字在转换或复制时已损坏：请重新输入');
    expect(planVillageImport(rows(['a', 'b']), refs).problems.map((p) => p.column)).toEqual(['代码', '名称']);
    expect(planVillageImport(rows(['code', 'name']), refs).problems).toHaveLength(1);
  });
});
