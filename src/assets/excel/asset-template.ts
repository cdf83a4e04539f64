/**
 * The asset ledger template (台账模板), in one place: the sheets, their columns in order (Chinese
 * header, the field each maps to, how a cell is read and written), and the pure parsing of one row.
 * Import, export, the downloadable template and docs/api.md all follow this file.
 */
import { Fen } from '@/common/scalars';
import { FUND_SOURCE_NAMES } from '@/projects/fund-source.enum';
import { FundSourceAmount } from '@/projects/fund-sources';
import { PROJECT_TYPE_NAMES, ProjectType } from '@/projects/project.entity';

export { PROJECT_TYPE_NAMES };
import {
  ASSET_CLASS_NAMES,
  ASSET_FORM_NAMES,
  ASSET_STATUS_NAMES,
  AssetClass,
  AssetForm,
  AssetStatus,
  OPERATING_MODE_NAMES,
  OperatingMode,
} from '../asset.enums';
import { parseDate, parseEnum, parseInteger, parseMoney, parseQuantity } from '@/spreadsheet/cells';
import { ColumnKind, ReportProblem, rowReader, RowCells, TemplateColumn } from '@/spreadsheet/template';
import { parseFundSources } from './fund-source-cells';

export const ASSET_SHEET = '资产';
export const PROJECT_SHEET = '项目';
export const INSTRUCTIONS_SHEET = '说明';

/** Largest number of data rows one file may have (split bigger registers into several files). */
export const MAX_IMPORT_ROWS = 100_000;

/** The largest beneficiary count (受益户数, 受益人数 …) a cell may hold, as the API's inputs. */
const MAX_BENEFICIARIES = 1_000_000;

/** The columns the export derives (序号, names, ownership, income, upkeep, disposal): never imported. */
export type DerivedAssetColumnKey =
  | 'seq'
  | 'townshipName'
  | 'villageName'
  | 'upkeepPhone'
  | 'ownerNames'
  | 'ownerLevel'
  | 'certificateNo'
  | 'certificateDate'
  | 'industryDepartment'
  | 'incomeThisYear'
  | 'incomeTotal'
  | 'incomeDistributed'
  | 'condition'
  | 'disposalMethod'
  | 'disposalDate'
  | 'disposalApproval'
  | 'disposalProceeds';

export type AssetColumnKey =
  | DerivedAssetColumnKey
  | 'constructionContent'
  | 'constructionScale'
  | 'beneficiaryHouseholds'
  | 'beneficiaryPeople'
  | 'beneficiaryPoorHouseholds'
  | 'beneficiaryPoorPeople'
  | 'beneficiaryMonitoredHouseholds'
  | 'beneficiaryMonitoredPeople'
  | 'remarks'
  | 'code'
  | 'name'
  | 'class'
  | 'form'
  | 'category'
  | 'project'
  | 'location'
  | 'quantity'
  | 'unit'
  | 'investedAmount'
  | 'formedValue'
  | 'fundSources'
  | 'completionDate'
  | 'acceptanceDate'
  | 'handoverDate'
  | 'status'
  | 'statusSince'
  | 'managementEntity'
  | 'managementResponsible'
  | 'operator'
  | 'operatingMode'
  | 'contractStart'
  | 'contractEnd'
  | 'contractTerms'
  | 'contractAnnualAmount'
  | 'investee'
  | 'equityAgreementNo'
  | 'equityMaturityDate'
  | 'householdRegistryNo'
  | 'householdHeadName';

export type ProjectColumnKey =
  | 'code'
  | 'name'
  | 'year'
  | 'type'
  | 'implementingUnit'
  | 'region'
  | 'completionDate'
  | 'acceptanceDate'
  | 'fundSources';

