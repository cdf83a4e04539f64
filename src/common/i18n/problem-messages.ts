import { enumLabel } from './enum-labels';

/**
 * Chinese for the problems the shared rules, the cell parsers and the import validators describe in
 * English (asset-rules, household-rules, fund sources, `spreadsheet/cells`, the import validators, the
 * import jobs' messages). One table serves both paths: an API error's field problem
 * ({@link fieldMessageZh} falls back to it) and an import job's row problems, translated when the job is
 * read. English stays what the code raised, for `Accept-Language: en`.
 *
 * A message is a sentence or several joined by "; " (the fund-source cell): each part is translated.
 * Values quoted in a message ("…") are what the user typed and stay as they are.
 */
type Render = (m: RegExpExecArray, zh: (message: string) => string) => string;

const MONEY_HINT = 'write yuan with at most two decimals, e.g. 12345.67';
const MONEY_HINT_ZH = '请以元为单位填写，最多两位小数，如 12345.67';
const DATE_HINT = 'write the date as YYYY-MM-DD';
const DATE_HINT_ZH = '请按 YYYY-MM-DD 格式填写日期';
const CODE_CHARS = '1–64 letters, digits, ".", "_", "/" or "-"';
const CODE_CHARS_ZH = '1–64 个字母、数字或 .、_、/、-';

const esc = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Region levels as the validators name them ("township or village"). */
const LEVEL_WORDS: Record<string, string> = { district: '区县', township: '乡镇', village: '村' };
const levels = (words: string): string =>
  words
    .split(' or ')
    .map((w) => LEVEL_WORDS[w] ?? w)
    .join('或');

/** An enum value named in an English message (DISPOSED, CENTRAL_FINANCE) as its Chinese label. */
const label = (enumName: string, value: string): string => enumLabel(enumName, value, 'zh-CN');

