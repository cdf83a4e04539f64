import { DistributionChannel, PlanStatus } from '@/distribution/distribution.entity';
import {
  DisposalMethod,
  DisposalReason,
  DisposalStatus,
  ReviewDecision,
  ReviewLevel,
} from '@/disposal/disposal.entity';
import { IncomeKind } from '@/income/income.entity';
import { OwnerType } from '@/ownership/ownership.entity';

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Fen as yuan with thousands separators and exactly two decimals: 1234567n → "12,345.67". */
export function formatAmount(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** Basis points as a percentage without useless zeros: 6000 → "60%", 3333 → "33.33%", 1250 → "12.5%". */
export function formatShare(bp: number): string {
  const whole = Math.floor(bp / 100);
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

/**
 * A person's name partly masked for publication (the usual practice of village notices): the first
 * character stays, and the last one for names of three characters or more: 王德明 → 王*明,
 * 欧阳明华 → 欧**华, 谭德 → 谭*, 王 → *. Counts characters, not UTF-16 units.
 */
export function maskName(name: string | null | undefined): string {
  const chars = Array.from((name ?? '').trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** '2026-11-29' → '2026年11月29日'. */
export function formatDateCn(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** An instant in China Standard Time (UTC+8): '2026-11-29 15:58:10'. */
export function formatTimeCst(time: Date): string {
  return new Date(time.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export const INCOME_KIND_NAMES: Record<IncomeKind, string> = {
  [IncomeKind.RENT]: '租金',
  [IncomeKind.DIVIDEND]: '分红',
  [IncomeKind.SALES]: '销售收入',
  [IncomeKind.SUBSIDY]: '补贴',
  [IncomeKind.OTHER]: '其他收入',
};

export const CHANNEL_NAMES: Record<DistributionChannel, string> = {
  [DistributionChannel.PUBLIC_WELFARE_JOB_WAGES]: '公益性岗位工资',
  [DistributionChannel.SMALL_PUBLIC_WORKS]: '小型公益事业',
  [DistributionChannel.AWARDS_SUBSIDIES]: '奖励补助',
  [DistributionChannel.SUPPORT_NO_LABOUR_CAPACITY]: '无劳动能力户帮扶',
  [DistributionChannel.ASSET_UPKEEP]: '资产管护',
  [DistributionChannel.COLLECTIVE_ECONOMY]: '发展村集体经济',
  [DistributionChannel.RESERVE_FUND]: '提取公积公益金',
};

/** Only plans past the village's decision are published; a submitted one awaits the township's filing. */
export const PLAN_STATUS_NAMES: Record<PlanStatus, string> = {
  [PlanStatus.DRAFT]: '草稿',
  [PlanStatus.SUBMITTED]: '待备案',
  [PlanStatus.FILED]: '已备案',
  [PlanStatus.COMPLETED]: '已兑付完毕',
};

export const DISPOSAL_METHOD_NAMES: Record<DisposalMethod, string> = {
  [DisposalMethod.AUCTION]: '拍卖',
  [DisposalMethod.TRANSFER]: '转让',
  [DisposalMethod.CHANGE_OF_USE]: '转产',
  [DisposalMethod.SUSPENSION]: '报停',
  [DisposalMethod.LOSS_WRITE_OFF]: '报损',
  [DisposalMethod.SCRAP]: '报废',
};

export const DISPOSAL_REASON_NAMES: Record<DisposalReason, string> = {
  [DisposalReason.DISASTER]: '自然灾害或意外事故',
  [DisposalReason.DEMOLITION]: '规划拆迁',
  [DisposalReason.END_OF_LIFE]: '使用年限届满',
  [DisposalReason.UNSAFE]: '存在安全隐患',
  [DisposalReason.IDLE_OR_POOR_RETURNS]: '闲置或收益低下',
  [DisposalReason.EQUITY_EXPIRED]: '股权协议到期',
  [DisposalReason.OTHER]: '其他',
};

export const DISPOSAL_STATUS_NAMES: Record<DisposalStatus, string> = {
  [DisposalStatus.PENDING_TOWNSHIP]: '待乡镇审核',
  [DisposalStatus.PENDING_DISTRICT]: '待区级审批',
  [DisposalStatus.RETURNED]: '已退回修改',
  [DisposalStatus.APPROVED]: '已批准，待实施',
  [DisposalStatus.REJECTED]: '未获批准',
  [DisposalStatus.WITHDRAWN]: '已撤回',
  [DisposalStatus.COMPLETED]: '已处置完毕',
};

export const REVIEW_LEVEL_NAMES: Record<ReviewLevel, string> = {
  [ReviewLevel.TOWNSHIP]: '乡镇',
  [ReviewLevel.DISTRICT]: '区级',
};

export const REVIEW_DECISION_NAMES: Record<ReviewDecision, string> = {
  [ReviewDecision.APPROVE]: '同意',
  [ReviewDecision.REJECT]: '不同意',
  [ReviewDecision.RETURN]: '退回',
};

export const PROCEEDS_DESTINATION_NAMES: Record<string, string> = {
  OWNERS_INCOME: '计入所有权人收益',
  DISTRICT_TREASURY: '缴入区级财政',
};

export const OWNER_TYPE_NAMES: Record<OwnerType, string> = {
  [OwnerType.VILLAGE_COLLECTIVE]: '村集体',
  [OwnerType.TOWNSHIP]: '乡镇',
  [OwnerType.DISTRICT_DEPARTMENT]: '区级部门',
  [OwnerType.HOUSEHOLD]: '农户',
};
