import { escapeHtml as h, formatAmount, formatDateCn, formatShare, formatTimeCst } from './disclosure-format';

/** Everything the page shows, already in Chinese and already masked (the renderer only escapes). */
export interface DisclosurePageData {
  /** PUBLISHED: served by a signed link; PREVIEW: a signed-in user's draft view, not for posting. */
  mode: 'PUBLISHED' | 'PREVIEW';
  districtName: string;
  townshipName: string;
  villageName: string;
  villageCode: string;
  year: number;
  renderedAt: Date;
  link: {
    createdAt: Date;
    publicityStart: string;
    publicityEnd: string;
    expiresAt: Date;
    publishedBy: string;
    /** Where the page can be found online, without the scheme (host and path). */
    address: string | null;
  } | null;
  checkpoint: {
    origin: string;
    treeSize: number;
    rootHash: string;
    note: string;
    createdAt: Date;
  } | null;
  verifierKey: string;
  assets: AssetRow[];
  income: IncomeRow[];
  plans: PlanBlock[];
  disposals: DisposalRow[];
  totals: {
    /** Gross income of the listed records (all owners) and the village collective's part of it. */
    incomeGross: bigint;
    incomeVillage: bigint;
    /** Plans of the year: filed or completed, and submitted (awaiting filing). */
    plannedFiled: bigint;
    plannedSubmitted: bigint;
    /** Paid out of those plans so far. */
    paidOfPlans: bigint;
  };
  /** The village's running balance (all years) from IncomeBalancesService, at render time. */
  balance: { received: bigint; planned: bigint; paid: bigint; undistributed: bigint };
  /** How many listed records changed after the checkpoint (marked †), of how many checked. */
  freshness: { checked: number; changedAfter: number; unrecorded: number };
}

export interface AssetRow {
  code: string;
  name: string;
  className: string;
  formName: string;
  categoryName: string;
  formedValue: bigint;
  statusName: string;
  /** Where it is, when not in this village (an asset the village co-owns elsewhere); null: here. */
  locationName: string | null;
  owners: Array<{ name: string; typeName: string; shareBp: number }>;
  managementEntity: string | null;
  changed: boolean;
}

export interface IncomeRow {
  assetCode: string;
  assetName: string;
  kindName: string;
  periodFrom: string;
  periodTo: string;
  amount: bigint;
  /** The village collective's share of it (null: none of it is the village's). */
  villageShare: bigint | null;
  receivedOn: string;
  /** For a compensating record: the date of the record it reverses. */
  reverses: { receivedOn: string } | null;
  /** A record that a later record reverses. */
  reversed: boolean;
  note: string | null;
  changed: boolean;
}

export interface PlanBlock {
  title: string;
  statusName: string;
  awaitingFiling: boolean;
  amount: bigint;
  planDate: string;
  decisionOn: string | null;
  decisionPublishedOn: string | null;
  filedAt: Date | null;
  completedAt: Date | null;
  allocations: Array<{
    channelName: string;
    amount: bigint;
    paid: bigint;
    note: string | null;
    beneficiaries: Array<{ registryNo: string; maskedName: string; amount: bigint }>;
  }>;
  payouts: Array<{ paidOn: string; channelName: string; amount: bigint; note: string | null }>;
  changed: boolean;
}

export interface DisposalRow {
  assetCode: string;
  assetName: string;
  methodName: string;
  reasonName: string;
  reasonText: string;
  appraisedValue: bigint;
  statusName: string;
  requestedOn: string;
  reviews: Array<{ levelName: string; decisionName: string; comment: string | null; on: string }>;
  completedOn: string | null;
  proceeds: bigint | null;
  destinationName: string | null;
  changed: boolean;
}

const CHANGED_MARK = '<span class="mark" title="在所依据的检查点之后有变更">†</span>';

