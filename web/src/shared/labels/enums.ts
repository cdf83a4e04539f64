/**
 * One Chinese label map per enum of the API. Each map is a Record over the enum's generated type, so a
 * value added to the schema without a label breaks `npm run typecheck`: no English enum value ever reaches
 * a user. Use `label(map, value)` (or the map directly) wherever an enum value is shown.
 */
import type {
  AssetClass,
  AssetForm,
  AssetImportPhase,
  AssetOrderField,
  AssetStatus,
  DisposalMethod,
  DisposalReason,
  DisposalStatus,
  DistributionChannel,
  DistributionPlanStatus,
  FundSource,
  HouseholdImportPhase,
  HouseholdStatusKind,
  IncomeKind,
  IncomeReportKind,
  InventoryFinding,
  InventoryStatus,
  MonitoringCategory,
  ObjectionStatus,
  OperatingMode,
  OwnerType,
  OwnershipProposalStatus,
  ProjectType,
  RedFlagKind,
  IndustryDepartment,
  UpkeepFundingSource,
  UpkeepCondition,
  RepairPayer,
  UpkeepDutySource,
  RegionLevel,
  ReviewDecision,
  ReviewLevel,
  Role,
  SupervisionReportKind,
  TaskKind,
  WitnessStatus,
  UserStatus,
} from '@web/gql/enums';

export const roleLabels: Record<Role, string> = {
  ADMIN: '系统管理员',
  AUDITOR: '审计人员',
  DISTRICT_SUPERVISOR: '区级监管',
  TOWNSHIP_OFFICER: '乡镇干部',
  VILLAGE_CLERK: '村级经办',
};

export const userStatusLabels: Record<UserStatus, string> = { ACTIVE: '正常', DISABLED: '已停用' };

export const regionLevelLabels: Record<RegionLevel, string> = {
  DISTRICT: '区',
  TOWNSHIP: '乡镇',
  VILLAGE: '村',
};

export const assetClassLabels: Record<AssetClass, string> = {
  OPERATING: '经营性资产',
  PUBLIC_WELFARE: '公益性资产',
  HOUSEHOLD: '到户类资产',
};

export const assetFormLabels: Record<AssetForm, string> = {
  FIXED: '固定资产',
  BIOLOGICAL: '生物资产',
  EQUITY: '股权',
  DEBT_CLAIM: '债权',
  INTANGIBLE: '无形资产',
};

export const assetStatusLabels: Record<AssetStatus, string> = {
  IN_USE: '在用',
  IDLE: '闲置',
  UNDER_CONSTRUCTION: '在建',
  SUSPENDED: '停用',
  DISPOSED: '已处置',
};

export const assetOrderFieldLabels: Record<AssetOrderField, string> = {
  CODE: '资产编号',
  NAME: '资产名称',
  COMPLETION_DATE: '建成日期',
  CREATED_AT: '登记时间',
  FORMED_VALUE: '原值',
  INVESTED_AMOUNT: '投资额',
};

export const importPhaseLabels: Record<AssetImportPhase & HouseholdImportPhase, string> = {
  PARSING: '读取文件',
  VALIDATING: '逐行校验',
  IMPORTING: '写入中',
  SUCCEEDED: '已完成',
  FAILED: '未导入',
};

export const fundSourceLabels: Record<FundSource, string> = {
  CENTRAL_FISCAL: '中央财政资金',
  MUNICIPAL_FISCAL: '市级财政资金',
  DISTRICT_FISCAL: '区级财政资金',
  LINKAGE_FUND: '衔接资金',
  INTEGRATED_AGRI_FUND: '统筹整合涉农资金',
  BOND: '债券资金',
  EAST_WEST_COOPERATION: '东西部协作资金',
  PAIRED_ASSISTANCE: '对口帮扶资金',
  DESIGNATED_ASSISTANCE: '定点帮扶资金',
  SOCIAL_DONATION: '社会捐赠资金',
  REINVESTED_INCOME: '收益再投入',
  OTHER: '其他资金',
};

export const projectTypeLabels: Record<ProjectType, string> = {
  INDUSTRY: '产业发展',
  INFRASTRUCTURE: '基础设施',
  EMPLOYMENT: '就业帮扶',
  HOUSING: '住房保障',
  PUBLIC_SERVICE: '公共服务',
  OTHER: '其他',
};

