import ExcelJS from 'exceljs';
import { reportWorkbook, sheet } from './report-workbook';

describe('reportWorkbook', () => {
  interface Payout {
    household: string;
    amount: string;
    day: string;
    people: number;
  }
  const ROWS = 2500;
  const payouts: Payout[] = Array.from({ length: ROWS }, (_, i) => ({
    household: `农户${i + 1}`,
    amount: `${1000 + i}.05`,
    day: '2026-03-01',
    people: (i % 5) + 1,
  }));

  it('writes each sheet with a bold frozen header, money as numbers with two decimals, and the footnote', async () => {
    const bytes = await reportWorkbook(
      '收益报表',
      [
        sheet<Payout>({
          name: '收益分配明细表',
          columns: [
            { header: '户主', value: (p) => p.household },
            { header: '金额(元)', kind: 'money', width: 14, value: (p) => p.amount },
            { header: '日期', kind: 'date', value: (p) => p.day },
            { header: '人数', kind: 'int', value: (p) => p.people },
          ],
          rows: payouts,
        }),
        sheet<Payout>({
          name: '收益汇总',
          columns: [{ header: '户主', value: (p) => p.household }],
          rows: [],
        }),
      ],
      '金额单位：元',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.title).toBe('收益报表');
    expect(book.worksheets.map((s) => s.name)).toEqual(['收益分配明细表', '收益汇总']);
    const details = book.getWorksheet('收益分配明细表')!;
    expect(details.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((details.getRow(1).values as unknown[]).slice(1)).toEqual(['户主', '金额(元)', '日期', '人数']);
    expect(details.getCell('A1').font).toMatchObject({ bold: true });
    expect(details.getColumn(2).width).toBe(14);
    expect(details.getColumn(1).width).toBe(12);
    expect([details.getCell('A2').value, details.getCell('B2').value, details.getCell('C2').value]).toEqual([
      '农户1',
      1000.05,
      '2026-03-01',
    ]);
    expect(details.getCell('B2').numFmt).toBe('#,##0.00');
    expect(details.getCell(`B${ROWS + 1}`).value).toBe(1000 + ROWS - 1 + 0.05);
    expect(details.getCell(`D${ROWS + 1}`).value).toBe(5);
    // A blank row, then the footnote in grey italics.
    expect(details.getCell(`A${ROWS + 2}`).value).toBeNull();
    expect(details.getCell(`A${ROWS + 3}`).value).toBe('金额单位：元');
    expect(details.getCell(`A${ROWS + 3}`).font).toMatchObject({ italic: true });
    const summary = book.getWorksheet('收益汇总')!;
    expect(summary.getCell('A1').value).toBe('户主');
    expect(summary.getCell('A3').value).toBe('金额单位：元');
  });
});
