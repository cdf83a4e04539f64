import { AuthUser, canWriteRegion, Role } from '@/common/auth';
import { AssetStatus } from '@/assets/asset.enums';
import { InventoryFinding } from './inventory.enums';

/**
 * The rules of the annual inventory that need no database: who confirms an item, who signs off a
 * township, what a finding needs, and when two inventories overlap.
 */

/** The township (9 digits) of a village or township code. */
export function townshipOf(locationCode: string): string {
  return locationCode.slice(0, 9);
}

export { regionsOverlap } from '@/common/auth';

/** Who is active where an item sits: decides who confirms it. */
export interface Staffing {
  /** The item's village has an active VILLAGE_CLERK (false for an asset located at a township). */
  villageHasClerk: boolean;
  /** The item's township has an active TOWNSHIP_OFFICER. */
  townshipHasOfficer: boolean;
}

/**
 * Who confirms an item: the VILLAGE_CLERK of its village (村级清点); for an asset located at a township,
 * or in a village without an active clerk, the TOWNSHIP_OFFICER of its township; where the township has
 * no active officer either, a DISTRICT_SUPERVISOR acts for it. Only one level is responsible at a time,
 * so the township that signs off does not also count what its villages can count themselves.
 */
export function responsibleConfirmer(locationCode: string, staffing: Staffing): Role {
  if (locationCode.length === 12 && staffing.villageHasClerk) return Role.VILLAGE_CLERK;
  if (staffing.townshipHasOfficer) return Role.TOWNSHIP_OFFICER;
  return Role.DISTRICT_SUPERVISOR;
}

/** Who signs off a township: its TOWNSHIP_OFFICER; a DISTRICT_SUPERVISOR for a township without one. */
export function responsibleSigner(townshipHasOfficer: boolean): Role {
  return townshipHasOfficer ? Role.TOWNSHIP_OFFICER : Role.DISTRICT_SUPERVISOR;
}

const ROLE_NAMES: Partial<Record<Role, string>> = {
  [Role.VILLAGE_CLERK]: 'the village clerk',
  [Role.TOWNSHIP_OFFICER]: 'the township officer',
  [Role.DISTRICT_SUPERVISOR]: 'a district supervisor',
};

/**
 * Why `user` may not confirm an item located at `locationCode` (null when they may). The caller has
 * already checked that the item is in the user's read scope.
 */
export function confirmRefusal(user: AuthUser, locationCode: string, staffing: Staffing): string | null {
  const responsible = responsibleConfirmer(locationCode, staffing);
  const inScope = canWriteRegion(user, locationCode);
  if (user.role === responsible && inScope) return null;
  const who = ROLE_NAMES[responsible] ?? responsible;
  const where =
    responsible === Role.VILLAGE_CLERK
      ? `of village ${locationCode}`
      : responsible === Role.TOWNSHIP_OFFICER
        ? `of township ${townshipOf(locationCode)}`
        : `(township ${townshipOf(locationCode)} has no active officer)`;
  return `items located at ${locationCode} are confirmed by ${who} ${where}`;
}

/** Why `user` may not sign off `townshipCode` (null when they may). */
export function signOffRefusal(
  user: AuthUser,
  townshipCode: string,
  townshipHasOfficer: boolean,
): string | null {
  const responsible = responsibleSigner(townshipHasOfficer);
  if (user.role === responsible && canWriteRegion(user, townshipCode)) return null;
  return responsible === Role.TOWNSHIP_OFFICER
    ? `township ${townshipCode} is signed off by its township officer`
    : `township ${townshipCode} has no active officer: a district supervisor signs it off`;
}

export interface FindingDraft {
  finding: InventoryFinding;
  note: string | null;
  observedStatus: AssetStatus | null;
}

export type FindingRuleKey = 'note' | 'observedStatus';

/**
 * Problems of a finding for an item whose recorded status is `recordedStatus`: a note for anything
 * but PRESENT; an observed status for STATUS_DIFFERS only, different from the recorded one.
 */
export function findingProblems(
  draft: FindingDraft,
  recordedStatus: AssetStatus | null,
): Array<{ key: FindingRuleKey; message: string }> {
  const problems: Array<{ key: FindingRuleKey; message: string }> = [];
  if (draft.finding !== InventoryFinding.PRESENT && !draft.note) {
    problems.push({ key: 'note', message: `required for ${draft.finding}: say what was found` });
  }
  if (draft.finding === InventoryFinding.STATUS_DIFFERS) {
    if (!draft.observedStatus) {
      problems.push({ key: 'observedStatus', message: 'required for STATUS_DIFFERS: the status found' });
    } else if (recordedStatus !== null && draft.observedStatus === recordedStatus) {
      problems.push({
        key: 'observedStatus',
        message: `the register already says ${recordedStatus}: that is PRESENT, not STATUS_DIFFERS`,
      });
    }
  } else if (draft.observedStatus) {
    problems.push({ key: 'observedStatus', message: 'only for STATUS_DIFFERS' });
  }
  return problems;
}
