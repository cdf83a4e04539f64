/**
 * Printable documents as HTML laid out for A4 paper (`@page { size: A4 }`): the 资产卡片 (asset card)
 * and the 公示 notice of an ownership proposal. Pure: everything arrives already in Chinese (labels from
 * the enum catalog), the renderer only escapes and lays out. Printed from the browser (Ctrl+P).
 */
import { plainQuantity } from '@/common/scalars/quantity';
import {
  escapeHtml as h,
  formatAmount,
  formatDateCn,
  formatShare,
  formatTimeCst,
} from '@/disclosure/disclosure-format';

export interface AssetCardData {
  code: string;
  name: string;
  className: string;
  formName: string;
  /** The asset category's name (资产分类), not its code. */
  categoryName: string;
  projectCode: string;
  projectName: string;
  location: string;
  quantity: string;
  unit: string;
  investedAmount: bigint;
  formedValue: bigint;
  fundSources: Array<{ name: string; amount: bigint }>;
  completionDate: string | null;
  acceptanceDate: string | null;
  handoverDate: string | null;
  statusName: string;
  statusSince: string;
  managementEntity: string | null;
  managementResponsible: string | null;
  operator: string | null;
  operatingModeName: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  contractAnnualAmount: bigint | null;
  investee: string | null;
  equityAgreementNo: string | null;
  equityMaturityDate: string | null;
  householdRegistryNo: string | null;
  householdHeadName: string | null;
  constructionContent: string | null;
  constructionScale: string | null;
  beneficiaryHouseholds: number | null;
  beneficiaryPeople: number | null;
  beneficiaryPoorHouseholds: number | null;
  beneficiaryPoorPeople: number | null;
  beneficiaryMonitoredHouseholds: number | null;
  beneficiaryMonitoredPeople: number | null;
  remarks: string | null;
  owners: Array<{ name: string; typeName: string; shareBp: number }>;
  version: number;
  printedAt: Date;
  printedBy: string;
}

export interface PublicityNoticeData {
  proposalId: string;
  statusName: string;
  villageName: string;
  asset: {
    code: string;
    name: string;
    className: string;
    formName: string;
    location: string;
    formedValue: bigint;
  };
  owners: Array<{ name: string; typeName: string; shareBp: number }>;
  managementEntity: string;
  managementResponsible: string | null;
  publicityStart: string;
  publicityEnd: string;
  objections: number;
  printedAt: Date;
  printedBy: string;
}

const STYLE = `
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", serif; font-size: 11pt;
  color: #000; margin: 0 auto; max-width: 178mm; }
h1 { text-align: center; font-size: 20pt; letter-spacing: 4pt; margin: 0 0 6mm; }
p.meta { text-align: right; font-size: 9pt; margin: 0 0 3mm; }
table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
th, td { border: 0.5pt solid #000; padding: 2mm 2.5mm; vertical-align: top; }
th { background: #f2f2f2; font-weight: normal; white-space: nowrap; width: 26mm; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { page-break-inside: avoid; }
.notice { font-size: 12pt; line-height: 1.9; text-indent: 2em; }
.sign { margin-top: 12mm; text-align: right; line-height: 2; }
footer { margin-top: 8mm; font-size: 8pt; color: #444; }
@media screen { body { padding: 12mm; background: #fff; } }
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${h(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const date = (iso: string | null): string => (iso ? formatDateCn(iso) : '—');
const text = (value: string | null | undefined): string => (value ? h(value) : '—');
const yuan = (fen: bigint | null): string => (fen === null ? '—' : `${formatAmount(fen)} 元`);

function ownersTable(owners: PublicityNoticeData['owners']): string {
  if (owners.length === 0) return '<p>尚无确权的权属人。</p>';
  return `<table>
<tr><th>权属人</th><th>类型</th><th>份额</th></tr>
${owners.map((o) => `<tr><td>${h(o.name)}</td><td>${h(o.typeName)}</td><td class="num">${h(formatShare(o.shareBp))}</td></tr>`).join('\n')}
</table>`;
}

/** The 资产卡片: one asset's register entry on one A4 page. */
/** A declared count with its unit, or — when not declared. */
const count = (n: number | null, unit: string): string => (n === null ? '—' : `${n} ${unit}`);

export function assetCardHtml(d: AssetCardData): string {
  const row = (label: string, value: string, label2?: string, value2?: string): string =>
    label2 === undefined
      ? `<tr><th>${label}</th><td colspan="3">${value}</td></tr>`
      : `<tr><th>${label}</th><td>${value}</td><th>${label2}</th><td>${value2}</td></tr>`;
  const sources = d.fundSources.length
    ? d.fundSources.map((s) => `${h(s.name)} ${h(formatAmount(s.amount))} 元`).join('；')
    : '—';
  return page(
    `资产卡片 ${d.code}`,
    `<h1>资产卡片</h1>
