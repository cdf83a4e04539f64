import { ErrorCode } from '../errors/error-codes';
import { ExtraReason } from './error-messages';
import { problemMessageZh } from './problem-messages';

/**
 * Chinese for the whole messages of errors that carry their details (an amount, a date, a code, a name):
 * by `extensions.reason`, the English the code raises → the Chinese sentence with the same details. An
 * error without fields whose message fits none of its reason's patterns is told in the reason's own
 * sentence ({@link ERROR_MESSAGES}); a refusal without details whose reason's sentence would say too
 * little (which role records upkeep) is listed here word for word.
 *
 * Values quoted in a message ("…") are what the user typed or named and stay as they are.
 */
type Render = (m: RegExpExecArray) => string;

/** A nested problem (an import row's message) in Chinese, or as raised when it has no translation. */
const zh = (message: string): string => problemMessageZh(message) ?? message;

export const ERROR_DETAILS: Partial<Record<ErrorCode | ExtraReason, Array<[RegExp, Render]>>> = {
  FORBIDDEN: [
    [/^The district's name cannot be changed here$/, () => '区的名称不能在此修改'],
    [
      /^Operators and contracts are registered and kept by the village clerk; townships and the district only read them$/,
      () => '经营主体和合同由村会计（村级资产管理员）登记和维护；乡镇和区级只能查看',
    ],
    [/^The asset is outside your region$/, () => '该资产不在您的管辖范围内'],
    [
      /^Upkeep is recorded by the clerk of the asset's village$/,
      () => '管护记录由资产所在村的村级管理员登记',
    ],
    [
      /^The upkeep of an asset at a township is recorded by that township's officer$/,
      () => '乡镇所在资产的管护记录由该乡镇的干部登记',
    ],
  ],
  STALE_VERSION: [
    [
      /^The contract was changed by someone else \(it is now version (\d+)\): refresh and try again$/,
      (m) => `合同已被修改（现为第 ${m[1]} 版），请刷新后重试`,
    ],
    [
      /^The upkeep duty was changed by someone else \(it is now version (\d+)\): refresh and try again$/,
      (m) => `管护责任已被他人修改（当前版本 ${m[1]}），请刷新后重试`,
    ],
  ],
  ASSET_DISPOSED: [
    [
      /^Asset (.+) is disposed: it takes no more upkeep records$/,
      (m) => `资产 ${m[1]} 已处置，不能再登记管护记录`,
    ],
  ],
  REGION_RETIRED: [[/^(.+) \((\d+)\) was retired on (\S+)$/, (m) => `${m[1]}（${m[2]}）已于 ${m[3]} 撤销`]],
  REGION_IMPORT_INVALID: [
    [
      /^The village list must be a CSV file \(UTF-8 or GBK\)$/,
      () => '村（社区）名单须为 CSV 文件（UTF-8 或 GBK 编码）',
    ],
    [
      /^The village list has (\d+) problems?, nothing was imported: (.+?)( …)?$/s,
      (m) =>
        `村（社区）名单有 ${m[1]} 处问题，未导入任何记录：${m[2]
          .split(' | ')
          .map((p) => {
            const row = /^row (\d+), column "(.*?)": (.+)$/s.exec(p);
            return row ? `第 ${row[1]} 行「${row[2]}」：${zh(row[3])}` : zh(p);
          })
          .join('；')}${m[3] ?? ''}`,
    ],
  ],
  OPERATOR_DUPLICATE_USCC: [
    [
      /^The operator "(.*)" with the unified social credit code (\S+) is already registered in this village$/s,
      (m) => `本村已登记统一社会信用代码为 ${m[2]} 的经营主体「${m[1]}」`,
    ],
  ],
  CONTRACT_DUPLICATE_CODE: [
    [/^This village already has contract (.+)$/, (m) => `本村已有编号为 ${m[1]} 的合同`],
  ],
  OUT_OF_SCOPE: [[/^Region (\d+) is outside your region$/, (m) => `区域 ${m[1]} 不在您的管辖范围内`]],
  CONTRACT_WRONG_STATUS: [
    [
      /^Contract (.+) was terminated early on (\S+): it can no longer be renewed, amended or terminated$/,
      (m) => `合同 ${m[1]} 已于 ${m[2]} 提前终止，不能再续签、变更或终止`,
    ],
  ],
  PAYOUT_EXCEEDS_SHARE: [
    [
      /^The household's share is (\S+) yuan, (\S+) yuan of it paid, (\S+) yuan left: (\S+) yuan is more than its share$/,
      (m) => `该农户应得 ${m[1]} 元，已发放 ${m[2]} 元，尚可发放 ${m[3]} 元；本次 ${m[4]} 元超出应得金额`,
    ],
  ],
  PAYOUT_EXCEEDS_ALLOCATION: [
    [
      /^The allocation has (\S+) yuan left to pay: (\S+) yuan would pay more than that$/,
      (m) => `该分配项尚可发放 ${m[1]} 元，本次 ${m[2]} 元将超额发放`,
    ],
  ],
  PLAN_RESULT_ALREADY_PUBLISHED: [
    [/^The result of this plan was published on (\S+) already$/, (m) => `该方案已于 ${m[1]} 登记结果公开`],
  ],
  IDEMPOTENCY_KEY_REUSED: [
    [
      /^The idempotency key (.+) was used for another operation \((\w+)\): it cannot be used for this request; give a new request a new key$/s,
      (m) => `幂等键 ${m[1]} 已用于另一种操作（${m[2]}），不能用于本次请求；新的请求请换一个新的幂等键`,
    ],
    [
      /^The idempotency key (.+) was used for a different request \(another amount, kind, asset …\): this request was not run; give a new request a new key$/s,
      (m) =>
        `幂等键 ${m[1]} 已用于内容不同的请求（金额、类型、资产等不一致），本次请求未执行；新的请求请换一个新的幂等键`,
    ],
  ],
};

/**
 * The Chinese of an error's whole message with its details, or undefined when its reason has no
 * pattern that fits (the reason's sentence is then said instead).
 */
export function errorMessageZh(reason: string | undefined, message: string): string | undefined {
  const rules = reason === undefined ? undefined : ERROR_DETAILS[reason as keyof typeof ERROR_DETAILS];
  for (const [pattern, render] of rules ?? []) {
    const m = pattern.exec(message);
    if (m) return render(m);
  }
  return undefined;
}
