import { Fen } from '@/common/scalars';
import { FUND_SOURCE_NAMES, FundSource } from '@/projects/fund-source.enum';
import { FundSourceAmount } from '@/projects/fund-sources';
import { CellProblem, cellText, parseEnum, parseYuanText, PlainCell, yuanText } from '@/spreadsheet/cells';

/**
 * Fund sources written as `中央财政资金:100000.00;区级财政资金:50000.00`: Chinese names (or FundSource
 * values), `:` or `：` before each amount, `;`, `；` or a line break between them. Each amount is more
 * than zero; a source appears at most once.
 */
export function parseFundSources(cell: PlainCell): FundSourceAmount[] {
  const text = cellText(cell);
  if (text === null) return [];
  const out: FundSourceAmount[] = [];
  const problems: string[] = [];
  for (const part of text.split(/[;；\n\r]/)) {
    const item = part.trim();
    if (item === '') continue;
    const colon = item.search(/[:：]/);
    if (colon < 0) {
      problems.push(`"${item.slice(0, 40)}" needs a name and an amount, e.g. 衔接资金:200000.00`);
      continue;
    }
    const name = item.slice(0, colon).trim();
    const amountText = item.slice(colon + 1).trim();
    let source: FundSource | null = null;
    try {
      source = parseEnum(name, FUND_SOURCE_NAMES);
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      problems.push(
        `"${name.slice(0, 40)}" is not a fund source (${Object.values(FUND_SOURCE_NAMES).join('、')})`,
      );
    }
    let amount: Fen | null = null;
    try {
      amount = parseYuanText(amountText);
      if (amount === 0n) {
        problems.push(`the amount of ${name} must be more than zero`);
        amount = null;
      }
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      problems.push(`${name}: ${error.message}`);
    }
    if (source !== null && out.some((s) => s.source === source)) {
      problems.push(`${name} is listed twice`);
    } else if (source !== null && amount !== null) {
      out.push({ source, amount });
    }
  }
  if (problems.length > 0) throw new CellProblem(problems.join('; '));
  return out;
}

/** Fund sources as the template writes them: `衔接资金:200000.00;区级财政资金:40000.00`. */
export function fundSourcesText(sources: readonly FundSourceAmount[]): string | null {
  if (sources.length === 0) return null;
  return sources.map((s) => `${FUND_SOURCE_NAMES[s.source]}:${yuanText(s.amount)}`).join(';');
}