const names = (record: Record<string, string>): string[] => Object.values(record);
const FUND_HINT = `名称:金额，多个用分号分隔，如 衔接资金:200000.00;区级财政资金:40000.00。名称：${names(FUND_SOURCE_NAMES).join('、')}`;
const DATE_HINT = '日期，如 2021-10-01（也可 2021/10/01）';
/** The 说明 sheet's note of a column the export fills in and the import ignores. */
export const EXPORT_ONLY_NOTE = '导出时填写，导入时忽略';
const COUNT_HINT = '整数，0–1000000';

/** A column the export derives: grey, not required, ignored on import. */
function derived(key: DerivedAssetColumnKey, header: string, kind: ColumnKind, width: number, what: string) {
  return {
    key,
    header,
    required: false,
    kind,
    width,
    note: `${what}（${EXPORT_ONLY_NOTE}）`,
    exportOnly: true,
  };
}

/** The asset sheet (资产), in column order. */
export const ASSET_COLUMNS: ReadonlyArray<TemplateColumn<AssetColumnKey>> = [
  derived('seq', '序号', 'integer', 6, '行号，从 1 起'),
  {
    key: 'code',
    header: '资产编号',
    required: true,
    kind: 'code',
    width: 18,
    note: '全区唯一；字母、数字及 . _ / -，最多 64 位',
  },
  { key: 'name', header: '资产名称', required: true, kind: 'text', width: 24, note: '最多 200 字' },
  {
    key: 'class',
    header: '资产类别',
    required: true,
    kind: 'enum',
    width: 12,
    list: names(ASSET_CLASS_NAMES),
    note: names(ASSET_CLASS_NAMES).join('、'),
  },
  {
    key: 'form',
    header: '资产形态',
    required: true,
    kind: 'enum',
    width: 12,
    list: names(ASSET_FORM_NAMES),
    note: names(ASSET_FORM_NAMES).join('、'),
  },
  {
    key: 'category',
    header: '资产分类',
    required: true,
    kind: 'text',
    width: 16,
    note: '资产分类的编码或名称（见下方分类表），须为在用分类',
  },
  {
    key: 'project',
    header: '所属项目',
    required: true,
    kind: 'code',
    width: 18,
    note: '项目编号：系统中已有的项目，或在“项目”工作表中列出的项目',
  },
  {
    key: 'location',
    header: '所在村/镇',
    required: true,
    kind: 'code',
    width: 16,
    note: '村（12 位）或镇（9 位）区划代码；也可填本辖区内唯一的村/镇名称，或“镇名/村名”（如 龙驹镇/梧桐村）；已撤销的村不能登记新资产',
  },
  derived('townshipName', '乡镇名称', 'text', 12, '资产所在的乡镇'),
  derived('villageName', '村名称', 'text', 12, '资产所在的村（在乡镇的资产为空）'),
  {
    key: 'quantity',
    header: '数量',
    required: true,
    kind: 'quantity',
    width: 10,
    note: '数字，最多三位小数',
  },
  {
    key: 'unit',
    header: '单位',
    required: true,
    kind: 'text',
    width: 8,
    note: '如 个、座、公里、头，最多 16 字',
  },
  {
    key: 'investedAmount',
    header: '投资额(元)',
    required: true,
    kind: 'money',
    width: 16,
    note: '元，最多两位小数，如 240000.00',
  },
  {
    key: 'formedValue',
    header: '原值(元)',
    required: true,
    kind: 'money',
    width: 16,
    note: '形成资产的原值，元，最多两位小数',
  },
  {
    key: 'fundSources',
    header: '资金来源',
    required: false,
    kind: 'text',
    width: 40,
    note: `${FUND_HINT}；各项之和须等于投资额`,
  },
  {
    key: 'completionDate',
    header: '建成日期',
    required: false,
    kind: 'date',
    width: 12,
    note: `${DATE_HINT}；非在建资产必填`,
  },
  {
    key: 'acceptanceDate',
    header: '验收日期',
    required: false,
    kind: 'date',
    width: 12,
    note: `${DATE_HINT}；不早于建成日期`,
  },
  {
    key: 'handoverDate',
    header: '移交日期',
    required: false,
    kind: 'date',
    width: 12,
    note: `${DATE_HINT}；不早于验收（建成）日期`,
  },
  {
    key: 'status',
    header: '状态',
    required: false,
    kind: 'enum',
    width: 10,
    list: names(ASSET_STATUS_NAMES).filter((n) => n !== ASSET_STATUS_NAMES[AssetStatus.DISPOSED]),
    note: `${names(ASSET_STATUS_NAMES)
      .filter((n) => n !== ASSET_STATUS_NAMES[AssetStatus.DISPOSED])
      .join('、')}；空则有建成日期为在用，否则在建（已处置只能经处置审批）`,
  },
  {
    key: 'statusSince',
    header: '状态起始日期',
    required: false,
    kind: 'date',
    width: 12,
    note: `${DATE_HINT}；资产处于当前状态的起始日，空则为导入当日`,
  },
  {
    key: 'managementEntity',
    header: '管护主体',
    required: false,
    kind: 'text',
    width: 24,
    note: '最多 200 字',
  },
  {
    key: 'managementResponsible',
    header: '管护责任人',
    required: false,
    kind: 'text',
    width: 12,
    note: '最多 100 字',
  },
  derived('upkeepPhone', '管护责任人电话', 'text', 14, '按查看人的权限显示或部分隐藏'),
  {
    key: 'operator',
    header: '经营主体',
    required: false,
    kind: 'text',
    width: 24,
    note: '最多 200 字；有经营方式或合同时必填',
  },
  {
    key: 'operatingMode',
    header: '经营方式',
    required: false,
    kind: 'enum',
    width: 12,
    list: names(OPERATING_MODE_NAMES),
    note: names(OPERATING_MODE_NAMES).join('、'),
  },
  { key: 'contractStart', header: '合同起始日期', required: false, kind: 'date', width: 12, note: DATE_HINT },
  {
    key: 'contractEnd',
    header: '合同终止日期',
    required: false,
    kind: 'date',
    width: 12,
    note: `${DATE_HINT}；不早于起始日期`,
  },
  {
    key: 'contractTerms',
    header: '合同条款',
    required: false,
    kind: 'text',
    width: 30,
    note: '租金或分红约定，最多 1000 字',
  },
  {
    key: 'contractAnnualAmount',
    header: '年租金/分红(元)',
    required: false,
    kind: 'money',
    width: 16,
    note: '约定的年租金或分红，元，最多两位小数',
  },
  {
    key: 'investee',
    header: '被投资企业',
    required: false,
    kind: 'text',
    width: 24,
    note: '股权类资产必填，其他资产不填',
  },
  {
    key: 'equityAgreementNo',
    header: '股权协议编号',
    required: false,
    kind: 'text',
    width: 16,
    note: '股权类资产必填，其他资产不填',
  },
  {
    key: 'equityMaturityDate',
    header: '股权到期日',
    required: false,
    kind: 'date',
    width: 12,
    note: `${DATE_HINT}；仅股权类资产`,
  },
  {
    key: 'householdRegistryNo',
    header: '农户户籍编号',
    required: false,
    kind: 'text',
    width: 18,
    note: '到户类资产必填，其他资产不填',
  },
  {
    key: 'householdHeadName',
    header: '户主姓名',
    required: false,
    kind: 'text',
    width: 10,
    note: '到户类资产必填，其他资产不填',
  },
  derived('ownerNames', '所有权人', 'text', 24, '确权登记的所有权人，多个时注明份额'),
  derived('ownerLevel', '所有权层级', 'text', 8, '区、镇、村、户'),
  derived('certificateNo', '权属证书编号', 'text', 16, '确权时的证书编号'),
  derived('certificateDate', '确权日期', 'date', 12, '确权登记生效日期'),
  derived('industryDepartment', '行业主管部门', 'text', 14, '如 交通、水利、农业农村'),
  {
    key: 'constructionContent',
    header: '建设内容',
    required: false,
    kind: 'text',
    width: 30,
    note: '最多 1000 字',
  },
  {
    key: 'constructionScale',
    header: '建设规模',
    required: false,
    kind: 'text',
    width: 16,
    note: '如 硬化道路 3.2 公里，最多 200 字',
  },
  {
    key: 'beneficiaryHouseholds',
    header: '受益户数',
    required: false,
    kind: 'integer',
    width: 10,
    note: COUNT_HINT,
  },
  {
    key: 'beneficiaryPeople',
    header: '受益人数',
    required: false,
    kind: 'integer',
    width: 10,
    note: `${COUNT_HINT}；不少于受益户数`,
  },
  {
    key: 'beneficiaryPoorHouseholds',
    header: '其中脱贫户数',
    required: false,
    kind: 'integer',
    width: 10,
    note: `${COUNT_HINT}；与监测户数之和不超过受益户数`,
  },
  {
    key: 'beneficiaryPoorPeople',
    header: '其中脱贫人口数',
    required: false,
    kind: 'integer',
    width: 10,
    note: `${COUNT_HINT}；与监测人口数之和不超过受益人数`,
  },
  {
    key: 'beneficiaryMonitoredHouseholds',
    header: '其中监测户数',
    required: false,
    kind: 'integer',
    width: 10,
    note: `${COUNT_HINT}；与脱贫户数之和不超过受益户数`,
  },
  {
    key: 'beneficiaryMonitoredPeople',
    header: '其中监测人口数',
    required: false,
    kind: 'integer',
    width: 10,
    note: `${COUNT_HINT}；与脱贫人口数之和不超过受益人数`,
  },
  derived('incomeThisYear', '本年收益(元)', 'money', 14, '本年度到账的收益'),
  derived('incomeTotal', '累计收益(元)', 'money', 14, '历年到账的收益合计'),
  derived('incomeDistributed', '已分配收益(元)', 'money', 14, '已列入分配方案的收益'),
  derived('condition', '当前状况', 'text', 8, '最近一次巡查：完好、一般、损坏、灭失'),
  derived('disposalMethod', '处置方式', 'text', 10, '已批准的处置'),
  derived('disposalDate', '处置日期', 'date', 12, '处置完成日期'),
  derived('disposalApproval', '处置批准', 'text', 24, '批准的层级和日期'),
  derived('disposalProceeds', '处置收入(元)', 'money', 14, '处置所得'),
  { key: 'remarks', header: '备注', required: false, kind: 'text', width: 24, note: '最多 500 字' },
];