const STYLE = `
@page { size: A4; margin: 14mm 12mm 16mm 12mm;
  @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 8pt; } }
* { box-sizing: border-box; }
html { color: #000; background: #fff; font-size: 10.5pt; line-height: 1.5;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "STSong", "SimSun", "Noto Sans CJK SC", "Microsoft YaHei", serif; }
body { margin: 0; }
main { max-width: 186mm; margin: 0 auto; padding: 10mm 0; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.05em; }
.subtitle { text-align: center; margin: 0 0 5mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #000; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
p { margin: 1.5mm 0; }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; margin: 1mm 0 2mm; }
th, td { border: 0.5pt solid #000; padding: 0.8mm 1.2mm; vertical-align: top; text-align: left; }
th { background: #e8e8e8; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; }
tr.total td { font-weight: bold; background: #f4f4f4; }
tr.reversal td { color: #8b0000; }
.tag { display: inline-block; border: 0.5pt solid #000; padding: 0 1mm; font-size: 8pt; white-space: nowrap; }
.tag.pending { border-style: dashed; }
.mark { font-weight: bold; }
.muted { color: #444; font-size: 9pt; }
.empty { color: #444; font-style: italic; }
.mono { font-family: "DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono", Consolas, monospace; font-size: 8pt; word-break: break-all; overflow-wrap: anywhere; }
pre.mono { white-space: pre-wrap; border: 0.5pt solid #000; padding: 1.5mm; margin: 1mm 0; }
.balance { border: 1pt solid #000; padding: 2mm; margin: 2mm 0; }
.preview { border: 2pt dashed #b00000; color: #b00000; text-align: center; font-weight: bold; padding: 2mm; margin-bottom: 4mm; }
.sign { display: flex; justify-content: space-between; gap: 8mm; margin-top: 10mm; break-inside: avoid; page-break-inside: avoid; }
.sign div { flex: 1; }
.sign .line { display: inline-block; min-width: 40mm; border-bottom: 0.5pt solid #000; }
.stamp-box { width: 42mm; height: 42mm; border: 0.5pt dashed #666; text-align: center; line-height: 42mm; color: #666; }
footer { margin-top: 6mm; }
@media screen { html { background: #eee; } main { background: #fff; padding: 12mm 14mm; margin: 6mm auto; box-shadow: 0 0 3mm #bbb; } }
@media print { main { padding: 0; } }
`;

function money(fen: bigint): string {
  return `<td class="num">${formatAmount(fen)}</td>`;
}

function dateTime(time: Date): string {
  return h(formatTimeCst(time));
}

function mark(changed: boolean): string {
  return changed ? CHANGED_MARK : '';
}

function assetsSection(d: DisclosurePageData): string {
  const out: string[] = ['<section id="assets">', '<h2>一、资产情况</h2>'];
  const here = d.assets.filter((a) => a.locationName === null);
  const elsewhere = d.assets.filter((a) => a.locationName !== null);
  if (here.length === 0) {
    out.push('<p class="empty">本村暂无登记在册的扶贫项目资产。</p>');
  } else {
    ownAssets(out, here);
  }
  if (elsewhere.length > 0) coOwnedAssets(out, elsewhere);
  out.push('</section>');
  return out.join('\n');
}

const ownersCell = (a: AssetRow): string =>
  a.owners.length
    ? a.owners.map((o) => `${h(o.name)}（${h(o.typeName)}，${formatShare(o.shareBp)}）`).join('<br>')
    : '<span class="muted">尚未确权</span>';

function ownAssets(out: string[], assets: AssetRow[]): void {
  const byClass = new Map<string, { count: number; value: bigint }>();
  for (const a of assets) {
    const t = byClass.get(a.className) ?? { count: 0, value: 0n };
    t.count += 1;
    t.value += a.formedValue;
    byClass.set(a.className, t);
  }
  const total = assets.reduce((s, a) => s + a.formedValue, 0n);
  out.push(
    `<p>截至本页生成时，本村登记在册（未处置）的扶贫项目资产共 <b>${assets.length}</b> 项，原值合计 <b>${formatAmount(total)}</b> 元。其中：${[
      ...byClass,
    ]
      .map(([name, t]) => `${h(name)} ${t.count} 项，原值 ${formatAmount(t.value)} 元`)
      .join('；')}。</p>`,
  );
  out.push(
    '<table><thead><tr><th>序号</th><th>资产编号</th><th>资产名称</th><th>类别</th><th>形态</th><th class="num">原值（元）</th><th>状态</th><th>确权所有人及份额</th><th>管护主体</th></tr></thead><tbody>',
  );
  assets.forEach((a, i) => {
    out.push(
      `<tr><td class="nowrap">${i + 1}${mark(a.changed)}</td><td class="mono">${h(a.code)}</td><td>${h(a.name)}</td><td>${h(a.className)}<br><span class="muted">${h(a.categoryName)}</span></td><td>${h(a.formName)}</td>${money(a.formedValue)}<td class="nowrap">${h(a.statusName)}</td><td>${ownersCell(a)}</td><td>${h(a.managementEntity ?? '—')}</td></tr>`,
    );
  });
  out.push(
    `<tr class="total"><td colspan="5">合计（${assets.length} 项）</td>${money(total)}<td colspan="3"></td></tr>`,
  );
  out.push('</tbody></table>');
}

