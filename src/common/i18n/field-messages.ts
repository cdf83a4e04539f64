import { enumLabel } from './enum-labels';
import { FIELD_NAMES } from './field-names';
import { problemMessageZh } from './problem-messages';

/**
 * Chinese for the messages of field problems: class-validator's default messages (which start with the
 * property's name), the messages of the input types' own rules and the phrases the services and their
 * `*-rules.ts` raise. A message none of these fit goes on to {@link problemMessageZh} (the shared rules,
 * the cells), else is kept as it is. field-problem-messages.spec.ts collects every message the code
 * raises and checks that each has Chinese here.
 */
const REGION_LEVELS: Record<string, string> = { district: '区', township: '乡镇', village: '村' };
const REVIEW_DECISIONS: Record<string, string> = { approve: '同意', reject: '不同意', return: '退回' };
const CODE_CHARS_ZH = '1–64 个字母、数字或 .、_、/、-';

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
  // ---- the input types' own rules (class-validator options and validators)
  [/^\S+ must be 1–64 letters, digits, "\.", "_", "\/" or "-"$/, () => `须为 ${CODE_CHARS_ZH}`],
  [/^\S+ must be 2–32 upper-case letters, digits or _$/, () => '须为 2–32 个大写字母、数字或 _'],
  [/^\S+ must be 3–64 letters, digits, "\.", "-" or "_"$/, () => '须为 3–64 个字母、数字或 .、-、_'],
  [/^\S+ must be 8–100 letters, digits or "\. _ : -"$/, () => '须为 8–100 个字母、数字或 . _ : -'],
  [/^\S+ must be a number with at most three decimals$/, () => '须为最多三位小数的数字'],
  [/^(?:\S+ )?must be a 6, 9 or 12-digit region code$/, () => '须为 6、9 或 12 位区划代码'],
  [/^a 6, 9 or 12-digit region code$/, () => '须为 6、9 或 12 位区划代码'],
  [/^\S+ must be a 6, 9 or 12-digit code$/, () => '须为 6、9 或 12 位代码'],
  [/^(?:must be )?a 12-digit village code$/, () => '须为 12 位村级区划代码'],
  [/^not a valid id$/, () => '不是有效的记录编号'],
  [/^\S+ must not be blank$/, () => '不能为空'],
  [/^\S+ must be an amount of money of at least ([\d.]+) yuan$/, (m) => `须为金额（元），不少于 ${m[1]} 元`],
  [
    /^\S+ is not a valid resident ID number: (.+)$/,
    (m) => `不是有效的居民身份证号码：${problemMessageZh(m[1]) ?? m[1]}`,
  ],
  [
    /^\S+ must be the 64 hex characters of snapshotHash$/,
    () => '须为所读处置申请快照哈希的 64 位十六进制字符',
  ],
  // ---- references, names and codes (the services)
  [/^already exists$/, () => '已存在'],
  [/^already registered$/, () => '已登记'],
  [/^is taken$/, () => '已被使用'],
  [/^no such region$/, () => '没有该区域'],
  [/^no such village$/, () => '没有该村'],
  [/^no such category$/, () => '没有该资产分类'],
  [/^category is no longer in use$/, () => '该资产分类已停用'],
  [/^no such project in your region$/, () => '您的管辖区域内没有该项目'],
  [/^outside your region$/, () => '不在您的管辖区域内'],
  [/^must be a village or a township$/, () => '须为村或乡镇'],
  [/^must be a (district|township|village)$/, (m) => `须为${REGION_LEVELS[m[1]]}`],
  [/^must be 9 \(township\) or 12 \(village\) digits$/, () => '须为 9 位（乡镇）或 12 位（村）'],
  [/^must be the first (\d+) digits of code \((\d+)\)$/, (m) => `须为代码的前 ${m[1]} 位（${m[2]}）`],
  [/^not an operating asset$/, () => '不是经营性资产'],
  [/^not a cursor this list produced$/, () => '不是本列表给出的翻页位置'],
  // ---- numbers, dates and lists
  [/^must be at most (\d+)$/, (m) => `不能大于 ${m[1]}`],
  [/^must not be negative$/, () => '不能为负数'],
  [/^must be a non-negative integer$/, () => '须为非负整数'],
  [/^must be between (\d+) and the ledger size (\d+)$/, (m) => `须在 ${m[1]} 到账本条目数 ${m[2]} 之间`],
  [/^must be between (\S+) and (\S+)$/, (m) => `须在 ${m[1]} 到 ${m[2]} 之间`],
  [/^between (\S+) and today$/, (m) => `须在 ${m[1]} 到今天之间`],
  [/^must not be after (\d+)$/, (m) => `不能晚于 ${m[1]} 年`],
  [/^must be a year between (\d+) and (\d+)$/, (m) => `须为 ${m[1]} 到 ${m[2]} 之间的年份`],
  [/^must be at least (\d+) days$/, (m) => `至少 ${m[1]} 天`],
  [/^must be a date YYYY-MM-DD$/, () => '须为 YYYY-MM-DD 格式的日期'],
  [/^a date not in the future$/, () => '须为不晚于今天的日期'],
  [/^the period ends \((\S+)\) before it starts$/, (m) => `所属期间止（${m[1]}）早于所属期间起`],
  [/^(\S+) is before (\w+) (\S+)$/, (m) => `${m[1]} 早于${FIELD_NAMES[m[2]] ?? m[2]} ${m[3]}`],
  [
    /^must be a percentage such as "33\.33" \(above 0, at most 100\)$/,
    () => '须为百分数，如 33.33（大于 0，不超过 100）',
  ],
  [/^a percentage between 0 and 100$/, () => '须为 0 到 100 之间的百分数'],
  [/^listed twice$/, () => '重复列出'],
  [/^this item is listed more than once$/, () => '该项重复列出'],
  [/^is empty$/, () => '是空文件'],
  [/^send the file as the multipart field "(.+)"$/, (m) => `请以表单字段“${m[1]}”上传文件`],
  [
    /^matches (\d+) assets, more than (\d+)$/,
    (m) => `符合条件的资产有 ${m[1]} 项，超过一次最多导出的 ${m[2]} 项：请缩小筛选范围`,
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
  // ---- disposals, distribution and income
  [/^required to (approve|reject|return)$/, (m) => `审核意见为“${REVIEW_DECISIONS[m[1]]}”时须填写意见`],
  [/^the appraisal is required$/, () => '须附评估报告'],
  [/^the owner's democratic resolution is required$/, () => '须附所有权人的民主决议'],
  [/^above the maximum$/, () => '高于最高比例'],
  [/^a forbidden channel cannot have a minimum$/, () => '禁止的用途不能设最低比例'],
  [/^the minimums add up to ([\d.]+)%, more than 100%$/, (m) => `各用途最低比例合计 ${m[1]}%，超过了 100%`],
  [/^the same household is listed twice$/, () => '同一农户重复列出'],
  [/^exactly one of assetId, householdId, fundSource$/, () => '资产、农户、资金来源须指定且只能指定其中一项'],
  [/^only with fundSource$/, () => '只能与资金来源一起指定'],
  [/^CHANNEL combines with REGION and YEAR only$/, () => '按分配用途汇总时只能同时按区域和年度汇总'],
  [/^required for HOUSEHOLD_RECEIPTS$/, () => '导出农户受益明细时必须填写'],
  // ---- the annual inventory: a finding (inventory-rules.ts)
  [
    /^required for ([A-Z_]+): say what was found$/,
    (m) => `清查结果为“${enumLabel('InventoryFinding', m[1])}”时须说明发现的情况`,
  ],
  [/^required for STATUS_DIFFERS: the status found$/, () => '清查结果为“状态不符”时须选择实际状态'],
  [
    /^the register already says ([A-Z_]+): that is PRESENT, not STATUS_DIFFERS$/,
    (m) => `台账上已是“${enumLabel('AssetStatus', m[1])}”：应为“账实相符”，不是“状态不符”`,
  ],
  [/^only for STATUS_DIFFERS$/, () => '只有清查结果为“状态不符”时才填写'],
  // ---- households
  [
    /^the household is already ([A-Z_]+) since (\S+)$/,
    (m) => `该农户自 ${m[2]} 起已是${enumLabel('HouseholdStatusKind', m[1])}`,
  ],
  [
    /^must be after the start of the current status \((\S+)\)$/,
    (m) => `须晚于当前户类型的起始日期（${m[1]}）`,
  ],
  [
    /^must be after the day the household left the system \((\S+)\)$/,
    (m) => `须晚于该农户上次退出的日期（${m[1]}）`,
  ],
  // ---- public disclosure (公示)
  [
    /^the link must stay valid until the publication period ends \((\S+)\)$/,
    (m) => `链接有效期须至少到公示期结束（${m[1]}）`,
  ],
  [/^a disclosure is made by a village$/, () => '公示须由村发布'],
  // ---- users
  [/^is your own account$/, () => '是您自己的账号'],
  [/^does not match your password$/, () => '与您的密码不符'],
  [/^must differ from the current password$/, () => '须与当前密码不同'],
  // ---- the ledger and its witnesses
  [/^must not be larger than toSize$/, () => '不能大于终止大小'],
  [/^the ledger is empty$/, () => '账本中还没有条目'],
  [/^a text\/plain note$/, () => '须为纯文本格式的签名记录'],
  [/^is the ledger key$/, () => '是账本自己的签名密钥，不能作见证人'],
  [/^a witness is listed twice$/, () => '同一见证人重复列出'],
  [/^not active witnesses: (.+)$/, (m) => `以下见证人未生效：${m[1]}`],
];

/** The Chinese message of a field problem, or undefined when its English message has no translation. */
export function fieldMessageZh(message: string): string | undefined {
  for (const [pattern, render] of RULES) {
    const m = pattern.exec(message);
    if (m) return render(m);
  }
  return problemMessageZh(message);
}