/** The project sheet (项目), in column order. */
export const PROJECT_COLUMNS: ReadonlyArray<TemplateColumn<ProjectColumnKey>> = [
  {
    key: 'code',
    header: '项目编号',
    required: true,
    kind: 'code',
    width: 18,
    note: '全区唯一；系统中已有的项目只需填编号（其他列若填写须与系统一致）',
  },
  {
    key: 'name',
    header: '项目名称',
    required: false,
    kind: 'text',
    width: 28,
    note: '新项目必填，最多 200 字',
  },
  {
    key: 'year',
    header: '项目年度',
    required: false,
    kind: 'integer',
    width: 10,
    note: '新项目必填，如 2021',
  },
  {
    key: 'type',
    header: '项目类型',
    required: false,
    kind: 'enum',
    width: 12,
    list: names(PROJECT_TYPE_NAMES),
    note: `新项目必填：${names(PROJECT_TYPE_NAMES).join('、')}`,
  },
  {
    key: 'implementingUnit',
    header: '实施单位',
    required: false,
    kind: 'text',
    width: 24,
    note: '新项目必填，最多 200 字',
  },
  {
    key: 'region',
    header: '所在区域',
    required: false,
    kind: 'code',
    width: 16,
    note: '新项目必填：区（6 位）、镇（9 位）或村（12 位）区划代码，或唯一的名称',
  },
  { key: 'completionDate', header: '建成日期', required: false, kind: 'date', width: 12, note: DATE_HINT },
  {
    key: 'acceptanceDate',
    header: '验收日期',
    required: false,
    kind: 'date',
    width: 12,
    note: `${DATE_HINT}；不早于建成日期`,
  },
  {
    key: 'fundSources',
    header: '资金来源',
    required: false,
    kind: 'text',
    width: 40,
    note: `新项目必填：${FUND_HINT}`,
  },
];

