import { problemMessageZh } from './problem-messages';

/**
 * Chinese for the messages of field problems: class-validator's default messages (which start with the
 * property's name) and the phrases the services use most. A message none of these fit is kept as it is.
 */
const RULES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^property \S+ should not exist$/, () => '是不允许的字段'],
  [/^(?:each value in )?\S+ should not be empty$/, () => '不能为空'],
  [/^(?:each value in )?\S+ must be a string$/, () => '必须是文本'],
  [
    /^(?:each value in )?\S+ must be shorter than or equal to (\d+) characters?$/,
    (m) => `不能超过 ${m[1]} 个字符`,
  ],
  [
    /^(?:each value in )?\S+ must be longer than or equal to (\d+) characters?$/,
    (m) => `至少 ${m[1]} 个字符`,
  ],
  [/^(?:each value in )?\S+ must not be less than (-?[\d.]+)$/, (m) => `不能小于 ${m[1]}`],
  [/^(?:each value in )?\S+ must not be greater than (-?[\d.]+)$/, (m) => `不能大于 ${m[1]}`],
  [/^(?:each value in )?\S+ must be an integer number$/, () => '必须是整数'],
  [/^(?:each value in )?\S+ must be a number conforming to the specified constraints$/, () => '必须是数字'],
  [/^(?:each value in )?\S+ must be a positive number$/, () => '必须是正数'],
  [/^(?:each value in )?\S+ must be a boolean value$/, () => '必须是“是”或“否”'],
  [/^(?:each value in )?\S+ must be one of the following values: (.*)$/, (m) => `必须是以下值之一：${m[1]}`],
  [/^(?:each value in )?\S+ must be a UUID$/, () => '必须是有效的记录编号（UUID）'],
  [/^(?:each value in )?\S+ must be a valid ISO 8601 date string$/, () => '必须是有效的日期'],
  [/^(?:each value in )?\S+ must match .* regular expression$/, () => '格式不正确'],
  [/^\S+ must be an array$/, () => '必须是列表'],
  [/^\S+ must contain at least (\d+) elements?$/, (m) => `至少要有 ${m[1]} 项`],
  [/^\S+ must contain no more than (\d+) elements?$/, (m) => `最多 ${m[1]} 项`],
  [/^\S+ must be an object$/, () => '必须是对象'],
  [/^nested property \S+ must be either object or array$/, () => '必须是对象或列表'],
  [/^(?:\S+ )?must not be empty$/, () => '不能为空'],
  [/^must be a non-empty (?:single-line )?string$/, () => '不能为空'],
  [/^not a date$/, () => '不是有效的日期'],
  [/^must not be in the past$/, () => '不能早于今天'],
  [/^not found$/, () => '不存在'],
  [/^is required$/, () => '必须填写'],
  [/^is larger than the limit of (\d+) bytes$/, (m) => `超过了文件大小上限（${m[1]} 字节）`],
  [
    /^the exported file is (\d+) bytes, larger than the limit of (\d+) bytes: export fewer records at a time$/,
    (m) => `导出的文件有 ${m[1]} 字节，超过了文件大小上限（${m[2]} 字节）：请缩小范围，分次导出`,
  ],
  // ---- the owners of an ownership proposal (ownership.service, ownership.types)
  [/^\S+ must be a percentage such as "([\d.]+)"$/, (m) => `须为百分数，最多两位小数，如 ${m[1]}`],
  [/^must be above 0 and at most 100$/, () => '须大于 0、不超过 100'],
  [/^the same owner is listed twice$/, () => '同一所有权人重复列出'],
  [
    /^a village collective is named by its 12-digit village code$/,
    () => '村集体经济组织的编码须为本村的 12 位区划代码',
  ],
  [/^a township is named by its 9-digit code$/, () => '乡镇的编码须为乡镇的 9 位区划代码'],
  [/^a household asset is owned by households$/, () => '到户类资产的所有权人须为农户'],
  [/^only household assets are owned by households$/, () => '只有到户类资产的所有权人才能是农户'],
  [/^shares add up to ([\d.]+)%, not 100%$/, (m) => `份额合计为 ${m[1]}%，须为 100%`],
  [/^between (\S+) and (\S+)$/, (m) => `须在 ${m[1]} 到 ${m[2]} 之间`],
  [/^already used$/, () => '已被使用'],
];

/** The Chinese message of a field problem, or undefined when its English message has no translation. */
export function fieldMessageZh(message: string): string | undefined {
  for (const [pattern, render] of RULES) {
    const m = pattern.exec(message);
    if (m) return render(m);
  }
  return problemMessageZh(message);
}
