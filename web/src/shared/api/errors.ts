import type { CombinedError } from 'urql';
import type { ErrorCode } from '../../../../src/common/errors/error-codes';
import { formatDateTime } from '@web/shared/format/dates';

/**
 * What the user reads when the API refuses: a Chinese sentence for each `extensions.reason` the console
 * meets (the reasons are the server's ErrorCode enum, imported as a type only), then one per GraphQL
 * `extensions.code`. For a reason the console has no sentence of its own, the API's message is shown
 * when it is Chinese (it names the fields and amounts: 超出项目 P-1 的投资：…); an English one never is.
 */
const REASON_MESSAGES: Partial<Record<`${ErrorCode}` | 'CONCURRENT_UPDATE' | 'INVALID_VALUE', string>> = {
  INVALID_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_DISABLED: '该账号已停用，请联系系统管理员',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  TOKEN_INVALID: '登录已失效，请重新登录',
  WRONG_CURRENT_PASSWORD: '当前密码不正确',
  USER_DUPLICATE_USERNAME: '该用户名已被使用',
  USER_ROLE_REGION_MISMATCH: '所选区域与角色的层级不符：村级经办选村，乡镇干部选乡镇，其他角色选区',
  USER_CANNOT_DISABLE_SELF: '不能停用自己的账号',
  USER_ALREADY_DISABLED: '该用户已停用',
  USER_NOT_FOUND: '找不到该用户',
  REGION_INVALID_CODE: '区划代码格式不正确：乡镇 9 位、村 12 位，且以上级代码开头',
  REGION_PARENT_NOT_FOUND: '找不到上级区域',
  REGION_WRONG_PARENT: '区划代码与上级区域不符',
  REGION_DUPLICATE_CODE: '该区划代码已存在',
  REGION_NOT_FOUND: '找不到该区域',
  CATEGORY_DUPLICATE_CODE: '该类别代码已存在',
  CATEGORY_NOT_FOUND: '找不到该资产类别',
  ASSET_NOT_FOUND: '找不到该资产',
  ASSET_DUPLICATE_CODE: '该资产编号已被使用',
  ASSET_DISPOSED: '该资产已处置，不能修改',
  ASSET_LOCKED_BY_DISPOSAL: '该资产有进行中的处置申请，暂不能修改',
  PROJECT_NOT_FOUND: '找不到该项目',
  PROJECT_DUPLICATE_CODE: '该项目编号已被使用',
  REFERENCE_NOT_FOUND: '所选的项目、分类或区域不存在',
  OWNERSHIP_OPEN_PROPOSAL_EXISTS: '该资产已有公示中的确权申请，须先确认或驳回',
  OWNERSHIP_SHARES_NOT_100: '各所有权人份额合计须为 100%',
  INCOME_NOT_OPERATING: '只有经营性资产可以登记收益',
  INCOME_PERIOD_OVERLAP: '该资产此期间的同类收益已登记；如确为补充收益，请勾选“补充收益”',
  INCOME_NOT_FOUND: '找不到该收益记录，或它不在您的管辖范围内',
  INCOME_ALREADY_REVERSED: '该收益记录已冲销（或本身是冲销记录），不能再冲销',
  INCOME_ALREADY_DISTRIBUTED: '该收益已用于分配方案，冲销后收益将不足以支付方案，不能冲销',
  STALE_VERSION: '数据已被他人修改，请刷新后重试',
  CONCURRENT_UPDATE: '有人同时在修改相同的记录，请重试',
  DUPLICATE: '记录已存在',
  OUT_OF_SCOPE: '该记录不在您的管辖范围内',
  PAGE_SIZE_TOO_LARGE: '每页条数过多',
  INVALID_CURSOR: '翻页位置已失效，请回到第一页',
  INVALID_VALUE: '填写的内容格式不正确',
  OWNERSHIP_NOT_IN_PUBLICITY: '该确权方案已不在公示期，无需再确认',
  OWNERSHIP_PUBLICITY_NOT_OVER: '公示期尚未结束，期满后才能确认',
  OWNERSHIP_OPEN_OBJECTIONS: '公示期间的异议尚未处理完毕，处理后才能确认',
  OWNERSHIP_CERTIFICATE_TAKEN: '该确权证书编号已被使用',
  OBJECTION_NOT_FOUND: '找不到该异议',
  OBJECTION_ALREADY_RESOLVED: '该异议已处理，请刷新后查看处理结果',
  PLAN_WRONG_STATUS: '该分配方案的状态已变化，请刷新后查看',
  DISPOSAL_WRONG_STATUS: '该处置申请的状态已变化，请刷新后查看',
  DISPOSAL_OPEN_EXISTS: '该资产已有进行中的处置申请（待审核、已退回或已批准待实施），不能再申请',
  DISPOSAL_STALE_SNAPSHOT:
    '申请或资产在您审阅后发生了变化（或已由他人审核），页面已显示最新内容，请重新审阅后再提交',
  DISPOSAL_SELF_REVIEW: '不能审核自己提交的处置申请',
  DISPOSAL_WRONG_LEVEL: '该处置申请当前不在您这一级审核',
  OPERATOR_DUPLICATE_USCC: '本村已登记过该统一社会信用代码的经营主体',
  CONTRACT_DUPLICATE_CODE: '本村已有该编号的合同',
  CONTRACT_WRONG_STATUS: '合同已提前终止，不能再续签、变更或终止',
  CONTRACT_NOT_IN_FORCE:
    '该收益不能记入所选合同：合同须涉及该资产，收益类型须为租金或分红，且合同在收益所属期间的起始日有效',
  CONTRACT_NOT_FOUND: '找不到该合同',
  INVENTORY_ALREADY_OPEN: '该年度已有覆盖此区域的清查正在进行',
  INVENTORY_EMPTY: '该区域没有需要清查的资产',
  INVENTORY_CLOSED: '该清查已结束',
  INVENTORY_NOT_RESPONSIBLE: '该项不由您负责确认或签认',
  INVENTORY_TOWNSHIP_SIGNED_OFF: '该乡镇已签认，清查结果不能再修改',
  INVENTORY_ITEMS_PENDING: '还有资产未确认，全部确认后才能签认',
  INVENTORY_SIGN_OFFS_PENDING: '还有乡镇未签认，全部签认后才能结束清查',
  DISCLOSURE_LINK_NOT_FOUND: '找不到该公示链接',
  DISCLOSURE_LINK_REVOKED: '该公示链接已被撤销，请刷新后查看',
  FILE_TOO_LARGE: '文件太大，超过了允许的上限',
  FILE_TYPE_NOT_ALLOWED: '只能上传 PDF、Word、JPG、PNG、HEIC 照片、CSV 或 XLSX 文件',
  FILE_TYPE_MISMATCH: '文件内容与扩展名不符，请检查后重新上传',
  FILE_REFERENCE_INVALID: '所附文件不存在或无法读取，请移除后重新上传',
  FILE_REGION_MISMATCH: '所附文件属于其他村或乡镇，不能作为本记录的凭证，请移除后重新上传',
};

