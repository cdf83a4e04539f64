import { openCsv } from '@/spreadsheet/workbook';
import { ImportProblems, parseFile } from './asset-import.validator';

const csv = (lines: string[]): Buffer => Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
const HEADER = '资产编号,资产名称,所属项目,所在村/镇,数量,投资额(元)';

describe('parseFile: the asset sheet read once, its rows read again when asked', () => {
  it('counts the rows and collects their references on the first reading; later readings give the same rows', async () => {
    const problems = new ImportProblems(100);
    const file = await parseFile(
      [
        openCsv(
          csv([
            HEADER,
            'A-1,大棚,P-1,500101001,1,100',
            'A-2,水池,P-2,白羊镇,x,200',
            ',,,,,',
            'A-1,重复,P-1,500101001,2,1',
          ]),
          100,
          '资产',
        ),
      ],
      problems,
    );
    expect(file.assetCount).toBe(3);
    expect(file.takeReferences()).toEqual({
      assetCodes: ['A-1', 'A-2'],
      projectCodes: ['P-1', 'P-2'],
      // Only codes: a name (白羊镇) is looked up among the regions in scope.
      regionCodes: ['500101001'],
    });
    // The unreadable quantity of row 3 is reported once, on the first reading.
    const quantityProblems = problems.list.filter((p) => p.row === 3 && p.column === '数量');
    expect(quantityProblems).toHaveLength(1);
    const count = problems.count;

    const read = async (): Promise<Array<{ row: number; code: string | null; quantity: boolean }>> => {
      const rows = [];
      for await (const r of file.assets()) {
        rows.push({ row: r.row, code: r.values.code, quantity: !r.unreadable.has('quantity') });
      }
      return rows;
    };
    const first = await read();
    expect(first).toEqual([
      { row: 2, code: 'A-1', quantity: true },
      { row: 3, code: 'A-2', quantity: false },
      { row: 5, code: 'A-1', quantity: true },
    ]);
    expect(await read()).toEqual(first);
    expect(problems.count).toBe(count);
  });

  it('lists "more than … rows" first, however many other problems the list already holds', async () => {
    const problems = new ImportProblems(2);
    const rows = Array.from({ length: 6 }, (_, i) => `A-${i},大棚,P-1,500101001,x,y`);
    await parseFile([openCsv(csv([HEADER, ...rows]), 5, '资产')], problems);
    expect(problems.count).toBeGreaterThan(2);
    expect(problems.list).toHaveLength(2);
    expect(problems.list[0]).toEqual({
      sheet: '资产',
      row: 0,
      column: '',
      message: 'more than 100000 data rows: split the file',
    });
  });
});