/** One asset row as read from its cells; references (category, project, location) are still text. */
export interface AssetRowValues {
  code: string | null;
  name: string | null;
  class: AssetClass | null;
  form: AssetForm | null;
  category: string | null;
  project: string | null;
  location: string | null;
  quantity: string | null;
  unit: string | null;
  investedAmount: Fen | null;
  formedValue: Fen | null;
  /** Null when the cell could not be read (already reported). */
  fundSources: FundSourceAmount[] | null;
  completionDate: string | null;
  acceptanceDate: string | null;
  handoverDate: string | null;
  status: AssetStatus | null;
  statusSince: string | null;
  managementEntity: string | null;
  managementResponsible: string | null;
  operator: string | null;
  operatingMode: OperatingMode | null;
  contractStart: string | null;
  contractEnd: string | null;
  contractTerms: string | null;
  contractAnnualAmount: Fen | null;
  investee: string | null;
  equityAgreementNo: string | null;
  equityMaturityDate: string | null;
  householdRegistryNo: string | null;
  householdHeadName: string | null;
  constructionContent: string | null;
  constructionScale: string | null;
  beneficiaryHouseholds: number | null;
  beneficiaryPeople: number | null;
  beneficiaryPoorHouseholds: number | null;
  beneficiaryPoorPeople: number | null;
  beneficiaryMonitoredHouseholds: number | null;
  beneficiaryMonitoredPeople: number | null;
  remarks: string | null;
}