/** The assets the village collective co-owns in other villages: registered and kept up where they are. */
function coOwnedAssets(out: string[], assets: AssetRow[]): void {
  out.push(
    `<p>本村集体经济组织还与其他村共有下列资产 <b>${assets.length}</b> 项。它们在所在村登记和管护，不计入上表；本村按确权份额享有其收益（见“二、收益情况”）。</p>`,
  );
  out.push(
    '<table aria-label="本村在他村共有的资产"><thead><tr><th>序号</th><th>资产编号</th><th>资产名称</th><th>所在村</th><th>类别</th><th class="num">原值（元）</th><th>状态</th><th>确权所有人及份额</th></tr></thead><tbody>',
  );
  assets.forEach((a, i) => {
    out.push(
      `<tr><td class="nowrap">${i + 1}${mark(a.changed)}</td><td class="mono">${h(a.code)}</td><td>${h(a.name)}</td><td>${h(a.locationName ?? '')}</td><td>${h(a.className)}<br><span class="muted">${h(a.categoryName)}</span></td>${money(a.formedValue)}<td class="nowrap">${h(a.statusName)}</td><td>${ownersCell(a)}</td></tr>`,
    );
  });
  out.push('</tbody></table>');
}

function incomeSection(d: DisclosurePageData): string {
  const out: string[] = ['<section id="income">', `<h2>二、收益情况（${d.year}年度）</h2>`];
  if (d.income.length === 0) {
    out.push(`<p class="empty">${d.year}年度本村资产无收益记录。</p></section>`);
    return out.join('\n');
  }
  out.push(
    `<p>${d.year}年度本村经营性资产（含与其他单位共有的资产）共到账收益记录 <b>${d.income.length}</b> 笔，收益合计 <b>${formatAmount(d.totals.incomeGross)}</b> 元，其中按确权份额归本村集体 <b>${formatAmount(d.totals.incomeVillage)}</b> 元。更正的记录不删除，以负数“冲销”记录抵减。</p>`,
  );
  out.push(
    '<table><thead><tr><th>序号</th><th>资产</th><th>收益类型</th><th>收益所属期间</th><th class="num">金额（元）</th><th class="num">其中本村（元）</th><th>到账日期</th><th>备注</th></tr></thead><tbody>',
  );
  d.income.forEach((r, i) => {
    const kind = r.reverses
      ? `${h(r.kindName)} <span class="tag">冲销</span>`
      : r.reversed
        ? `${h(r.kindName)} <span class="tag">已冲销</span>`
        : h(r.kindName);
    const note = [r.reverses ? `冲销 ${h(r.reverses.receivedOn)} 到账的记录` : '', r.note ? h(r.note) : '']
      .filter(Boolean)
      .join('；');
    out.push(
      `<tr${r.reverses ? ' class="reversal"' : ''}><td class="nowrap">${i + 1}${mark(r.changed)}</td><td><span class="mono">${h(r.assetCode)}</span><br>${h(r.assetName)}</td><td>${kind}</td><td class="nowrap">${h(r.periodFrom)}<br>至 ${h(r.periodTo)}</td>${money(r.amount)}${r.villageShare === null ? '<td class="num">—</td>' : money(r.villageShare)}<td class="nowrap">${h(r.receivedOn)}</td><td>${note}</td></tr>`,
    );
  });
  out.push(
    `<tr class="total"><td colspan="4">合计</td>${money(d.totals.incomeGross)}${money(d.totals.incomeVillage)}<td colspan="2"></td></tr>`,
  );
  out.push('</tbody></table></section>');
  return out.join('\n');
}