const CODE_MESSAGES: Record<string, string> = {
  BAD_USER_INPUT: '填写的内容有误，请检查后重试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有执行此操作的权限',
  NOT_FOUND: '找不到该记录',
  CONFLICT: '操作与现有数据冲突，请刷新后重试',
  INTERNAL_SERVER_ERROR: '服务器出错了，请稍后重试',
};

/**
 * Reasons whose Chinese sentence from the API says more than the console's: who may take the step, which
 * record was not found or is outside the region. The console's sentence stays for an English answer.
 */
const TOLD_BY_THE_API: ReadonlySet<string> = new Set(['FORBIDDEN', 'NOT_FOUND', 'OUT_OF_SCOPE']);

/** Han characters: a message the API wrote in Chinese. */
const HAS_CHINESE = /[\u4e00-\u9fff]/;

interface ErrorExtensions {
  code?: string;
  reason?: string;
  details?: Record<string, unknown>;
  fields?: Array<{ field: string; message: string }>;
}

function firstExtensions(error: CombinedError | undefined): ErrorExtensions | undefined {
  return error?.graphQLErrors[0]?.extensions as ErrorExtensions | undefined;
}

/** The server's fine reason (extensions.reason, else extensions.code) of the first error. */
export function errorReason(error: CombinedError | undefined): string | undefined {
  const ext = firstExtensions(error);
  return ext?.reason ?? ext?.code;
}

