/**
 * Rules on a household's status period, shared by the mutations and the import (which reports them by
 * column instead of by field). Pure: `today` is given.
 */
import { HouseholdStatusKind, MonitoringCategory } from './household.enums';

export type StatusRuleKey = 'status' | 'monitoringCategory' | 'startedOn' | 'endedOn';

export interface StatusDraft {
  status: HouseholdStatusKind;
  monitoringCategory: MonitoringCategory | null;
  startedOn: string;
  endedOn: string | null;
}

/** Every problem of one status period, by the key it is about. */
export function statusProblems(
  draft: StatusDraft,
  today: string,
): Array<{ key: StatusRuleKey; message: string }> {
  const out: Array<{ key: StatusRuleKey; message: string }> = [];
  if (draft.status === HouseholdStatusKind.MONITORED && draft.monitoringCategory === null) {
    out.push({ key: 'monitoringCategory', message: 'is required for a monitored household' });
  }
  if (draft.status !== HouseholdStatusKind.MONITORED && draft.monitoringCategory !== null) {
    out.push({
      key: 'monitoringCategory',
      message: 'only a monitored household has a monitoring category',
    });
  }
  if (draft.startedOn > today) out.push({ key: 'startedOn', message: `${draft.startedOn} is in the future` });
  if (draft.endedOn !== null) {
    if (draft.endedOn > today) out.push({ key: 'endedOn', message: `${draft.endedOn} is in the future` });
    if (draft.endedOn < draft.startedOn) {
      out.push({ key: 'endedOn', message: `${draft.endedOn} is before the start date ${draft.startedOn}` });
    }
  }
  return out;
}