export const operatingModeLabels: Record<OperatingMode, string> = {
  SELF_RUN: '自主经营',
  ENTRUSTED: '委托经营',
  LEASED: '租赁经营',
  JOINT: '合作经营',
};

export const ownerTypeLabels: Record<OwnerType, string> = {
  VILLAGE_COLLECTIVE: '村集体经济组织',
  TOWNSHIP: '乡镇',
  DISTRICT_DEPARTMENT: '区级部门',
  HOUSEHOLD: '农户',
};

export const ownershipProposalStatusLabels: Record<OwnershipProposalStatus, string> = {
  PUBLICITY: '公示中',
  CONFIRMED: '已确权',
  REJECTED: '未通过',
};

export const objectionStatusLabels: Record<ObjectionStatus, string> = { OPEN: '待处理', RESOLVED: '已处理' };

export const incomeKindLabels: Record<IncomeKind, string> = {
  RENT: '租金',
  DIVIDEND: '分红',
  SALES: '销售收入',
  SUBSIDY: '补贴',
  OTHER: '其他收入',
};

export const incomeReportKindLabels: Record<IncomeReportKind, string> = {
  VILLAGE_BALANCES: '村级收益结余',
  ASSET_BALANCES: '资产收益结余',
  INCOME_SUMMARY: '收益汇总',
  HOUSEHOLD_RECEIPTS: '农户受益明细',
  HOUSEHOLD_PAYOUTS: '收益分配明细表（每户每笔支付）',
};

export const distributionChannelLabels: Record<DistributionChannel, string> = {
  PUBLIC_WELFARE_JOB_WAGES: '公益性岗位工资',
  SMALL_PUBLIC_WORKS: '小型公益事业',
  AWARDS_SUBSIDIES: '奖励补助',
  SUPPORT_NO_LABOUR_CAPACITY: '无劳动能力户帮扶',
  ASSET_UPKEEP: '资产管护',
  COLLECTIVE_ECONOMY: '发展村集体经济',
  RESERVE_FUND: '提取公积公益金',
};

export const planStatusLabels: Record<DistributionPlanStatus, string> = {
  DRAFT: '草稿',
  SUBMITTED: '待备案',
  FILED: '已备案',
  COMPLETED: '已完成',
};

export const householdStatusLabels: Record<HouseholdStatusKind, string> = {
  POVERTY_ALLEVIATED: '脱贫户',
  MONITORED: '监测户',
};

export const monitoringCategoryLabels: Record<MonitoringCategory, string> = {
  UNSTABLE: '脱贫不稳定户',
  MARGINAL: '边缘易致贫户',
  SUDDEN_HARDSHIP: '突发严重困难户',
};

export const disposalMethodLabels: Record<DisposalMethod, string> = {
  AUCTION: '拍卖',
  TRANSFER: '转让',
  CHANGE_OF_USE: '转产',
  SUSPENSION: '报停',
  LOSS_WRITE_OFF: '报损',
  SCRAP: '报废',
};

export const disposalReasonLabels: Record<DisposalReason, string> = {
  DISASTER: '自然灾害或意外事故',
  DEMOLITION: '规划拆除',
  END_OF_LIFE: '使用年限届满',
  UNSAFE: '存在安全隐患',
  IDLE_OR_POOR_RETURNS: '闲置或收益低下',
  EQUITY_EXPIRED: '股权协议到期',
  OTHER: '其他原因',
};

export const disposalStatusLabels: Record<DisposalStatus, string> = {
  PENDING_TOWNSHIP: '待乡镇审核',
  PENDING_DISTRICT: '待区级审批',
  APPROVED: '已批准',
  REJECTED: '未批准',
  RETURNED: '已退回',
  WITHDRAWN: '已撤回',
  COMPLETED: '已处置完成',
};

export const reviewDecisionLabels: Record<ReviewDecision, string> = {
  APPROVE: '同意',
  REJECT: '不同意',
  RETURN: '退回修改',
};

export const reviewLevelLabels: Record<ReviewLevel, string> = { TOWNSHIP: '乡镇审核', DISTRICT: '区级审批' };

export const inventoryFindingLabels: Record<InventoryFinding, string> = {
  PRESENT: '账实相符',
  MISSING: '盘亏',
  DAMAGED: '损毁',
  STATUS_DIFFERS: '状态不符',
};