/** The Chinese message for an error of the API; undefined when there is no error. */
export function errorMessage(error: CombinedError | undefined): string | undefined {
  if (!error) return undefined;
  if (error.networkError && error.graphQLErrors.length === 0) return '无法连接服务器，请检查网络后重试';
  const ext = firstExtensions(error) ?? {};
  if (ext.reason === 'ACCOUNT_LOCKED') {
    const until = typeof ext.details?.lockedUntil === 'string' ? ext.details.lockedUntil : undefined;
    return until
      ? `登录失败次数过多，账号已锁定至 ${formatDateTime(until)}，请稍后再试或联系系统管理员解锁`
      : '登录失败次数过多，账号已锁定，请稍后再试或联系系统管理员解锁';
  }
  // The API answers in Chinese (the client asks for zh-CN): its sentence names the fields and amounts.
  const served = error.graphQLErrors[0]?.message;
  const servedChinese = served && HAS_CHINESE.test(served) && ext.code !== 'INTERNAL_SERVER_ERROR';
  // A refusal of a role or a region says who may act (这一步由区级监管审批): the API's sentence, not ours.
  if (servedChinese && ext.reason && TOLD_BY_THE_API.has(ext.reason)) return served;
  const byReason = ext.reason ? (REASON_MESSAGES as Record<string, string>)[ext.reason] : undefined;
  if (byReason) return byReason;
  if (servedChinese) return served;
  return CODE_MESSAGES[ext.code ?? ''] ?? CODE_MESSAGES.INTERNAL_SERVER_ERROR;
}

/** The input fields the API named as wrong (`input.code` → `code`), for a form to mark them. */
export function errorFields(error: CombinedError | undefined): string[] {
  return (firstExtensions(error)?.fields ?? []).map((f) => f.field.replace(/^input\.|^changes\./, ''));
}

/**
 * The input fields the API named as wrong (`input.contractId` → `contractId`), each with the API's own
 * sentence when it is Chinese (合同 HT-1 不涉及该资产), else with the error's message.
 */
export function errorFieldProblems(
  error: CombinedError | undefined,
): Array<{ name: string; message: string }> {
  const fallback = errorMessage(error) ?? CODE_MESSAGES.BAD_USER_INPUT;
  return (firstExtensions(error)?.fields ?? []).map((f) => ({
    name: f.field.replace(/^input\.|^changes\./, ''),
    message: HAS_CHINESE.test(f.message) ? f.message : fallback,
  }));
}

/**
 * The Chinese message for an error answer of a REST endpoint (`{ error: { code, reason } }`, as
 * `POST /files` gives it), `status` being the HTTP status (0: no answer at all).
 */
export function restErrorMessage(body: unknown, status: number): string {
  if (status === 0) return '无法连接服务器，请检查网络后重试';
  const error = (body as { error?: { code?: string; reason?: string } } | null)?.error;
  const byReason = error?.reason ? (REASON_MESSAGES as Record<string, string>)[error.reason] : undefined;
  return byReason ?? CODE_MESSAGES[error?.code ?? ''] ?? CODE_MESSAGES.INTERNAL_SERVER_ERROR;
}
