import { LEDGER_ENTITY_TYPE_LABELS } from '../../ledger/ledger-labels';
import { ErrorCode } from '../errors/error-codes';
import { enumLabel } from './enum-labels';
import { ERROR_MESSAGES, ExtraReason } from './error-messages';
import { FIELD_NAMES } from './field-names';
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

/** An enum value named in an English message (PENDING_TOWNSHIP, RENT, VILLAGE_CLERK) as its Chinese label. */
const label = (enumName: string, value: string): string => enumLabel(enumName, value, 'zh-CN');

/** Several enum values (`VILLAGE_CLERK, TOWNSHIP_OFFICER`) as their labels, joined the Chinese way. */
const labels = (enumName: string, values: string): string =>
  values
    .split(', ')
    .map((v) => label(enumName, v))
    .join('、');

/** A moment the code writes as an ISO timestamp (UTC), in Beijing time as the console shows it. */
const beijingTime = (iso: string): string => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`;
};

/** A technical reason that has no Chinese (a verifier's, a parser's): quoted as raised. */
const quoted = (message: string): string => problemMessageZh(message) ?? `“${message}”`;

/**
 * What a message names by an English word and an id (`Asset 3f1c… was not found`, `You may not change
 * household 5001-003`, `the inventory of 500101`): the words of {@link RecordRef.what}, of
 * `notFound(…)` and of the scope checks, lower case.
 */
const RECORD_WORDS: Record<string, string> = {
  asset: '资产',
  category: '资产类别',
  contract: '合同',
  'disclosure link': '公开链接',
  'disposal request': '处置申请',
  file: '文件',
  household: '农户',
  import: '导入任务',
  'income record': '收益记录',
  inventory: '清查',
  'inventory item': '清查条目',
  'ledger entry': '审计账本记录',
  objection: '异议',
  operator: '经营主体',
  'ownership proposal': '确权申请',
  plan: '分配方案',
  project: '项目',
  region: '区域',
  user: '用户',
  'verification run': '账本校验任务',
  village: '村',
  witness: '见证人',
};
const RECORD_WORD = Object.keys(RECORD_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** `asset HT-01`, `the inventory of 500101`, `this region` in Chinese. */
const record = (what: string): string => {
  if (what === 'this region') return '该区域';
  const inventory = /^the inventory of (\d+)$/.exec(what);
  if (inventory) return `区域 ${inventory[1]} 的清查`;
  const named = new RegExp(`^(${RECORD_WORD}) (.+)$`, 'is').exec(what);
  return named ? `${RECORD_WORDS[named[1].toLowerCase()]} ${named[2]}` : `“${what}”`;
};

/** `notFound(what, id, code)`: `Asset 3f1c… was not found`, under each reason it is raised with. */
const notFoundRule = (reason: string): [RegExp, Render] => [
  new RegExp(`^(${RECORD_WORD}) (.+) was not found$`, 'is'),
  (m) =>
    `找不到${RECORD_WORDS[m[1].toLowerCase()]} ${m[2]}${
      (ERROR_MESSAGES[reason as ErrorCode] ?? '').includes('管辖范围') ? '，或它不在您的管辖范围内' : ''
    }`,
];

/** A Money value that is not yuan with at most two decimals. */
const NOT_AN_AMOUNT: [RegExp, Render] = [
  /^"(.*)" is not an amount in yuan with at most two decimals \(e\.g\. "12345\.67"\)$/s,
  (m) => `“${m[1]}”不是有效的金额：请以元为单位填写，最多两位小数（如“12345.67”）`,
];

/** A record changed by someone else: `(now version 4, you had 3)` and the like. */
const stale = (what: string, m: RegExpExecArray, now: number, had?: number): string =>
  `${what}已被他人修改（现为第 ${m[now]} 版${had !== undefined ? `，您看到的是第 ${m[had]} 版` : ''}），请刷新后重试`;

/** The verbs of `A DRAFT plan cannot be submitted`, `A RETURNED request cannot be completed`. */
const VERBS: Record<string, string> = {
  changed: '修改',
  submitted: '提交',
  resubmitted: '重新提交',
  filed: '备案',
  returned: '退回',
  'paid out': '发放',
  'given a result publicity': '登记结果公开',
  completed: '登记处置完成',
};
const verb = (v: string): string => VERBS[v] ?? `“${v}”`;

/** Why one may not confirm an inventory item or sign off a township (inventory/inventory-rules.ts). */
const inventoryRefusal = (refusal: string): string => {
  const confirm =
    /^items located at (\d+) are confirmed by (the village clerk|the township officer|a district supervisor) (?:of village (\d+)|of township (\d+)|\(township (\d+) has no active officer\))$/.exec(
      refusal,
    );
  if (confirm) {
    const who = enumLabel('Role', roleOf(confirm[2]), 'zh-CN');
    if (confirm[3]) return `位于 ${confirm[1]} 的资产由村 ${confirm[3]} 的${who}确认`;
    if (confirm[4]) return `位于 ${confirm[1]} 的资产由乡镇 ${confirm[4]} 的${who}确认`;
    return `位于 ${confirm[1]} 的资产由${who}确认（乡镇 ${confirm[5]} 没有在岗的乡镇干部）`;
  }
  const byOfficer = /^township (\d+) is signed off by its township officer$/.exec(refusal);
  if (byOfficer) return `乡镇 ${byOfficer[1]} 的清查由本乡镇的${label('Role', 'TOWNSHIP_OFFICER')}签认`;
  const bySupervisor = /^township (\d+) has no active officer: a district supervisor signs it off$/.exec(
    refusal,
  );
  if (bySupervisor)
    return `乡镇 ${bySupervisor[1]} 没有在岗的乡镇干部，由${label('Role', 'DISTRICT_SUPERVISOR')}签认`;
  return quoted(refusal);
};
const roleOf = (words: string): string =>
  words === 'the village clerk'
    ? 'VILLAGE_CLERK'
    : words === 'the township officer'
      ? 'TOWNSHIP_OFFICER'
      : 'DISTRICT_SUPERVISOR';

/** What a checkpoint was refused for: one problem, or their number and the first. */
const ledgerSummary = (summary: string): string => {
  const several = /^(\d+) problems, the first: (.+)$/s.exec(summary);
  return several ? `共 ${several[1]} 处问题，第一处：${quoted(several[2])}` : quoted(summary);
};

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
    [/^This requires one of the roles (.+)$/, (m) => `此操作仅限以下角色：${labels('Role', m[1])}`],
    [
      /^This step is reviewed by an officer of township (\d+)$/,
      (m) => `这一步由乡镇 ${m[1]} 的${label('Role', 'TOWNSHIP_OFFICER')}审核`,
    ],
    [
      /^This step is decided by a district supervisor$/,
      () => `这一步由${label('Role', 'DISTRICT_SUPERVISOR')}审批`,
    ],
    [/^Only the requester may do this$/, () => '只有提交该处置申请的人才能执行此操作'],
    [
      /^Distribution plans of (\d+) are made by its village \(or its township\)$/,
      (m) => `村 ${m[1]} 的分配方案由本村（或所属乡镇）编制`,
    ],
    [
      /^Plans of (\d+) are filed or returned by its township$/,
      (m) => `村 ${m[1]} 的分配方案由所属乡镇备案或退回`,
    ],
    [/^The role (\w+) may not upload files$/, (m) => `“${label('Role', m[1])}”角色不能上传文件`],
    [
      /^The role (\w+) may not import (assets|households)$/,
      (m) => `“${label('Role', m[1])}”角色不能导入${m[2] === 'assets' ? '资产台账' : '农户名册'}`,
    ],
    [
      /^The note carries no cosignature by an active witness$/,
      () => '提交的检查点上没有已启用见证人的联署签名',
    ],
    [
      /^Ownership of (.+) is confirmed by an officer of township (\d+) or a district supervisor$/,
      (m) =>
        `资产 ${m[1]} 的确权由乡镇 ${m[2]} 的${label('Role', 'TOWNSHIP_OFFICER')}或${label('Role', 'DISTRICT_SUPERVISOR')}办理`,
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
    [
      /^Asset (.+) changed since you read it \(now version (\d+), you had (\d+)\)$/,
      (m) => stale(`资产 ${m[1]} `, m, 2, 3),
    ],
    [
      /^Category (.+) changed since you read it \(version (\d+), you had (\d+)\)$/,
      (m) => stale(`资产类别 ${m[1]} `, m, 2, 3),
    ],
    [
      /^Household (.+) changed since you read it \(now version (\d+), you had (\d+)\)$/,
      (m) => stale(`农户 ${m[1]} `, m, 2, 3),
    ],
    [
      /^Project (.+) changed since you read it \(now version (\d+), you had (\d+)\)$/,
      (m) => stale(`项目 ${m[1]} `, m, 2, 3),
    ],
    [/^The request changed since you read it \(now version (\d+)\)$/, (m) => stale('处置申请', m, 1)],
    [/^The plan changed since you read it \(now version (\d+)\)$/, (m) => stale('分配方案', m, 1)],
  ],
  ASSET_DISPOSED: [
    [
      /^Asset (.+) is disposed: it takes no more upkeep records$/,
      (m) => `资产 ${m[1]} 已处置，不能再登记管护记录`,
    ],
    [
      /^Asset (.+) is disposed: its record is closed$/,
      (m) => `资产 ${m[1]} 已处置，台账记录已关闭，不能再修改`,
    ],
    [/^Asset (.+) is already disposed$/, (m) => `资产 ${m[1]} 已处置，不能再申请处置`],
    [/^Asset (.+) is disposed: its ownership is closed$/, (m) => `资产 ${m[1]} 已处置，不能再办理确权`],
  ],
  ASSET_NOT_AS_OF: [
    [/^Asset (.+) did not exist at (\S+)$/, (m) => `资产 ${m[1]} 在 ${beijingTime(m[2])}尚未登记`],
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
  OUT_OF_SCOPE: [
    [/^Region (\d+) is outside your region$/, (m) => `区域 ${m[1]} 不在您的管辖范围内`],
    [
      /^You may not read (.+): it is outside your region$/s,
      (m) => `您不能查看${record(m[1])}：它不在您的管辖范围内`,
    ],
    [
      /^You may not change (.+): it is outside your region$/s,
      (m) => `您不能修改${record(m[1])}：它不在您的管辖范围内`,
    ],
    [
      /^You may not change asset (.+): it is co-owned by your region and kept in (\d+), where it is$/,
      (m) => `您不能修改资产 ${m[1]}：它由您的区域共有，但所在地为 ${m[2]}，须由所在地修改`,
    ],
    [
      /^Disclosures of (\d+) are published by its village, its township or the district$/,
      (m) => `村 ${m[1]} 的公开信息由本村、所属乡镇或区级发布`,
    ],
    [/^Ledger entry (\d+) is outside your region$/, (m) => `审计账本第 ${m[1]} 条记录不在您的管辖范围内`],
  ],
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
  NOT_FOUND: [
    [
      /^Record (\w+) (.+) was not found$/,
      (m) => `找不到${LEDGER_ENTITY_TYPE_LABELS[m[1]] ?? m[1]} ${m[2]}，或它不在您的管辖范围内`,
    ],
    [
      /^The ledger has no entry for (\w+) (.+)$/,
      (m) => `审计账本中没有${LEDGER_ENTITY_TYPE_LABELS[m[1]] ?? m[1]} ${m[2]} 的记录`,
    ],
    [/^This server keeps the log (.+), not (.+)$/, (m) => `本服务器的审计账本是 ${m[1]}，不是 ${m[2]}`],
    [
      /^This ledger signed no checkpoint with that text \(size (\d+)\)$/,
      (m) => `本账本没有签署过该内容的检查点（共 ${m[1]} 条记录）`,
    ],
  ],
  ALLOCATION_NOT_FOUND: [
    [/^Allocation (.+) is not part of this plan$/, (m) => `分配项 ${m[1]} 不属于该分配方案`],
  ],
  ACCOUNT_LOCKED: [
    [
      /^Too many failed sign-ins: this account is locked until (\S+)$/,
      (m) => `登录失败次数过多，该账号已被锁定至 ${beijingTime(m[1])}，请到时再试`,
    ],
  ],
  LOGIN_THROTTLED: [
    [
      /^Too many failed sign-ins from your network: try again in (\d+) minutes$/,
      (m) => `您所在网络的登录失败次数过多，请 ${m[1]} 分钟后再试`,
    ],
  ],
  // A Money value (common/scalars/money.ts), as parsed and as the scalar refuses it.
  VALIDATION_FAILED: [NOT_AN_AMOUNT],
  INVALID_VALUE: [NOT_AN_AMOUNT],
  ASSET_LOCKED_BY_DISPOSAL: [
    [
      /^Asset (.+) has an open disposal request \((\w+)\): it cannot (?:change owner|change (.+)) until the request is closed$/s,
      (m) =>
        `资产 ${m[1]} 有未办结的处置申请（${label('DisposalStatus', m[2])}），申请办结前不能${
          m[3] === undefined
            ? '变更权属'
            : `修改${m[3]
                .split(', ')
                .map((f) => FIELD_NAMES[f] ?? f)
                .join('、')}`
        }`,
    ],
  ],
  DISPOSAL_OPEN_EXISTS: [
    [
      /^Asset (.+) already has an open disposal request \((\w+)\)$/,
      (m) => `资产 ${m[1]} 已有未办结的处置申请（${label('DisposalStatus', m[2])}）`,
    ],
  ],
  DISPOSAL_WRONG_STATUS: [
    [
      /^A request can be withdrawn before a decision; this one is (\w+)$/,
      (m) => `处置申请只能在审核决定前撤回，该申请当前为“${label('DisposalStatus', m[1])}”`,
    ],
    [
      /^This request is (\w+): there is nothing to review$/,
      (m) => `该处置申请当前为“${label('DisposalStatus', m[1])}”，没有待审核的内容`,
    ],
    [
      /^A (\w+) request cannot be (.+)$/,
      (m) => `状态为“${label('DisposalStatus', m[1])}”的处置申请不能${verb(m[2])}`,
    ],
  ],
  PLAN_WRONG_STATUS: [
    [
      /^A (\w+) plan cannot be (.+)$/,
      (m) => `状态为“${label('DistributionPlanStatus', m[1])}”的分配方案不能${verb(m[2])}`,
    ],
  ],
  EVIDENCE_ARCHIVE_TOO_LARGE: [
    [
      /^more than (\d+) files: ask for a smaller region$/,
      (m) => `要打包的证明材料超过 ${m[1]} 个文件，请缩小区域范围（如按村）分别下载`,
    ],
  ],
  QUERY_TOO_COSTLY: [
    [
      /^The query costs (\d+) units, more than the (\d+) one query may: ask for less at once$/,
      (m) => `该查询的数据量为 ${m[1]} 个单位，超过单次查询上限 ${m[2]}，请缩小范围或分次查询`,
    ],
  ],
  QUERY_BUDGET_EXHAUSTED: [
    [
      /^Too many costly queries in the last minute: try again in (\d+) s$/,
      (m) => `最近一分钟内数据量大的查询过多，请 ${m[1]} 秒后再试`,
    ],
  ],
  HOUSEHOLD_NO_OPEN_STATUS: [
    [
      /^Household (.+?) has no current status(?: \(it left on (\S+)\))?$/,
      (m) => `农户 ${m[1]} 当前没有有效的状态${m[2] ? `（最后一个状态已于 ${m[2]} 结束）` : ''}`,
    ],
  ],
  INCOME_PERIOD_OVERLAP: [
    [
      /^(\w+) income of (.+) for (\S+)…(\S+) is already recorded: mark this one as a supplement if it is one$/,
      (m) =>
        `资产 ${m[2]} 在 ${m[3]} 至 ${m[4]} 期间的${label('IncomeKind', m[1])}收益已登记；如确为补充收益，请勾选“补充收益”`,
    ],
  ],
  INCOME_ALREADY_REVERSED: [[/^Income record (.+) is already reversed$/, (m) => `收益记录 ${m[1]} 已冲销`]],
  INCOME_ALREADY_DISTRIBUTED: [
    [
      /^Village (\d+) has already planned this income: return or correct its distribution plan first$/,
      (m) => `村 ${m[1]} 已将该收益纳入分配方案，请先退回或更正该分配方案`,
    ],
  ],
  INVENTORY_ALREADY_OPEN: [
    [/^The (\d+) inventory of (\d+) is already open$/, (m) => `区域 ${m[2]} 的 ${m[1]} 年度清查已在进行中`],
    [
      /^The open (\d+) inventory of (\d+) overlaps (\d+): close it first$/,
      (m) => `区域 ${m[2]} 正在进行的 ${m[1]} 年度清查与区域 ${m[3]} 范围重叠，请先结束该清查`,
    ],
  ],
  INVENTORY_EMPTY: [
    [
      /^No asset to inventory in (\d+) \((.*)\): none is registered there, or all are disposed$/s,
      (m) => `${m[2]}（${m[1]}）没有可清查的资产：该区域没有登记资产，或资产均已处置`,
    ],
  ],
  INVENTORY_CLOSED: [
    [
      /^The (\d+) inventory of (\d+) is closed: its findings are final$/,
      (m) => `区域 ${m[2]} 的 ${m[1]} 年度清查已结束，清查结果不能再修改`,
    ],
    [/^The (\d+) inventory of (\d+) is already closed$/, (m) => `区域 ${m[2]} 的 ${m[1]} 年度清查已结束`],
  ],
  INVENTORY_NOT_RESPONSIBLE: [
    [/^You may not confirm asset (.+?): (.+)$/s, (m) => `您不能确认资产 ${m[1]}：${inventoryRefusal(m[2])}`],
    [/^You may not sign off: (.+)$/s, (m) => `您不能签认：${inventoryRefusal(m[1])}`],
  ],
  INVENTORY_TOWNSHIP_SIGNED_OFF: [
    [
      /^Township (\d+) has signed off this inventory: the finding for asset (.+) can no longer be changed$/,
      (m) => `乡镇 ${m[1]} 已签认该清查，资产 ${m[2]} 的清查结果不能再修改`,
    ],
    [
      /^Township (\d+) already signed off this inventory on (\S+)$/,
      (m) => `乡镇 ${m[1]} 已于 ${beijingTime(m[2])}签认该清查`,
    ],
  ],
  INVENTORY_ITEMS_PENDING: [
    [
      /^(\d+) of (\d+) items of township (\d+) are not confirmed yet$/,
      (m) => `乡镇 ${m[3]} 共 ${m[2]} 项资产，还有 ${m[1]} 项尚未确认，全部确认后才能签认`,
    ],
  ],
  INVENTORY_SIGN_OFFS_PENDING: [
    [
      /^(\d+) township\(s\) have not signed off yet: (.+)$/,
      (m) => `还有 ${m[1]} 个乡镇尚未签认：${m[2].split(', ').join('、')}，全部签认后才能结束清查`,
    ],
  ],
  LEDGER_INTEGRITY: [
    [
      /^The ledger does not verify, so no checkpoint was signed: (.+)$/s,
      (m) => `审计账本校验未通过，未签署检查点：${ledgerSummary(m[1])}`,
    ],
  ],
  WITNESS_DUPLICATE: [
    [
      /^A witness named (.+) or with this key is registered already$/,
      (m) => `已登记过名为“${m[1]}”或使用该公钥的见证人`,
    ],
  ],
  WITNESS_WRONG_STATUS: [
    [
      /^Witness (.+) is (\w+), not PENDING$/,
      (m) =>
        `见证人“${m[1]}”当前为“${label('WitnessStatus', m[2])}”，不是“${label('WitnessStatus', 'PENDING')}”`,
    ],
    [/^Witness (.+) is revoked already$/, (m) => `见证人“${m[1]}”已撤销`],
  ],
  WITNESS_COSIGNATURE_INVALID: [
    [/^the cosignature of (.+?): (.+)$/s, (m) => `见证人“${m[1]}”的联署签名无效：${quoted(m[2])}`],
    [/^not a cosigned checkpoint of this ledger: (.+)$/s, (m) => `不是本账本经联署的检查点：${quoted(m[1])}`],
  ],
  OWNERSHIP_OPEN_PROPOSAL_EXISTS: [
    [
      /^Asset (.+) already has a proposal in publicity: confirm or reject it first$/,
      (m) => `资产 ${m[1]} 已有公示中的确权申请，须先确认或驳回`,
    ],
  ],
  OWNERSHIP_NOT_IN_PUBLICITY: [
    [
      /^Objections are recorded during publicity \((\S+) to (\S+)\); this proposal is (not in its window today|\w+)$/,
      (m) =>
        `异议须在公示期内（${m[1]} 至 ${m[2]}）登记；${
          m[3] === 'not in its window today'
            ? '今天不在该确权申请的公示期内'
            : `该确权申请当前为“${label('OwnershipProposalStatus', m[3])}”`
        }`,
    ],
    [
      /^This proposal is already (\w+)$/,
      (m) => `该确权申请已是“${label('OwnershipProposalStatus', m[1])}”，不在公示中`,
    ],
  ],
  OWNERSHIP_PUBLICITY_NOT_OVER: [
    [
      /^Publicity runs until (\S+): confirm on or after (\S+)$/,
      (m) => `公示期至 ${m[1]} 结束，请于 ${m[2]} 或之后确权`,
    ],
  ],
  OWNERSHIP_OPEN_OBJECTIONS: [
    [/^(\d+) objection\(s\) must be resolved first$/, (m) => `还有 ${m[1]} 条异议未处理，处理完毕后才能确权`],
  ],
  USER_ALREADY_DISABLED: [[/^User (.+) is already disabled$/, (m) => `用户 ${m[1]} 已停用`]],
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

// `notFound(what, id, code)` is raised under every reason that says a record is missing.
for (const reason of [...Object.values(ErrorCode), 'NOT_FOUND'].filter((r) => r.endsWith('NOT_FOUND'))) {
  const rules = (ERROR_DETAILS[reason as ErrorCode] ??= []);
  rules.push(notFoundRule(reason));
}

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
