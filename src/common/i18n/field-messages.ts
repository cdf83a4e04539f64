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
/** What a contract terminated early can no longer be. */
const CONTRACT_CHANGES: Record<string, string> = {
  renewed: '续签',
  amended: '变更',
  'terminated again': '再次终止',
};

const RULES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  // ---- operators and contracts (contract-rules, uscc, contracts.service)
  [/^an individual operator has no unified social credit code$/, () => '个人经营者没有统一社会信用代码'],
  [/^an individual operator needs a resident ID number$/, () => '个人经营者须填写身份证号码'],
  [
    /^is not a valid resident ID number \(18 characters with a real date of birth and check character\)$/,
    () => '身份证号码无效（须为 18 位，出生日期和校验位须正确）',
  ],
  [/^only an individual operator has a resident ID number$/, () => '只有个人经营者登记身份证号码'],
  [
    /^an enterprise or a cooperative needs its unified social credit code$/,
    () => '企业和合作社须填写统一社会信用代码',
  ],
  [
    /^a unified social credit code has 18 characters \(this one has (\d+)\)$/,
    (m) => `须为 18 位（现为 ${m[1]} 位）`,
  ],
  [
    /^may hold only digits and capital letters other than I, O, S, V and Z$/,
    () => '只能包含数字和大写字母（不含 I、O、S、V、Z）',
  ],
  [/^characters 3–8 must be the digits of a division code$/, () => '第 3–8 位应为行政区划代码（数字）'],
  [
    /^the check character \(the 18th\) does not match: a character may be mistyped$/,
    () => '校验位（第 18 位）不符，可能有字符输错',
  ],
  [/^the contact phone is not a telephone number$/, () => '联系电话格式不正确'],
  [/^the contract must end after it starts \((\S+)\)$/, (m) => `合同终止日期须晚于起始日期（${m[1]}）`],
  [/^the amount must not be negative$/, () => '金额不能为负数'],
  [/^the guaranteed minimum must not be negative$/, () => '保底收益不能为负数'],
  [/^an equity contract needs its principal \(more than zero\)$/, () => '入股合同须填写入股本金（大于零）'],
  [/^an equity contract needs the day its principal matures$/, () => '入股合同须填写本金到期日'],
  [
    /^the principal must mature after the contract starts \((\S+)\)$/,
    (m) => `本金到期日须晚于合同起始日期（${m[1]}）`,
  ],
  [/^only an equity contract has a principal$/, () => '只有入股合同有入股本金'],
  [/^only an equity contract has a principal maturity date$/, () => '只有入股合同有本金到期日'],
  [
    /^the contract was terminated early on (\S+): it cannot be (renewed|amended|terminated again)$/,
    (m) => `合同已于 ${m[1]} 提前终止，不能${CONTRACT_CHANGES[m[2]]}`,
  ],
  [
    /^a renewal must end after the current end date \((\S+)\)$/,
    (m) => `续签后的终止日期须晚于现终止日期（${m[1]}）`,
  ],
  [
    /^an amendment must take effect between (\S+) and (\S+)$/,
    (m) => `变更生效日期须在 ${m[1]} 至 ${m[2]} 之间`,
  ],
  [
    /^an early termination must fall on or after (\S+) and before the contract's end date \((\S+)\)$/,
    (m) => `提前终止日期须在 ${m[1]} 之后、合同终止日期（${m[2]}）之前`,
  ],
  [/^only the principal of an equity contract is returned$/, () => '只有入股合同有本金返还'],
  [/^the principal was returned on (\S+)$/, (m) => `本金已于 ${m[1]} 返还`],
  [/^the principal must be returned between (\S+) and today$/, (m) => `返还日期须在 ${m[1]} 至今天之间`],
  [/^contract (.+) does not cover this asset$/, (m) => `合同 ${m[1]} 不涉及该资产`],
  [/^income under a contract must be rent or a dividend$/, () => '合同项下的收益须为租金或分红'],
  [
    /^contract (.+) \(([A-Z_]+)\) pays ([A-Z_]+(?: or [A-Z_]+)*), not ([A-Z_]+)$/,
    (m) =>
      `合同 ${m[1]} 为${enumLabel('ContractKind', m[2])}合同，其项下的收益为${m[3]
        .split(' or ')
        .map((k) => enumLabel('IncomeKind', k))
        .join('或')}，不是${enumLabel('IncomeKind', m[4])}`,
  ],
  [
    /^contract (.+) is not in force on the first day of the income's period \((\S+)\): it runs from (\S+) to (\S+)$/,
    (m) => `收益所属期间开始日（${m[2]}）合同 ${m[1]} 不在有效期内（${m[3]} 至 ${m[4]}）`,
  ],
  [/^the operator must first be registered in this village$/, () => '经营主体须先在本村登记'],
  [
    /^asset (.+) is not in this village: this village cannot sign a contract for it$/,
    (m) => `资产 ${m[1]} 不在本村，不能由本村签订合同`,
  ],
  [/^asset (.+) is not an operating asset$/, (m) => `资产 ${m[1]} 不是经营性资产`],
  [/^asset (.+) is disposed$/, (m) => `资产 ${m[1]} 已处置`],
  // ---- upkeep (upkeep-rules, upkeep.service)
  [
    /^is not a telephone number \(7 to 20 digits, spaces or dashes allowed\)$/,
    () => '电话号码格式不正确（7 至 20 位数字，可含空格或短横线）',
  ],
  [/^the inspection date must not be after today \((\S+)\)$/, (m) => `巡查日期不能晚于今天（${m[1]}）`],
  [
    /^the inspection date must not be before the asset's completion date \((\S+)\)$/,
    (m) => `巡查日期不能早于资产建成日期（${m[1]}）`,
  ],
  [/^the inspector is required$/, () => '须填写巡查人'],
  [/^say what is wrong when the asset is found damaged or lost$/, () => '发现损坏或灭失时须说明情况'],
  [/^the repair date must not be after today \((\S+)\)$/, (m) => `维修日期不能晚于今天（${m[1]}）`],
  [
    /^the repair date must not be before the inspection that found the damage \((\S+)\)$/,
    (m) => `维修日期不能早于发现损坏的巡查日期（${m[1]}）`,
  ],
  [/^say what was repaired$/, () => '须说明维修内容'],
  [/^the repair cost must be more than zero$/, () => '维修费用须大于零'],
  [
    /^a repair paid from the upkeep funds of a distribution plan needs the allocation that pays it$/,
    () => '由收益分配方案的资产管护资金支付时，须选择对应的分配项',
  ],
  [
    /^only a repair paid from the upkeep funds of a distribution plan has an allocation$/,
    () => '只有由资产管护资金支付的维修才能关联分配项',
  ],
  [/^say who paid when the payer is OTHER$/, () => '付款方为“其他”时须写明由谁支付'],
  [
    /^a repair answers only an inspection that found the asset DAMAGED or FAIR$/,
    () => '只能关联发现“损坏”或“一般”状况的巡查记录',
  ],
  [/^the allocation is not for asset upkeep \(ASSET_UPKEEP\)$/, () => '所选分配项不是“资产管护”用途'],
  [
    /^the allocation belongs to another village's plan: only the upkeep funds of the asset's own village can pay$/,
    () => '所选分配项属于其他村的分配方案，只能使用资产所在村的资产管护资金',
  ],
  [
    /^the allocation's plan has not been filed by the township: it cannot pay yet$/,
    () => '所选分配项所属的分配方案尚未经乡镇备案，不能支付',
  ],
  [
    /^the repair cost of (\S+) yuan is more than the (\S+) yuan left of the allocation$/,
    (m) => `维修费用 ${m[1]} 元超过了该分配项的剩余金额 ${m[2]} 元`,
  ],
  [/^the inspection interval must be between 1 and 3650 days$/, () => '巡查周期须在 1 至 3650 天之间'],
  [/^the repair deadline must be between 1 and 365 days$/, () => '维修期限须在 1 至 365 天之间'],
  [/^the management body is required$/, () => '须填写管护主体'],
  [/^the responsible person is required$/, () => '须填写管护责任人'],
  [/^not an inspection of this asset$/, () => '不是这项资产的巡查记录'],
  // ---- regions (regions.service)
  [/^only a village or community can be retired$/, () => '只能撤销村（社区）'],
  [/^the retirement date must not be after today \((\S+)\)$/, (m) => `撤销日期不能晚于今天（${m[1]}）`],
  [/^no such village or community$/, () => '找不到该村（社区）'],
  [/^can only be merged into another village or community$/, () => '只能并入另一个村（社区）'],
  [/^cannot be merged into itself$/, () => '不能并入自身'],
  [
    /^(.+) is retired: merge into a village or community still in use$/,
    (m) => `${m[1]} 已撤销，请并入现有的村（社区）`,
  ],
  [
    /^(.+) \((\d{9}|\d{12})\) was retired on (\S+)(?: \(merged into (\d+)\))?: it takes no new assets$/,
    (m) => `${m[1]}（${m[2]}）已于 ${m[3]} 撤销${m[4] ? `，并入 ${m[4]}` : ''}，不能再登记新的资产`,
  ],
  // ---- distribution: income of a plan, payouts, result publicity
  [
    /^the village has only (\S+) yuan of income left to distribute, less than the plan's (\S+) yuan$/,
    (m) => `本村尚未分配的收益只有 ${m[1]} 元，少于方案金额 ${m[2]} 元`,
  ],
  [
    /^the income lines add up to (\S+) yuan, not the plan's (\S+) yuan$/,
    (m) => `收益来源合计 ${m[1]} 元，与方案金额 ${m[2]} 元不一致`,
  ],
  [
    /^each line names either an income record \(incomeId\) or an asset \(assetId\)$/,
    () => '每一行须指定收益记录（incomeId）或资产（assetId）之一',
  ],
  [/^not an income record of this village$/, () => '不是本村的收益记录'],
  [/^the asset has no income of this village$/, () => '该资产没有本村的收益'],
  [
    /^only (\S+) yuan of it is left to distribute, less than (\S+) yuan$/,
    (m) => `尚未分配的只有 ${m[1]} 元，少于 ${m[2]} 元`,
  ],
  [
    /^The allocation has beneficiaries: say which household \(householdId\) is paid$/,
    () => '该分配项有受益户，发放时须填写领取的农户（householdId）',
  ],
  [/^The household is not a beneficiary of this allocation$/, () => '该农户不是此分配项的受益户'],
  [
    /^The allocation has no list of beneficiaries: it cannot be paid to a household$/,
    () => '该分配项没有受益户名单，不能发放给农户',
  ],
  [
    /^the result publicity date \((\S+)\) must not be after today$/,
    (m) => `结果公开日期（${m[1]}）不能晚于今天`,
  ],
  [
    /^the result publicity date \((\S+)\) is before the last payout \((\S+)\)$/,
    (m) => `结果公开日期（${m[1]}）早于最后一笔发放日期（${m[2]}）`,
  ],
  // ---- ownership: publicity and its notice
  [/^the publicity must start within 30 days$/, () => '公示须在 30 天内开始'],
  [
    /^the publicity starts (\d+) days before today: at most (\d+) days earlier \(from (\S+)\)$/,
    (m) => `公示起始日期早于登记日 ${m[1]} 天：最多可提前 ${m[2]} 天（${m[3]} 起）`,
  ],
  [
    /^publicity counts from the day of registration \((\S+)\): to start it earlier, on (\S+), attach the photo or scan of the posted notice \(noticeEvidenceFileIds\)$/,
    (m) => `公示期自登记之日（${m[1]}）起算；公示起始日期提前到 ${m[2]}，须附已张贴公示的照片或扫描件`,
  ],
  [/^must be a photo or a scan \(an image or a PDF\)$/, () => '须为照片或扫描件（图片或 PDF）'],
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
  [/^(\d+) is outside your region$/, (m) => `${m[1]} 不在您的管辖区域内`],
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
  // ---- a distribution plan's submission (plan-rules)
  [
    /^the allocations add up to (\S+) yuan, not the plan's amount of (\S+) yuan$/,
    (m) => `各项分配合计 ${m[1]} 元，与方案金额 ${m[2]} 元不一致`,
  ],
  [
    /^the beneficiaries add up to (\S+) yuan, not the allocation's amount of (\S+) yuan$/,
    (m) => `受益农户合计 ${m[1]} 元，与该项分配金额 ${m[2]} 元不一致`,
  ],
  [
    /^the village's undistributed income is only (\S+) yuan, less than the plan's amount of (\S+) yuan$/,
    (m) => `本村尚未分配的收益只有 ${m[1]} 元，少于方案金额 ${m[2]} 元`,
  ],
  [/^no such household$/, () => '没有这个农户'],
  [
    /^the household belongs to village (\S+), not to this village \((\S+)\)$/,
    (m) => `该农户属于村 ${m[1]}，不是本村（${m[2]}）的农户`,
  ],
  [
    /^the household was neither formerly poor nor monitored on (\S+)$/,
    (m) => `该农户在 ${m[1]} 既不是脱贫户也不是监测户`,
  ],
  [
    /^the district's distribution policy does not allow ([A-Z_]+)$/,
    (m) => `区里的分配政策不允许“${enumLabel('DistributionChannel', m[1])}”`,
  ],
  [
    /^([A-Z_]+) is ([\d.]+)% of the plan; the policy asks for at least ([\d.]+)%$/,
    (m) => `“${enumLabel('DistributionChannel', m[1])}”占方案的 ${m[2]}%，政策要求至少 ${m[3]}%`,
  ],
  [
    /^([A-Z_]+) is ([\d.]+)% of the plan; the policy allows at most ([\d.]+)%$/,
    (m) => `“${enumLabel('DistributionChannel', m[1])}”占方案的 ${m[2]}%，政策规定最多 ${m[3]}%`,
  ],
  [
    /^cash must not be split equally among every household of the village$/,
    () => '不得把现金平均分给全村每一户（一分了之）',
  ],
  [/^the step's date \((\S+)\) is after today$/, (m) => `日期（${m[1]}）晚于今天`],
  [
    /^the step's date \((\S+)\) is before the step before it \((\S+)\)$/,
    (m) => `日期（${m[1]}）早于上一步（${m[2]}）`,
  ],
  [
    /^upload at least (\d+) files of the decision and of its publication$/,
    (m) => `至少上传 ${m[1]} 个决议及其公开情况的附件`,
  ],
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