function planBlock(p: PlanBlock, index: number): string {
  const out: string[] = [];
  out.push(
    `<h3>（${index + 1}）${h(p.title)}${mark(p.changed)} <span class="tag${p.awaitingFiling ? ' pending' : ''}">${h(p.statusName)}</span></h3>`,
  );
  const facts = [
    `方案金额 <b>${formatAmount(p.amount)}</b> 元`,
    `方案日期 ${h(p.planDate)}`,
    p.decisionOn ? `村民代表会议决议 ${h(p.decisionOn)}` : '',
    p.decisionPublishedOn ? `决议公开 ${h(p.decisionPublishedOn)}` : '',
    p.filedAt ? `乡镇备案 ${dateTime(p.filedAt).slice(0, 10)}` : '',
    p.completedAt ? `兑付完毕 ${dateTime(p.completedAt).slice(0, 10)}` : '',
  ].filter(Boolean);
  out.push(`<p>${facts.join('；')}。</p>`);
  if (p.awaitingFiling) {
    out.push('<p class="muted">本方案已经村民代表会议决议并报乡镇，尚待乡镇备案，备案前不得兑付。</p>');
  }
  out.push(
    '<table><thead><tr><th>分配用途</th><th class="num">金额（元）</th><th class="num">已兑付（元）</th><th>受益农户（户编号 户主）及金额</th><th>说明</th></tr></thead><tbody>',
  );
  for (const a of p.allocations) {
    const beneficiaries = a.beneficiaries.length
      ? a.beneficiaries
          .map(
            (b) =>
              `<span class="nowrap"><span class="mono">${h(b.registryNo)}</span> ${h(b.maskedName)} ${formatAmount(b.amount)} 元</span>`,
          )
          .join('<br>')
      : '<span class="muted">（不直接发放到户）</span>';
    out.push(
      `<tr><td>${h(a.channelName)}</td>${money(a.amount)}${money(a.paid)}<td>${beneficiaries}</td><td>${h(a.note ?? '')}</td></tr>`,
    );
  }
  const paid = p.allocations.reduce((s, a) => s + a.paid, 0n);
  out.push(
    `<tr class="total"><td>合计</td>${money(p.amount)}${money(paid)}<td colspan="2"></td></tr></tbody></table>`,
  );
  if (p.payouts.length) {
    out.push(
      '<table><thead><tr><th>兑付日期</th><th>分配用途</th><th class="num">兑付金额（元）</th><th>说明</th></tr></thead><tbody>',
    );
    for (const x of p.payouts) {
      out.push(
        `<tr><td class="nowrap">${h(x.paidOn)}</td><td>${h(x.channelName)}</td>${money(x.amount)}<td>${h(x.note ?? '')}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  } else {
    out.push('<p class="muted">尚无兑付记录。</p>');
  }
  return out.join('\n');
}

function plansSection(d: DisclosurePageData): string {
  const out: string[] = ['<section id="distribution">', `<h2>三、收益分配情况（${d.year}年度）</h2>`];
  if (d.plans.length === 0) {
    out.push(`<p class="empty">${d.year}年度本村无已决议的收益分配方案。</p></section>`);
    return out.join('\n');
  }
  out.push(
    `<p>${d.year}年度本村经“四议两公开”程序决议的收益分配方案共 <b>${d.plans.length}</b> 个，金额合计 <b>${formatAmount(d.totals.plannedFiled + d.totals.plannedSubmitted)}</b> 元，其中已备案（含已兑付完毕） ${formatAmount(d.totals.plannedFiled)} 元，待备案 ${formatAmount(d.totals.plannedSubmitted)} 元；上述方案已兑付 ${formatAmount(d.totals.paidOfPlans)} 元。受益农户户主姓名按规定部分隐去。</p>`,
  );
  d.plans.forEach((p, i) => out.push(planBlock(p, i)));
  out.push('</section>');
  return out.join('\n');
}

function disposalsSection(d: DisclosurePageData): string {
  const out: string[] = ['<section id="disposal">', `<h2>四、资产处置情况（${d.year}年度）</h2>`];
  if (d.disposals.length === 0) {
    out.push(`<p class="empty">${d.year}年度本村无资产处置申请。</p></section>`);
    return out.join('\n');
  }
  out.push(
    '<table><thead><tr><th>序号</th><th>资产</th><th>处置方式</th><th>处置原因</th><th class="num">评估价值（元）</th><th>申请日期</th><th>审核审批</th><th>状态</th><th class="num">处置收入（元）</th></tr></thead><tbody>',
  );
  d.disposals.forEach((x, i) => {
    const reviews = x.reviews.length
      ? x.reviews
          .map(
            (r) =>
              `${h(r.on)} ${h(r.levelName)}：${h(r.decisionName)}${r.comment ? `（${h(r.comment)}）` : ''}`,
          )
          .join('<br>')
      : '<span class="muted">尚未审核</span>';
    const status = `${h(x.statusName)}${x.completedOn ? `<br><span class="muted">${h(x.completedOn)}</span>` : ''}`;
    const proceeds =
      x.proceeds === null
        ? '<td class="num">—</td>'
        : `<td class="num">${formatAmount(x.proceeds)}${x.destinationName ? `<br><span class="muted">${h(x.destinationName)}</span>` : ''}</td>`;
    out.push(
      `<tr><td class="nowrap">${i + 1}${mark(x.changed)}</td><td><span class="mono">${h(x.assetCode)}</span><br>${h(x.assetName)}</td><td class="nowrap">${h(x.methodName)}</td><td>${h(x.reasonName)}：${h(x.reasonText)}</td>${money(x.appraisedValue)}<td class="nowrap">${h(x.requestedOn)}</td><td>${reviews}</td><td>${status}</td>${proceeds}</tr>`,
    );
  });
  out.push('</tbody></table></section>');
  return out.join('\n');
}

function balanceSection(d: DisclosurePageData): string {
  const b = d.balance;
  return [
    '<section id="balance">',
    '<h2>五、收益结余情况</h2>',
    `<p class="balance">截至 ${dateTime(d.renderedAt)}（北京时间），本村集体累计应得收益 <b>${formatAmount(b.received)}</b> 元，已分配 <b>${formatAmount(b.planned)}</b> 元（含待备案方案；其中已兑付 ${formatAmount(b.paid)} 元），未分配 <b>${formatAmount(b.undistributed)}</b> 元。</p>`,
    `<p class="muted">说明：“已分配”指已提交、已备案或已兑付完毕的分配方案金额；“未分配”收益应及时按程序制定分配方案，不得长期闲置。${d.year}年度本村集体应得收益 ${formatAmount(d.totals.incomeVillage)} 元，本年度分配方案金额 ${formatAmount(d.totals.plannedFiled + d.totals.plannedSubmitted)} 元。</p>`,
    '</section>',
  ].join('\n');
}

function verificationSection(d: DisclosurePageData): string {
  const out: string[] = ['<section id="ledger">', '<h2>六、数据来源与核验</h2>'];
  const c = d.checkpoint;
  if (c) {
    out.push(
      `<p>本公示${d.mode === 'PUBLISHED' ? '生成' : '预览'}时依据区级审计账本（Merkle 树账本）的签名检查点：来源 <span class="mono">${h(c.origin)}</span>，树大小 <b>${c.treeSize}</b>，根哈希 <span class="mono">${h(c.rootHash)}</span>，签名时间 ${dateTime(c.createdAt)}（北京时间）。签名检查点原文如下：</p>`,
    );
    out.push(`<pre class="mono">${h(c.note)}</pre>`);
  } else {
    out.push('<p>账本尚无签名检查点。</p>');
  }
  const f = d.freshness;
  if (f.changedAfter === 0 && f.unrecorded === 0) {
    out.push(`<p>本页所列 ${f.checked} 条记录的最后一次变更均已包含在上述检查点中。</p>`);
  } else {
    out.push(
      `<p>本页内容为 ${dateTime(d.renderedAt)} 生成时的数据。所列 ${f.checked} 条记录中，有 ${f.changedAfter} 条（标注 †）在上述检查点之后发生了变更，其记录可在之后的检查点中核验${f.unrecorded ? `；另有 ${f.unrecorded} 条记录在账本中未找到，请向乡镇或区级主管部门反映` : ''}。</p>`,
    );
  }
  out.push(
    `<p>核验方法：每一条资产、收益、分配和处置记录的每一次变更都写入上述账本。任何人可将上面的检查点原文保存为文本文件（如 <span class="mono">checkpoint.txt</span>），向乡镇人民政府或区级主管部门索取本页任一记录的证据包（<span class="mono">exportEvidence</span>，JSON 文件），并用本系统公开的离线核验工具核验，无需联网：</p>`,
  );
  out.push(
    `<pre class="mono">npm run verify -- evidence.json --key '${h(d.verifierKey)}' --saved-checkpoint checkpoint.txt</pre>`,
  );
  out.push(
    '<p class="muted">核验结果为 “verified” 即说明该记录确实在账本中、且账本自本检查点以来未被改写。验证公钥应通过官方渠道（区级主管部门公布）取得，本页所印公钥仅供比对。</p>',
  );
  out.push('</section>');
  return out.join('\n');
}

function footer(d: DisclosurePageData): string {
  const out: string[] = ['<footer>'];
  const l = d.link;
  if (l) {
    out.push(
      `<p>公示期：${formatDateCn(l.publicityStart)}至${formatDateCn(l.publicityEnd)}。公示期内如有异议，请向村务监督委员会或${h(d.townshipName)}人民政府反映。</p>`,
    );
    out.push(
      `<p class="muted">本公示由 ${h(l.publishedBy)} 于 ${dateTime(l.createdAt)} 发布（发布记录已写入账本），本页生成时间 ${dateTime(d.renderedAt)}（北京时间）；网上查阅有效期至 ${dateTime(l.expiresAt)}。${l.address ? `网上查阅地址：<span class="mono">${h(l.address)}</span>` : ''}</p>`,
    );
  } else {
    out.push(
      `<p>公示期：____年__月__日至____年__月__日（不少于10天）。</p><p class="muted">预览生成时间 ${dateTime(d.renderedAt)}（北京时间）。</p>`,
    );
  }
  out.push(
    `<div class="sign"><div><p>${h(d.villageName)}村民委员会（盖章处）</p><div class="stamp-box">盖 章 处</div></div><div><p>村党组织负责人（签字）：<span class="line"></span></p><p>村民委员会主任（签字）：<span class="line"></span></p><p>村务监督委员会（签字）：<span class="line"></span></p><p>张贴日期：______年____月____日</p></div></div>`,
  );
  out.push('</footer>');
  return out.join('\n');
}

/**
 * The printable disclosure page: one self-contained HTML document (UTF-8, zh-CN, inline stylesheet
 * with an A4 print layout), no script, no image, no font or style loaded from anywhere. Every value
 * is escaped here; names of people are masked before they get here.
 */
export function renderDisclosurePage(d: DisclosurePageData): string {
  const title = `${d.districtName}${d.townshipName}${d.villageName} ${d.year}年度 扶贫项目资产、收益及分配公示`;
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${h(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    d.mode === 'PREVIEW'
      ? '<div class="preview">预览稿 · 未发布 · 不得张贴（正式公示请生成公示链接）</div>'
      : '',
    `<h1>${h(title)}</h1>`,
    `<p class="subtitle">公示单位：${h(d.villageName)}村民委员会（行政区划代码 <span class="mono">${h(d.villageCode)}</span>）${d.link ? ` · 公示期 ${formatDateCn(d.link.publicityStart)}至${formatDateCn(d.link.publicityEnd)}` : ''}</p>`,
    `<p>根据扶贫项目资产后续管理有关规定，现将本村${d.year}年度扶贫项目资产、收益及分配、资产处置情况公示如下，接受群众监督。金额单位为元，精确到分。</p>`,
    assetsSection(d),
    incomeSection(d),
    plansSection(d),
    disposalsSection(d),
    balanceSection(d),
    verificationSection(d),
    footer(d),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A short page for a link that serves nothing (unknown, altered, expired or revoked). */
export function renderDisclosureErrorPage(heading: string, message: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${h(heading)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${h(heading)}</h1>`,
    `<p class="subtitle">${h(message)}</p>`,
    '<p class="subtitle muted">如需查阅本村公示，请以村务公开栏张贴的公示为准，或向村民委员会、乡镇人民政府索取有效的公示链接。</p>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