/** Reads every cell of one asset row; each unreadable or missing required cell is reported. */
export function parseAssetRow(
  cells: RowCells<AssetColumnKey>,
  report: ReportProblem<AssetColumnKey>,
): AssetRowValues {
  const { read, text, code } = rowReader(ASSET_COLUMNS, cells, report);
  const count = (key: AssetColumnKey): number | null =>
    read(key, (c) => parseInteger(c, 0, MAX_BENEFICIARIES));
  return {
    code: code('code'),
    name: text('name', 200),
    class: read('class', (c) => parseEnum(c, ASSET_CLASS_NAMES)),
    form: read('form', (c) => parseEnum(c, ASSET_FORM_NAMES)),
    category: text('category', 100),
    project: code('project'),
    location: text('location', 100),
    quantity: read('quantity', parseQuantity),
    unit: text('unit', 16),
    investedAmount: read('investedAmount', parseMoney),
    formedValue: read('formedValue', parseMoney),
    fundSources: read('fundSources', parseFundSources),
    completionDate: read('completionDate', parseDate),
    acceptanceDate: read('acceptanceDate', parseDate),
    handoverDate: read('handoverDate', parseDate),
    status: read('status', (c) => parseEnum(c, ASSET_STATUS_NAMES)),
    statusSince: read('statusSince', parseDate),
    managementEntity: text('managementEntity', 200),
    managementResponsible: text('managementResponsible', 100),
    operator: text('operator', 200),
    operatingMode: read('operatingMode', (c) => parseEnum(c, OPERATING_MODE_NAMES)),
    contractStart: read('contractStart', parseDate),
    contractEnd: read('contractEnd', parseDate),
    contractTerms: text('contractTerms', 1000),
    contractAnnualAmount: read('contractAnnualAmount', parseMoney),
    investee: text('investee', 200),
    equityAgreementNo: text('equityAgreementNo', 100),
    equityMaturityDate: read('equityMaturityDate', parseDate),
    householdRegistryNo: text('householdRegistryNo', 64),
    householdHeadName: text('householdHeadName', 100),
    constructionContent: text('constructionContent', 1000),
    constructionScale: text('constructionScale', 200),
    beneficiaryHouseholds: count('beneficiaryHouseholds'),
    beneficiaryPeople: count('beneficiaryPeople'),
    beneficiaryPoorHouseholds: count('beneficiaryPoorHouseholds'),
    beneficiaryPoorPeople: count('beneficiaryPoorPeople'),
    beneficiaryMonitoredHouseholds: count('beneficiaryMonitoredHouseholds'),
    beneficiaryMonitoredPeople: count('beneficiaryMonitoredPeople'),
    remarks: text('remarks', 500),
  };
}