export const inventoryStatusLabels: Record<InventoryStatus, string> = { OPEN: '进行中', CLOSED: '已结束' };

export const redFlagKindLabels: Record<RedFlagKind, string> = {
  INCOME_UNDISTRIBUTED: '收益长期未分配',
  ASSET_IDLE: '资产长期闲置',
  OWNERSHIP_UNCONFIRMED: '移交后未确权',
  DISPOSAL_OVERDUE: '处置审核超期',
  EQUITY_MATURING: '股权协议即将到期',
  PUBLICITY_ENDED: '公示期满未确权',
  PUBLICITY_BACKDATED: '公示起始日期提前',
  RESULT_PUBLICITY_MISSING: '分配结果未公开',
  LEDGER_INTEGRITY: '账本校验未通过',
  WITNESS_SILENT: '见证人长期未联署',
  WITNESS_REFUSED: '见证人拒绝联署',
  CHECKPOINT_NO_QUORUM: '检查点未获足够联署',
  UPKEEP_INSPECTION_OVERDUE: '资产超期未巡查',
  UPKEEP_DAMAGE_UNREPAIRED: '资产损坏未按期维修',
  UPKEEP_LOST_NO_DISPOSAL: '资产灭失未申请处置',
  CONTRACT_PAYMENT_OVERDUE: '合同租金或分红逾期未收',
  CONTRACT_ENDING_NO_RENEWAL: '合同即将到期未续签',
  OPERATING_ASSET_NO_CONTRACT: '经营性资产无有效合同',
  EQUITY_PRINCIPAL_NOT_RETURNED: '入股到期本金未返还',
};

export const industryDepartmentLabels: Record<IndustryDepartment, string> = {
  TRANSPORT: '交通',
  WATER_RESOURCES: '水利',
  AGRICULTURE_RURAL: '农业农村',
  EDUCATION: '教育',
  HEALTH: '卫生健康',
  CULTURE_TOURISM: '文化旅游',
  HOUSING_CONSTRUCTION: '住房城乡建设',
  OTHER: '其他',
};

export const upkeepFundingSourceLabels: Record<UpkeepFundingSource, string> = {
  VILLAGE_COLLECTIVE: '村集体经济组织自筹',
  SECTOR_FUNDS: '行业部门管护资金',
  ASSET_INCOME: '资产收益（管护分配）',
  FISCAL_SUBSIDY: '财政管护补助',
  OPERATOR: '经营主体承担',
  OTHER: '其他',
};

export const upkeepConditionLabels: Record<UpkeepCondition, string> = {
  GOOD: '完好',
  FAIR: '一般',
  DAMAGED: '损坏',
  LOST: '灭失',
};

export const repairPayerLabels: Record<RepairPayer, string> = {
  VILLAGE_FUNDS: '村集体资金',
  SECTOR_FUNDS: '行业部门资金',
  UPKEEP_ALLOCATION: '收益分配方案中的资产管护资金',
  OPERATOR: '经营主体',
  OTHER: '其他',
};

export const upkeepDutySourceLabels: Record<UpkeepDutySource, string> = {
  UPKEEP_DUTY: '管护责任登记',
  ASSET_REGISTER: '资产台账',
  NONE: '未登记',
};

export const supervisionReportKindLabels: Record<SupervisionReportKind, string> = {
  DASHBOARD: '监管看板',
  RED_FLAGS: '风险预警',
};

export const taskKindLabels: Record<TaskKind, string> = {
  OWNERSHIP_PUBLICITY_ENDED: '公示期满待确权',
  PLAN_TO_FILE: '待备案的分配方案',
  DISPOSAL_TO_REVIEW: '待审核的处置申请',
  INVENTORY_TO_CONFIRM: '待确认的清查资产',
  RED_FLAG: '风险预警',
};

export const witnessStatusLabels: Record<WitnessStatus, string> = {
  PENDING: '待批准',
  ACTIVE: '已启用',
  REVOKED: '已撤销',
};

/** The label of a value, or "—" when there is none. */
export function label<K extends string>(map: Record<K, string>, value: K | null | undefined): string {
  return value == null ? '—' : map[value];
}

/** Options for a Select, in the map's order. */
export function options<K extends string>(map: Record<K, string>): Array<{ value: K; label: string }> {
  return (Object.keys(map) as K[]).map((value) => ({ value, label: map[value] }));
}
