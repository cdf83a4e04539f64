import { formatMoney } from '@web/shared/format/money';

/** An amount of money as ¥12,345.67, aligned for tables. */
export function Money({ value }: { value: string | null | undefined }) {
  return <span className="money">{formatMoney(value)}</span>;
}
