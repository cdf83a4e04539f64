/**
 * The household import template (农户信息导入模板): its sheet, its columns in order (Chinese header, the
 * field each maps to) and the pure parsing of one row, on the spreadsheet layer's cells and template
 * machinery (`@/spreadsheet`).
 */
import {
  CellProblem,
  cellText,
  halfWidth,
  parseDate,
  parseEnum,
  parseInteger,
  PlainCell,
} from '@/spreadsheet/cells';
import {
  columnByKey,
  matchHeaders as matchTemplateHeaders,
  rowReader,
  TemplateColumn,
} from '@/spreadsheet/template';
import { PHONE, REGISTRY_NO } from '../dto/household.inputs';
import {
  HOUSEHOLD_STATUS_NAMES,
  HouseholdStatusKind,
  MONITORING_CATEGORY_NAMES,
  MonitoringCategory,
} from '../household.enums';
import { idNumberProblem } from '../id-number';

export const HOUSEHOLD_SHEET = '农户';
export const INSTRUCTIONS_SHEET = '说明';

/** Largest number of data rows one file may have. */
export const MAX_HOUSEHOLD_IMPORT_ROWS = 50_000;

export type HouseholdColumnKey =
  | 'registryNo'
  | 'headName'
  | 'village'
  | 'membersCount'
  | 'idNumber'
  | 'phone'
  | 'status'
  | 'monitoringCategory'
  | 'startedOn'
  | 'endedOn';

export type HouseholdColumn = TemplateColumn<HouseholdColumnKey>;

const DATE_HINT = '日期，如 2020-06-30（也可 2020/06/30）';

/** The columns of the 农户 sheet, in order. */
export const HOUSEHOLD_COLUMNS: readonly HouseholdColumn[] = [
  {
    key: 'registryNo',
    header: '户籍编号',
    required: true,
    kind: 'text',
    width: 22,
    note: '户籍/建档立卡编号，全区唯一；字母、数字及 . _ / -，最多 64 位',
  },
  { key: 'headName', header: '户主姓名', required: true, kind: 'text', width: 12, note: '最多 100 字' },
  {
    key: 'village',
    header: '所在村',
    required: true,
    kind: 'text',
    width: 16,
    note: '村的 12 位区划代码，或本辖区内唯一的村名',
  },
  {
    key: 'membersCount',
    header: '家庭人口',
    required: true,
    kind: 'integer',
    width: 10,
    note: '1 至 30 的整数',
  },
  {
    key: 'idNumber',
    header: '身份证号',
    required: false,
    kind: 'text',
    width: 22,
    note: '户主 18 位公民身份号码（校验码须正确）；请以文本格式填写，数字格式会丢失末尾几位',
  },
  {
    key: 'phone',
    header: '联系电话',
    required: false,
    kind: 'text',
    width: 16,
    note: '手机或座机号码，如 13800000000、023-58000000',
  },
  {
    key: 'status',
    header: '户类型',
    required: true,
    kind: 'enum',
    width: 10,
    list: Object.values(HOUSEHOLD_STATUS_NAMES),
    note: Object.values(HOUSEHOLD_STATUS_NAMES).join('、'),
  },
  {
    key: 'monitoringCategory',
    header: '监测类别',
    required: false,
    kind: 'enum',
    width: 16,
    list: Object.values(MONITORING_CATEGORY_NAMES),
    note: `监测户必填，脱贫户不填：${Object.values(MONITORING_CATEGORY_NAMES).join('、')}`,
  },
  {
    key: 'startedOn',
    header: '认定日期',
    required: true,
    kind: 'date',
    width: 12,
    note: `${DATE_HINT}；不晚于今天`,
  },
  {
    key: 'endedOn',
    header: '退出日期',
    required: false,
    kind: 'date',
    width: 12,
    note: `${DATE_HINT}；已退出监测的户填写，不早于认定日期、不晚于今天`,
  },
];

export function householdColumn(key: HouseholdColumnKey): HouseholdColumn {
  return columnByKey(HOUSEHOLD_COLUMNS, key);
}

/** Matches the header row with the 农户 sheet's columns (see the spreadsheet layer's matchHeaders). */
export function matchHeaders(
  headerRow: readonly PlainCell[],
): ReturnType<typeof matchTemplateHeaders<HouseholdColumnKey>> {
  return matchTemplateHeaders(headerRow, HOUSEHOLD_COLUMNS);
}

export const INSTRUCTIONS: readonly string[] = [
  '农户信息导入说明',
  '在“农户”工作表中每行填写一户；第一行为列名，请勿修改。橙色列必填，蓝色列选填。',
  '导入时先检查所有行：只要有一处错误，整个文件都不会导入，并列出每处错误（行号、列名、原因）。',
  '全部正确时，所有农户在同一事务中登记，每户在审计账本上记录一条。',
  '身份证号仅对本村会计和本镇干事完整显示，其他角色及审计账本只显示脱敏后的号码。',
];

// ---------------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------------

/** One row as read from its cells; the village is still text. */
export interface HouseholdRowValues {
  registryNo: string | null;
  headName: string | null;
  village: string | null;
  membersCount: number | null;
  idNumber: string | null;
  phone: string | null;
  status: HouseholdStatusKind | null;
  monitoringCategory: MonitoringCategory | null;
  startedOn: string | null;
  endedOn: string | null;
}

function parseRegistryNo(cell: PlainCell): string | null {
  const text = cellText(cell);
  if (text !== null && !REGISTRY_NO.test(text)) {
    throw new CellProblem(
      `"${text.slice(0, 70)}" is not a registry number: 1–64 letters, digits, ".", "_", "/" or "-"`,
    );
  }
  return text;
}

function parseIdNumber(cell: PlainCell, today: string): string | null {
  if (typeof cell === 'number') {
    throw new CellProblem(
      'is a number cell: Excel keeps only 15 digits of a number, so the last ones are lost; format the column as text and type the ID number again',
    );
  }
  const typed = cellText(cell);
  if (typed === null) return null;
  // Digits typed in full-width (an input method's mode) are the same digits.
  const text = halfWidth(typed);
  const problem = idNumberProblem(text, today);
  if (problem) throw new CellProblem(`is not a valid resident ID number: ${problem}`);
  return text;
}

function parsePhone(cell: PlainCell): string | null {
  const typed = cellText(cell);
  if (typed === null) return null;
  const text = halfWidth(typed);
  if (text.length > 20 || !PHONE.test(text)) {
    throw new CellProblem(
      `"${typed.slice(0, 40)}" is not a telephone number, e.g. 13800000000 or 023-58000000`,
    );
  }
  return text;
}

/** Reads every cell of one row; each unreadable or missing required cell is reported by column key. */
export function parseHouseholdRow(
  cells: (key: HouseholdColumnKey) => PlainCell,
  report: (key: HouseholdColumnKey, message: string) => void,
  today: string,
): HouseholdRowValues {
  const { read, text } = rowReader(HOUSEHOLD_COLUMNS, cells, report);
  return {
    registryNo: read('registryNo', parseRegistryNo),
    headName: text('headName', 100),
    village: read('village', cellText),
    membersCount: read('membersCount', (c) => parseInteger(c, 1, 30)),
    idNumber: read('idNumber', (c) => parseIdNumber(c, today)),
    phone: read('phone', parsePhone),
    status: read('status', (c) => parseEnum(c, HOUSEHOLD_STATUS_NAMES)),
    monitoringCategory: read('monitoringCategory', (c) => parseEnum(c, MONITORING_CATEGORY_NAMES)),
    startedOn: read('startedOn', parseDate),
    endedOn: read('endedOn', parseDate),
  };
}