export interface ProjectRowValues {
  code: string | null;
  name: string | null;
  year: number | null;
  type: ProjectType | null;
  implementingUnit: string | null;
  region: string | null;
  completionDate: string | null;
  acceptanceDate: string | null;
  fundSources: FundSourceAmount[] | null;
}

export function parseProjectRow(
  cells: RowCells<ProjectColumnKey>,
  report: ReportProblem<ProjectColumnKey>,
): ProjectRowValues {
  const { read, text, code } = rowReader(PROJECT_COLUMNS, cells, report);
  return {
    code: code('code'),
    name: text('name', 200),
    year: read('year', (c) => parseInteger(c, 2000, 2100)),
    type: read('type', (c) => parseEnum(c, PROJECT_TYPE_NAMES)),
    implementingUnit: text('implementingUnit', 200),
    region: text('region', 100),
    completionDate: read('completionDate', parseDate),
    acceptanceDate: read('acceptanceDate', parseDate),
    fundSources: read('fundSources', parseFundSources),
  };
}

/**
 * The column a problem of `checkAssetRules` belongs to: its field (`completionDate`,
 * `fundSources[1].source` …) is an asset column key, possibly with a path after it.
 */
export function assetColumnOfField(field: string): TemplateColumn<AssetColumnKey> | undefined {
  const key = field.split(/[.[]/)[0];
  return ASSET_COLUMNS.find((c) => c.key === key);
}

/** The 说明 sheet's text, line by line (the lists of categories are added by the writer). */
export const INSTRUCTIONS: readonly string[] = [
  '资产台账导入模板说明',
  '',
  `1. “${ASSET_SHEET}”工作表每行一项资产，第 1 行为表头，请勿修改表头文字；从第 2 行起填写，空行将被忽略。`,
  `2. “${PROJECT_SHEET}”工作表列出资产所属的项目。系统中已有的项目只需填项目编号；系统中没有的项目将按本表登记（须填全项目名称、年度、类型、实施单位、所在区域和资金来源）。`,
  '3. 表头为橙色的列为必填列，蓝色的为选填列（各列要求见下表，也见表头批注）。金额单位为元，最多两位小数，可带千位分隔符；日期写作 2021-10-01 或使用 Excel 日期格式。',
  '4. 导入时先逐行检查全部数据：只要有一处错误，系统不写入任何数据，并列出每个错误所在的工作表、行号和列名；全部正确时，所有资产在同一事务中一次导入，每项资产在审计账本上记一笔。',
  '5. 只能导入本人辖区内的资产；资产编号在全区唯一，不能与系统中已有的资产或本文件中的其他行重复。',
  '6. CSV 文件（UTF-8 或 GBK 编码，Excel、WPS 另存的 CSV 均可）只含资产表，所属项目须已在系统中登记。',
  `7. 表头为灰色的列（序号、乡镇和村名称、所有权人、收益、处置等）由系统${EXPORT_ONLY_NOTE}：导出的台账可修改后直接再导入。`,
  '',
  '各列填写要求：',
];
