import { formatDate, formatDateShort } from '@web/shared/format/dates';

/**
 * A period in a table's cell or a record's field (2025年10月1日 至 2033年9月30日): broken, if the column is
 * narrow, between its two dates only, never inside one (2025 / 年10 / 月1日).
 */
export function DateRange({
  from,
  to,
  short = false,
}: {
  from: string;
  /** None: an open end, shown as —. */
  to: string | null | undefined;
  short?: boolean;
}) {
  const format = short ? formatDateShort : formatDate;
  // One element: in a flex container (a Descriptions field's content is one) its dates, its 至 and what
  // follows it would each be a flex item, on one line that does not wrap.
  return (
    <span>
      <span className="nowrap">{format(from)}</span> 至 <span className="nowrap">{format(to)}</span>
    </span>
  );
}