const RULES: Array<[RegExp, Render]> = [
  // ---- cells (spreadsheet/cells.ts, spreadsheet/template.ts)
  [/^is required$/, () => '必须填写'],
  [/^is not a valid date$/, () => '不是有效的日期'],
  [/^the cell holds the error (.+)$/, (m) => `单元格含有错误值 ${m[1]}`],
  [
    /^holds the character "\ufffd", left where text was damaged in a conversion or a copy: type it again$/,
    () => '含有字符“\ufffd”，文字在转换或复制时已损坏：请重新输入',
  ],
  [/^is longer than (\d+) characters?$/, (m) => `超过 ${m[1]} 个字符`],
  [new RegExp(`^"(.*)" is not an amount: ${esc(MONEY_HINT)}$`), (m) => `“${m[1]}”不是金额：${MONEY_HINT_ZH}`],
  [
    new RegExp(`^(.+) has more than two decimals: ${esc(MONEY_HINT)}$`),
    (m) => `${m[1]} 超过两位小数：${MONEY_HINT_ZH}`,
  ],
  [new RegExp(`^is a date, not an amount: ${esc(MONEY_HINT)}$`), () => `是日期而不是金额：${MONEY_HINT_ZH}`],
  [
    /^(.+) is too large for a number cell: type it as text$/,
    (m) => `${m[1]} 超出数字单元格的精度：请以文本格式填写`,
  ],
  [/^is a date, not a quantity$/, () => '是日期而不是数量'],
  [/^"(.*)" is not a number with at most three decimals$/, (m) => `“${m[1]}”不是最多三位小数的数字`],
  [/^(.+) has more than three decimals$/, (m) => `${m[1]} 超过三位小数`],
  [new RegExp(`^(.+) is not a date: ${esc(DATE_HINT)}$`), (m) => `${m[1]} 不是日期：${DATE_HINT_ZH}`],
  [/^(.+) is not a date of the calendar$/, (m) => `${m[1]} 不是日历上存在的日期`],
  [/^"(.*)" is not a whole number$/, (m) => `“${m[1]}”不是整数`],
  [/^(.+) is not between (\S+) and (\S+)$/, (m) => `${m[1]} 不在 ${m[2]} 到 ${m[3]} 之间`],
  [/^"(.*)" is not one of (.+)$/, (m) => `“${m[1]}”不是以下之一：${m[2]}`],
  [
    new RegExp(`^"(.*)" is not a code: ${esc(CODE_CHARS)}$`),
    (m) => `“${m[1]}”不是有效的编号：${CODE_CHARS_ZH}`,
  ],
  [
    new RegExp(`^"(.*)" is not a registry number: ${esc(CODE_CHARS)}$`),
    (m) => `“${m[1]}”不是有效的户编号：${CODE_CHARS_ZH}`,
  ],
  [/^(.+) is not a number$/, (m) => `${m[1]} 不是数字`],
  [/^(.+) is negative$/, (m) => `${m[1]} 是负数`],
  [/^(.+) is too large$/, (m) => `${m[1]} 太大`],
  // ---- headers and workbooks
  [
    /^unknown column "(.*)": the template's columns are (.+)$/,
    (m) => `未知的列“${m[1]}”：模板的列为 ${m[2].split(', ').join('、')}`,
  ],
  [/^this column appears twice$/, () => '该列出现了两次'],
  [/^this required column is missing$/, () => '缺少此必填列'],
  [
    /^the worksheets? (.+) of this workbook could not be read \(its part is not in the file\): save the file again as \.xlsx from Excel, WPS or LibreOffice$/,
    (m) =>
      `工作簿中的工作表 ${m[1]} 无法读取（文件中缺少它的内容）：请在 Excel、WPS 或 LibreOffice 中另存为 .xlsx 后重新上传`,
  ],
  [
    /^the workbook part or its relationships are missing: save the file again as \.xlsx from Excel, WPS or LibreOffice$/,
    () => '文件中缺少工作簿的主体部分：请在 Excel、WPS 或 LibreOffice 中另存为 .xlsx 后重新上传',
  ],
  [/^more than (\d+) data rows: split the file$/, (m) => `数据行超过 ${m[1]} 行：请拆分成几个文件`],
  [/^the file has no "(.+)" worksheet$/, (m) => `文件中没有“${m[1]}”工作表`],
  [/^the file has no asset rows$/, () => '文件中没有资产数据行'],
  [/^the file has no household rows$/, () => '文件中没有农户数据行'],
  // ---- resident ID numbers and telephones (households)
  [
    /^is a number cell: Excel keeps only 15 digits of a number, so the last ones are lost; format the column as text and type the ID number again$/,
    () => '是数字格式的单元格：Excel 只保留 15 位数字，后几位已丢失；请把该列设为文本格式后重新输入身份证号',
  ],
  [/^is not a valid resident ID number: (.+)$/, (m, zh) => `不是有效的居民身份证号码：${zh(m[1])}`],
  [/^must have 18 characters \(it has (\d+)\)$/, (m) => `应为 18 位（现为 ${m[1]} 位）`],
  [/^must be 17 digits followed by a digit or X$/, () => '应为 17 位数字加 1 位数字或 X'],
  [/^does not start with an address code \(the first digit is 0\)$/, () => '开头不是地址码（首位为 0）'],
  [/^characters 7–14 are not a date of birth$/, () => '第 7–14 位不是有效的出生日期'],
  [/^the date of birth \(characters 7–14\) is in the future$/, () => '出生日期（第 7–14 位）晚于今天'],
  [
    /^the check character \(the 18th\) does not match: a character was mistyped$/,
    () => '校验码（第 18 位）不符：有字符输错了',
  ],
  [
    /^"(.*)" is not a telephone number, e\.g\. 13800000000 or 023-58000000$/,
    (m) => `“${m[1]}”不是电话号码，如 13800000000 或 023-58000000`,
  ],
  // ---- fund sources (a cell of several, or an API list)
  [/^"(.*)" needs a name and an amount, e\.g\. (.+)$/, (m) => `“${m[1]}”须写出名称和金额，如 ${m[2]}`],
  [/^"(.*)" is not a fund source \((.+)\)$/, (m) => `“${m[1]}”不是资金来源（可填：${m[2]}）`],
  [/^the amount of (.+) must be more than zero$/, (m) => `${m[1]} 的金额必须大于零`],
  [/^([A-Z_]+) is listed twice$/, (m) => `${label('FundSource', m[1])} 重复列出`],
  [/^(.+) is listed twice$/, (m) => `${m[1]} 重复列出`],
  [/^say where the invested amount came from$/, () => '请填写投资额的资金来源'],
  // A project's investment and what its assets use, a fund source a part (projects/investment-rules.ts):
  // the first part names the project, the others only their fund source.
  [
    /^(?:exceeds the investment of project (.+?)|(below what the project's assets use)): ([A-Z_]+): the project invested (\S+) yuan, its assets (\S+) yuan \((\S+) yuan over\)$/,
    (m) =>
      `${m[2] ? '低于项目资产已用的投资' : `超出项目 ${m[1]} 的投资`}：${label('FundSource', m[3])}：项目投资 ${m[4]} 元，资产合计 ${m[5]} 元（超出 ${m[6]} 元）`,
  ],
  [
    /^([A-Z_]+): the project invested (\S+) yuan, its assets (\S+) yuan \((\S+) yuan over\)$/,
    (m) => `${label('FundSource', m[1])}：项目投资 ${m[2]} 元，资产合计 ${m[3]} 元（超出 ${m[4]} 元）`,
  ],
  [
    /^the fund sources add up to (\S+) yuan, not the invested amount (\S+)$/,
    (m) => `各资金来源合计 ${m[1]} 元，与投资额 ${m[2]} 元不符`,
  ],
  // ---- regions named in a file
  [/^no region has the code (.+)$/, (m) => `没有代码为 ${m[1]} 的区域`],
  [
    /^(.+) \((.+)\) is not a ((?:district|township|village)(?: or (?:district|township|village))*)$/,
    (m) => `${m[1]}（${m[2]}）不是${levels(m[3])}`,
  ],
  [/^(.+) \((.+)\) is outside your region (\S+)$/, (m) => `${m[1]}（${m[2]}）不在您的管辖区域（${m[3]}）内`],
  [
    /^several regions are called (.+) \((.+)\): write the code$/,
    (m) => `有多个区域名为“${m[1]}”（${m[2]}）：请填写代码`,
  ],
  [
    /^several regions are called (.+) \((.+)\): write the code, or the township and the village \((.+)\)$/,
    (m) => `有多个区域名为“${m[1]}”（${m[2]}）：请填写代码，或写出乡镇和村（${m[3]}）`,
  ],
  [
    /^(.+) was retired on (\S+)(?: \(merged into (\S+)\))?: it takes no new assets$/,
    (m) => `${m[1]} 已于 ${m[2]} 撤销${m[3] ? `（并入 ${m[3]}）` : ''}：不能再登记新资产`,
  ],
  [
    /^several villages are called (.+) \((.+)\): write the code$/,
    (m) => `有多个村名为“${m[1]}”（${m[2]}）：请填写代码`,
  ],
  [
    /^no ((?:district|township|village)(?: or (?:district|township|village))*) in your region is called "(.*)"$/,
    (m) => `您的管辖区域内没有名为“${m[2]}”的${levels(m[1])}`,
  ],
  // ---- projects of the 项目 sheet
  [/^project (.+) is already listed on row (\d+)$/, (m) => `项目 ${m[1]} 已在第 ${m[2]} 行列出`],
  [
    /^project (.+) exists outside your region: it cannot be used$/,
    (m) => `项目 ${m[1]} 属于您管辖区域以外，不能使用`,
  ],
  [
    /^differs from registered project (.+), which has (.*)$/,
    (m) =>
      `与已登记的项目 ${m[1]} 不一致，已登记的是 ${m[2] === '(empty)' ? '（空）' : m[2] === '(none)' ? '（无）' : m[2]}`,
  ],
  [
    /^is required for a new project \((.+) is not registered\)$/,
    (m) => `新项目必须填写（项目 ${m[1]} 尚未登记）`,
  ],
  [/^(.+) is before the completion date (.+)$/, (m) => `${m[1]} 早于建成日期 ${m[2]}`],
  [
    /^the project cannot be completed \((.+)\) before its year (.+)$/,
    (m) => `项目不能早于其年度 ${m[2]} 建成（${m[1]}）`,
  ],
  [
    /^no project (.+) is registered or listed on the (.+) sheet$/,
    (m) => `项目 ${m[1]} 既未登记，也不在“${m[2]}”工作表中`,
  ],
  [/^no project (.+) in your region$/, (m) => `您的管辖区域内没有项目 ${m[1]}`],
  // ---- assets and households of a file
  [/^asset code (.+) is also on row (\d+)$/, (m) => `资产编号 ${m[1]} 也出现在第 ${m[2]} 行`],
  [/^asset (.+) is already registered$/, (m) => `资产 ${m[1]} 已登记`],
  [/^several categories are called (.+): write the code$/, (m) => `有多个类别名为“${m[1]}”：请填写类别代码`],
  [/^no category has the code or name "(.*)"$/, (m) => `没有代码或名称为“${m[1]}”的资产类别`],
  [/^category (.+) \((.+)\) is no longer in use$/, (m) => `资产类别 ${m[1]}（${m[2]}）已停用`],
  [/^registry number (.+) is also on row (\d+)$/, (m) => `户编号 ${m[1]} 也出现在第 ${m[2]} 行`],
  [/^household (.+) is already registered$/, (m) => `农户 ${m[1]} 已登记`],
  // (jobs read before the messages lost their Chinese glosses still say "(监测户)")
  [/^is required for a monitored household(?: \(监测户\))?$/, () => '监测户必须填写'],
  [/^only a monitored household(?: \(监测户\))? has a monitoring category$/, () => '只有监测户才有监测类别'],
  [/^(.+) is before the start date (.+)$/, (m) => `${m[1]} 早于起始日期 ${m[2]}`],
  [/^(.+) is in the future$/, (m) => `${m[1]} 晚于今天`],
  // ---- the rules of an asset (asset-rules.ts)
  [/^an asset becomes DISPOSED only through an approved disposal$/, () => '资产只能经批准的处置变为“已处置”'],
  [
    /^accepted \((.+)\) before it was completed \((.+)\)$/,
    (m) => `验收日期（${m[1]}）早于建成日期（${m[2]}）`,
  ],
  [
    /^handed over \((.+)\) before completion\/acceptance \((.+)\)$/,
    (m) => `移交日期（${m[1]}）早于建成或验收日期（${m[2]}）`,
  ],
  [
    /^an asset that is (\S+) needs its completion date$/,
    (m) => `状态为“${label('AssetStatus', m[1])}”的资产必须填写建成日期`,
  ],
  [/^an asset under construction cannot have been handed over$/, () => '在建资产不能已经移交'],
  [/^an operating mode needs the operator(?: \(经营主体\))?$/, () => '填写了经营方式，须同时填写经营主体'],
  [
    /^the contract ends \((.+)\) before it starts \((.+)\)$/,
    (m) => `合同终止日期（${m[1]}）早于起始日期（${m[2]}）`,
  ],
  [/^a contract needs the operator it is with$/, () => '有合同须填写签约的经营主体'],
  [/^an equity stake needs the company invested in$/, () => '股权类资产须填写被投资企业'],
  [/^an equity stake needs its dividend agreement$/, () => '股权类资产须填写分红协议编号'],
  [
    /^investee, agreement and maturity are for EQUITY assets only$/,
    () => '被投资企业、分红协议和到期日仅适用于股权类资产',
  ],
  [/^a household asset needs the household it was given to$/, () => '到户资产须填写受益农户的户编号'],
  [/^a household asset needs the head of that household$/, () => '到户资产须填写户主姓名'],
  [/^a household owner is for HOUSEHOLD assets only$/, () => '受益农户仅适用于到户资产'],
  [/^an equity stake is an OPERATING asset$/, () => '股权类资产必须是经营性资产'],
  [
    /^the formerly poor and monitored (households|people) are part of the beneficiary \1: give their number$/,
    (m) =>
      m[1] === 'households'
        ? '填写了其中脱贫户或监测户数，须填写受益户数'
        : '填写了其中脱贫人口或监测人口数，须填写受益人数',
  ],
  [
    /^(\d+) beneficiary (households|people) cannot include (\d+) formerly poor and (\d+) monitored \2$/,
    (m) =>
      m[2] === 'households'
        ? `受益户数 ${m[1]} 户少于其中脱贫户 ${m[3]} 户与监测户 ${m[4]} 户之和`
        : `受益人数 ${m[1]} 人少于其中脱贫人口 ${m[3]} 人与监测人口 ${m[4]} 人之和`,
  ],
  [
    /^(\d+) beneficiary households cannot have only (\d+) people$/,
    (m) => `受益户数 ${m[1]} 户多于受益人数 ${m[2]} 人`,
  ],
  // ---- evidence archives (GET /files/archive)
  [/^give either regionCode or entityType and entityId, not both$/, () => '区域与记录只能二选一'],
  [/^give regionCode, or entityType and entityId$/, () => '请指定区域代码，或记录类型和记录编号'],
  [/^is not a region code$/, () => '不是有效的区划代码'],
  [/^is not a record type$/, () => '不是有效的记录类型'],
  [/^is not a record id$/, () => '不是有效的记录编号'],
  // ---- a village list (regions/village-import-rules.ts); names also of operators and regions
  [/^the name must not be empty$/, () => '名称不能为空'],
  [/^the name is longer than (\d+) characters$/, (m) => `名称不能超过 ${m[1]} 个字符`],
  [
    /^the name holds the character "\ufffd", left where text was damaged in a conversion or a copy: type it again$/,
    () => '名称含有字符“\ufffd”，文字在转换或复制时已损坏：请重新输入',
  ],
  [/^the header row has no "(.+)" \(or "(.+)"\) column$/, (m) => `表头缺少“${m[1]}”（或“${m[2]}”）列`],
  [/^the header row has no "(.+)" column$/, (m) => `表头缺少“${m[1]}”列`],
  [/^the file has no data rows$/, () => '文件中没有数据行'],
  [/^the file is not a CSV file$/, () => '文件不是 CSV'],
  [
    /^"(.*)" is not a 12-digit \(village or community\) or 9-digit \(township\) statistical division code$/,
    (m) => `“${m[1]}”不是 12 位（村、社区）或 9 位（乡镇）统计用区划代码`,
  ],
  [/^(\d+) is not in this district \((\d+)\)$/, (m) => `${m[1]} 不属于本区（${m[2]}）`],
  [/^(\d+) is also on row (\d+)$/, (m) => `${m[1]} 与第 ${m[2]} 行重复`],
  [
    /^township (\d+) is not registered: an administrator must add it first$/,
    (m) => `乡镇 ${m[1]} 未登记，请先由管理员添加`,
  ],
  [/^the township (\d+) of (\d+) is not registered$/, (m) => `${m[2]} 所属的乡镇 ${m[1]} 未登记`],
  [
    /^(\d+) is registered as "(.*)": rename it instead \(renameRegion\), to keep its history$/s,
    (m) => `${m[1]} 已登记为“${m[2]}”：更名请使用“更名”功能，以保留历史`,
  ],
  // ---- a background verification of the ledger (ledger/verification-run)
  [
    /^The server stopped during the verification: it did not finish\. Start it again\.$/,
    () => '服务在校验过程中停止，校验未完成；请重新发起。',
  ],
  [
    /^The verification could not finish \(the database was unavailable or the server was stopping\): start it again later\.$/,
    () => '校验未能完成（数据库暂时不可用或服务正在停止），请稍后重新发起。',
  ],
  // ---- import jobs' messages (spreadsheet/import-jobs.ts, the import services)
  [
    /^The server stopped during the import: nothing was imported\. Start the import again\.$/,
    () => '导入过程中服务器停止了：没有导入任何数据，请重新导入。',
  ],
  [
    /^(\d+) problems? found(?: \(the first (\d+) are listed\))?: nothing was imported$/,
    (m) => `发现 ${m[1]} 个问题${m[2] ? `（列出前 ${m[2]} 个）` : ''}：没有导入任何数据`,
  ],
  [
    /^The import failed: (.+)\. Nothing was imported\.$/s,
    (m, zh) => `导入失败：${zh(m[1])}。没有导入任何数据。`,
  ],
  [
    /^The file could not be read completely: (.+)\. Nothing was imported\.$/s,
    (m, zh) => `文件未能完整读取：${zh(m[1])}。没有导入任何数据。`,
  ],
  [
    /^The file could not be read as (an \.xlsx workbook|a CSV file): nothing was imported\.$/,
    (m) => `文件无法作为${m[1] === 'a CSV file' ? ' CSV 文件' : ' .xlsx 工作簿'}读取：没有导入任何数据。`,
  ],
  [
    /^The import failed because of an internal error \(request id (.+)\)\. Nothing was imported\.$/,
    (m) => `导入因系统内部错误失败（请求编号 ${m[1]}）：没有导入任何数据。`,
  ],
  [
    /^The import was marked as failed while it ran: nothing was imported\.$/,
    () => '导入进行中已被标记为失败：没有导入任何数据。',
  ],
  [
    /^An? (asset|project) code of the file was registered by someone else during the import\. Nothing was imported: start the import again to see which\.$/,
    (m) =>
      `导入期间，文件中的某个${m[1] === 'asset' ? '资产' : '项目'}编号已被他人登记：没有导入任何数据，请重新导入以查看是哪一个。`,
  ],
  [/^recording (\d+) entries on the audit ledger$/, (m) => `正在把 ${m[1]} 条记录写入审计账本`],
  [
    /^(\d+) assets? imported(?:, (\d+) projects? registered)?$/,
    (m) => `已导入 ${m[1]} 项资产${m[2] ? `，登记 ${m[2]} 个项目` : ''}`,
  ],
  [/^(\d+) households? imported$/, (m) => `已导入 ${m[1]} 户农户`],
  // ---- why a checkpoint of the ledger was refused (ledger/checkpoint.service.ts)
  [
    /^the ledger holds (\d+) entries but its latest checkpoint was signed at size (\d+): its tail was cut off$/,
    (m) => `账本比检查点短（尾部被截断）：账本现有 ${m[1]} 条记录，但最新检查点签署时已有 ${m[2]} 条`,
  ],
  // ---- what the ledger's verification finds (ledger/verify/*, ledger-verification.service.ts): the
  // first problem of a refused checkpoint, in its error and its red flag
  [
    /^entry (\d+): stored leaf hash does not match its canonical bytes$/,
    (m) => `条目序号 ${m[1]}：条目内容与叶哈希不符`,
  ],
  [
    /^entry (\d+): signature does not verify with the ledger key$/,
    (m) => `条目序号 ${m[1]}：条目签名无效（不是账本密钥的签名）`,
  ],
  [/^entry (\d+): canonical bytes are not JSON$/, (m) => `条目序号 ${m[1]}：条目内容不是 JSON`],
  [/^entry (\d+): canonical bytes are not a JSON object$/, (m) => `条目序号 ${m[1]}：条目内容不是 JSON 对象`],
  [
    /^entry (\d+): bytes are not in RFC 8785 canonical form$/,
    (m) => `条目序号 ${m[1]}：条目内容不是 RFC 8785 规范 JSON`,
  ],
  [
    /^entry (\d+): its canonical JSON says index (\S+) of ledger (\S+)$/,
    (m) => `条目序号 ${m[1]}：位置被调换，其内容记载的是账本 ${m[3]} 的条目 ${m[2]}`,
  ],
  [
    /^entry (\d+): column (\w+) \(([\s\S]*)\) differs from the entry$/,
    (m) => `条目序号 ${m[1]}：查询字段 ${m[2]}（${m[3]}）与条目内容不符`,
  ],
  [
    /^entries (\d+)…(\d+) are missing(?: \(next stored entry is (\d+)\))?$/,
    (m) => `条目 ${m[1]}–${m[2]} 缺失${m[3] ? `（下一条存储的是条目 ${m[3]}）` : ''}`,
  ],
  [
    /^stored subtree (\S+) \(leaves (\d+)…(\d+)\) is missing$/,
    (m) => `缺少存储的子树 ${m[1]}（条目 ${m[2]}–${m[3]}）`,
  ],
  [
    /^stored subtree (\S+) \(leaves from (\d+)\) does not match the entries$/,
    (m) => `存储的子树 ${m[1]}（自条目 ${m[2]} 起）与条目不符`,
  ],
  [
    /^the stored subtrees of the first (\d+) entries do not fold to the root of the checkpoint at size (\d+)$/,
    (m) => `前 ${m[1]} 条条目的存储子树算不出规模 ${m[2]} 的检查点的根`,
  ],
  [
    /^checkpoint at size (\d+): its root does not match the root recomputed from the entries$/,
    (m) => `规模 ${m[1]} 的检查点：其根与由条目重新计算的根不符`,
  ],
  [
    /^checkpoint at size (\d+) but the ledger holds only (\d+) entries$/,
    (m) => `账本比检查点短（尾部被截断）：已有规模 ${m[1]} 的检查点，账本却只有 ${m[2]} 条记录`,
  ],
  [
    /^checkpoint at size (\d+): its link to the previous checkpoint does not verify$/,
    (m) => `规模 ${m[1]} 的检查点：与上一检查点的链接无效`,
  ],
  [
    /^checkpoint (\d+) → (\d+): ([\s\S]+)$/,
    (m) => `检查点 ${m[1]} → ${m[2]}：新旧检查点不一致（一致性证明不成立）`,
  ],
  // ---- a part named before its problem: "区级财政资金: 12.345 has more than two decimals …"
  [/^([^\s:"][^:"]*[\u4e00-\u9fff][^:"]*): (.+)$/, (m, zh) => `${m[1]}：${zh(m[2])}`],
];

/** Han characters: a message (or part) already in Chinese. */
const HAS_CHINESE = /[\u4e00-\u9fff]/;
/** Latin words: what an untranslated English part still has. */
const ENGLISH_WORD = /[A-Za-z]{3,}/;

function translateOne(message: string): string | undefined {
  for (const [pattern, render] of RULES) {
    const m = pattern.exec(message);
    if (m) return render(m, (inner) => translateOne(inner) ?? inner);
  }
  return undefined;
}

/**
 * The Chinese of a problem message, or undefined when no part of it has a translation. A message of
 * several parts ("a; b") is translated part by part (a part already in Chinese is kept).
 */
export function problemMessageZh(message: string): string | undefined {
  const parts = message.split('; ');
  const translated = parts.map(
    (p) => translateOne(p) ?? (HAS_CHINESE.test(p) && !ENGLISH_WORD.test(p) ? p : undefined),
  );
  if (translated.some((t) => t === undefined)) return undefined;
  // What the user typed, quoted in English ("…"), is quoted the Chinese way.
  return translated.join('；').replace(/"([^"]*)"/g, '“$1”');
}

/** A problem message in the reader's language: Chinese where a translation exists, else as raised. */
export function problemMessage(message: string, locale: 'zh-CN' | 'en'): string {
  return locale === 'en' ? message : (problemMessageZh(message) ?? message);
}
