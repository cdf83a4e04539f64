/**
 * What the checklist says about its bulk confirmation: the list shows at most one page of the items still
 * to confirm, so 其余全部 is only said when nothing is left out; otherwise it names the listed items and
 * how many more come once these are confirmed.
 */
export function checklistWording({
  scope,
  pending,
  listed,
  mine,
}: {
  /** 本村, 乡镇本级 or the village's name. */
  scope: string;
  /** Items still to confirm in all (the list's totalCount). */
  pending: number;
  /** Of those, the items listed. */
  listed: number;
  /** Of the listed, those the user confirms. */
  mine: number;
}): { button: string; title: string; confirm: string; more: string | null } {
  const rest = Math.max(0, pending - listed);
  if (rest === 0) {
    return {
      button: '其余全部账实相符',
      title: '全部确认为账实相符',
      confirm: `将${scope}其余 ${mine} 项资产确认为账实相符。`,
      more: null,
    };
  }
  return {
    button: `列出的 ${mine} 项账实相符`,
    title: '列出的各项确认为账实相符',
    confirm: `将${scope}列出的 ${mine} 项资产确认为账实相符；另有 ${rest} 项待确认，确认后列出。`,
    more: `另有 ${rest} 项待确认，确认上列各项后列出`,
  };
}
