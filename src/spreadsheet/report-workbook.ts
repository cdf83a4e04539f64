import { excelJs } from '@/common/libraries';

/** A column of a report sheet. Money is given as the exact decimal string of yuan ("12345.67"). */
export interface ReportColumn<Row> {
  header: string;
  width?: number;
  kind?: 'text' | 'money' | 'int' | 'date';
  value: (row: Row) => string | number | null | undefined;
}

export interface ReportSheet<Row> {
  name: string;
  columns: Array<ReportColumn<Row>>;
  rows: Row[];
}

/** A sheet with its cells computed: what the workbook writer takes (rows of any type). */
export interface SheetCells {
  name: string;
  columns: Array<{ header: string; width?: number; kind?: ReportColumn<never>['kind'] }>;
  cells: Array<Array<string | number | null>>;
}

export function sheet<Row>(s: ReportSheet<Row>): SheetCells {
  return {
    name: s.name,
    columns: s.columns.map((c) => ({ header: c.header, width: c.width, kind: c.kind })),
    cells: s.rows.map((row) => s.columns.map((c) => c.value(row) ?? null)),
  };
}

/**
 * Writes report sheets to an .xlsx: a bold frozen header, widths, money as numbers with two decimals
 * (converted from the exact decimal strings; the cells only display, no arithmetic flows through them),
 * dates as text 'YYYY-MM-DD'.
 */
export async function reportWorkbook(
  title: string,
  sheets: SheetCells[],
  footnote?: string,
): Promise<Buffer> {
  const workbook = new (excelJs().Workbook)();
  workbook.creator = 'Asset Registry';
  workbook.title = title;
  workbook.created = new Date();
  for (const s of sheets) {
    const ws = workbook.addWorksheet(s.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({
      header: c.header,
      width: c.width ?? Math.max(12, c.header.length * 2 + 4),
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of s.cells) {
      ws.addRow(row.map((v, i) => (v !== null && s.columns[i].kind === 'money' ? Number(v) : v)));
    }
    s.columns.forEach((c, i) => {
      if (c.kind === 'money') ws.getColumn(i + 1).numFmt = '#,##0.00';
    });
    if (footnote) {
      ws.addRow([]);
      ws.addRow([footnote]).font = { italic: true, color: { argb: 'FF666666' } };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