<p class="meta">资产编号：${h(d.code)}&#x3000;版本：${d.version}</p>
<table>
${row('资产名称', h(d.name), '资产类别', h(d.className))}
${row('资产形态', h(d.formName), '资产分类', h(d.categoryName))}
${row('所属项目', `${h(d.projectCode)} ${h(d.projectName)}`)}
${row('所在村/镇', h(d.location))}
${row('数量', `${h(plainQuantity(d.quantity))} ${h(d.unit)}`, '状态', `${h(d.statusName)}（${date(d.statusSince)}起）`)}
${row('投资额', yuan(d.investedAmount), '原值', yuan(d.formedValue))}
${row('资金来源', sources)}
${row('建成日期', date(d.completionDate), '验收日期', date(d.acceptanceDate))}
${row('移交日期', date(d.handoverDate), '经营方式', text(d.operatingModeName))}
${row('管护主体', text(d.managementEntity), '管护责任人', text(d.managementResponsible))}
${row('经营主体', text(d.operator), '年租金/分红', yuan(d.contractAnnualAmount))}
${row('合同期限', d.contractStart || d.contractEnd ? `${date(d.contractStart)} 至 ${date(d.contractEnd)}` : '—')}
${row('被投资企业', text(d.investee), '股权协议编号', text(d.equityAgreementNo))}
${row('股权到期日', date(d.equityMaturityDate), '户主（户籍编号）', d.householdHeadName ? `${h(d.householdHeadName)}（${text(d.householdRegistryNo)}）` : '—')}
${row('建设内容', text(d.constructionContent))}
${row('建设规模', text(d.constructionScale), '受益户数（人数）', `${count(d.beneficiaryHouseholds, '户')}（${count(d.beneficiaryPeople, '人')}）`)}
${row('其中脱贫户', `${count(d.beneficiaryPoorHouseholds, '户')}（${count(d.beneficiaryPoorPeople, '人')}）`, '其中监测户', `${count(d.beneficiaryMonitoredHouseholds, '户')}（${count(d.beneficiaryMonitoredPeople, '人')}）`)}
${row('备注', text(d.remarks))}
</table>
<h2 style="font-size:13pt;margin:6mm 0 2mm">权属</h2>
${ownersTable(d.owners)}
<div class="sign">管护责任人（签字）：＿＿＿＿＿＿&#x3000;&#x3000;日期：＿＿＿＿＿＿</div>
<footer>打印时间 ${h(formatTimeCst(d.printedAt))}（北京时间） · 打印人 ${h(d.printedBy)} · 数据取自资产台账，与系统记录一致</footer>`,
  );
}

/** The 公示 notice of an ownership proposal, for the village notice board. */
export function publicityNoticeHtml(d: PublicityNoticeData): string {
  return page(
    `资产确权公示 ${d.asset.code}`,
    `<h1>资产确权公示</h1>
<p class="meta">申请编号：${h(d.proposalId)}&#x3000;状态：${h(d.statusName)}</p>
<p class="notice">根据扶贫项目资产管理有关规定，现将下列资产的确权方案予以公示。公示期为 ${h(formatDateCn(d.publicityStart))} 至 ${h(formatDateCn(d.publicityEnd))}。公示期内，如对确权方案有异议，请以书面或口头形式向${h(d.villageName)}村民委员会反映。</p>
<table>
<tr><th>资产编号</th><td>${h(d.asset.code)}</td><th>资产名称</th><td>${h(d.asset.name)}</td></tr>
<tr><th>资产类别</th><td>${h(d.asset.className)}</td><th>资产形态</th><td>${h(d.asset.formName)}</td></tr>
<tr><th>所在村/镇</th><td>${h(d.asset.location)}</td><th>原值</th><td class="num">${yuan(d.asset.formedValue)}</td></tr>
<tr><th>管护主体</th><td>${h(d.managementEntity)}</td><th>管护责任人</th><td>${text(d.managementResponsible)}</td></tr>
</table>
<h2 style="font-size:13pt;margin:6mm 0 2mm">拟确认的权属人</h2>
${ownersTable(d.owners)}
<p>已收到异议：${d.objections} 件。</p>
<div class="sign">${h(d.villageName)}村民委员会（盖章）<br>${h(formatDateCn(d.publicityStart))}</div>
<footer>打印时间 ${h(formatTimeCst(d.printedAt))}（北京时间） · 打印人 ${h(d.printedBy)} · 数据取自确权申请，与系统记录一致</footer>`,
  );
}
