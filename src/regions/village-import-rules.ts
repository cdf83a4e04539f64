/**
 * The rules of a village list (村、社区) as the National Bureau of Statistics publishes it: a CSV with a
 * header row naming the 12-digit statistical code (统计用区划代码 / 代码 / code) and the name (名称 / name);
 * other columns (城乡分类代码 …) are ignored. Township rows (9 digits, or 12 digits ending in 000) are
 * checked against the register and otherwise skipped. Pure: the service loads what the rows refer to.
 */

export interface VillageImportProblem {
  /** The row as a spreadsheet numbers it (the header is row 1); 0 for the file as a whole. */
  row: number;
  column: string;
  message: string;
}

export interface VillageRow {
  row: number;
  code: string;
  name: string;
  parentCode: string;
}

export interface VillageImportPlan {
  create: VillageRow[];
  unchanged: number;
  problems: VillageImportProblem[];
}

const CODE_HEADERS = ['统计用区划代码', '区划代码', '代码', 'code'];
const NAME_HEADERS = ['名称', '村名称', '村（社区）名称', 'name'];

/** What the rows are checked against. */
export interface VillageImportReferences {
  /** The district the register covers (6 digits): every code starts with it. */
  districtCode: string;
  /** Townships registered (code → name). */
  townships: Map<string, string>;
  /** Villages registered (code → name and whether retired). */
  villages: Map<string, { name: string; retired: boolean }>;
}

const norm = (cell: string | null | undefined): string =>
  (cell ?? '')
    .replace(/^\ufeff/, '')
    .replace(/\s+/g, '')
    .trim();

/**
 * Checks the rows (`rows[0]` is the header) and says which villages to create. All or nothing: the
 * service writes `create` only when `problems` is empty.
 */
export function planVillageImport(
  rows: ReadonlyArray<{ number: number; cells: ReadonlyArray<string | null> }>,
  refs: VillageImportReferences,
  maxRows = 5000,
): VillageImportPlan {
  const problems: VillageImportProblem[] = [];
  const create: VillageRow[] = [];
  let unchanged = 0;
  const header = (rows[0]?.cells ?? []).map((c) => norm(c).toLowerCase());
  const codeAt = header.findIndex((h) => CODE_HEADERS.includes(h));
  const nameAt = header.findIndex((h) => NAME_HEADERS.includes(h));
  if (codeAt < 0)
    problems.push({
      row: 1,
      column: '代码',
      message: 'the header row has no "统计用区划代码" (or "代码") column',
    });
  if (nameAt < 0) problems.push({ row: 1, column: '名称', message: 'the header row has no "名称" column' });
  if (problems.length) return { create, unchanged, problems };
  const data = rows.slice(1);
  if (data.length === 0) problems.push({ row: 0, column: '', message: 'the file has no data rows' });
  if (data.length > maxRows) {
    problems.push({ row: 0, column: '', message: `more than ${maxRows} data rows: split the file` });
    return { create, unchanged, problems };
  }
  const seen = new Map<string, number>();
  for (const { number, cells } of data) {
    const code = norm(cells[codeAt]);
    const name = (cells[nameAt] ?? '').trim();
    const add = (column: string, message: string): void => {
      problems.push({ row: number, column, message });
    };
    if (!/^\d{9}$|^\d{12}$/.test(code)) {
      add(
        '代码',
        `"${code.slice(0, 20)}" is not a 12-digit (village or community) or 9-digit (township) statistical division code`,
      );
      continue;
    }
    if (!code.startsWith(refs.districtCode)) {
      add('代码', `${code} is not in this district (${refs.districtCode})`);
      continue;
    }
    if (!name) add('名称', 'the name must not be empty');
    else if (name.length > 100) add('名称', 'the name is longer than 100 characters');
    // U+FFFD stands where text was damaged (see spreadsheet/cells.ts, DAMAGED_TEXT).
    else if (name.includes('\ufffd'))
      add(
        '名称',
        'the name holds the character "\ufffd", left where text was damaged in a conversion or a copy: type it again',
      );
    const first = seen.get(code);
    if (first !== undefined) {
      add('代码', `${code} is also on row ${first}`);
      continue;
    }
    seen.set(code, number);
    const township = code.length === 9 || code.endsWith('000') ? code.slice(0, 9) : null;
    if (township) {
      // A township row: it must be registered already (the 52 townships are reference data).
      if (!refs.townships.has(township))
        add('代码', `township ${township} is not registered: an administrator must add it first`);
      else unchanged++;
      continue;
    }
    const parentCode = code.slice(0, 9);
    if (!refs.townships.has(parentCode)) {
      add('代码', `the township ${parentCode} of ${code} is not registered`);
      continue;
    }
    const existing = refs.villages.get(code);
    if (existing) {
      if (name && existing.name !== name) {
        add(
          '名称',
          `${code} is registered as "${existing.name}": rename it instead (renameRegion), to keep its history`,
        );
      } else unchanged++;
      continue;
    }
    if (name && name.length <= 100) create.push({ row: number, code, name, parentCode });
  }
  return { create, unchanged, problems };
}
