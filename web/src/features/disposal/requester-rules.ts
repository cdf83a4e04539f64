import type { DisposalStatus, OwnerType, Role } from '@web/gql/enums';

/**
 * Who applies for an asset's disposal, as the API decides it (`requesterRefusal` in
 * src/disposal/disposal-rules.ts), so that the console offers 申请处置 only to those the API lets apply:
 * the clerk of an owning village (or of the village a household-owned asset is in), the officer of an
 * owning township, the district for a district department's asset; an asset nobody owns yet, the clerk of
 * its village (the officer of its township, for one registered at the township). Every write is also
 * the place's own (an asset a village co-owns elsewhere is applied for where it is).
 */
export function mayRequestDisposal(
  user: { role: Role; regionCode: string } | null | undefined,
  asset: {
    locationCode: string;
    status: string;
    owners: ReadonlyArray<{ ownerType: OwnerType; ownerRef: string }>;
  },
): boolean {
  if (!user || asset.status === 'DISPOSED' || !asset.locationCode.startsWith(user.regionCode)) return false;
  const village = asset.locationCode.length === 12 ? asset.locationCode : null;
  if (asset.owners.length === 0) {
    return (
      (user.role === 'VILLAGE_CLERK' && user.regionCode === village) ||
      (user.role === 'TOWNSHIP_OFFICER' && village === null && user.regionCode === asset.locationCode)
    );
  }
  return asset.owners.some(
    (o) =>
      (o.ownerType === 'VILLAGE_COLLECTIVE' &&
        user.role === 'VILLAGE_CLERK' &&
        user.regionCode === o.ownerRef) ||
      (o.ownerType === 'HOUSEHOLD' && user.role === 'VILLAGE_CLERK' && user.regionCode === village) ||
      (o.ownerType === 'TOWNSHIP' && user.role === 'TOWNSHIP_OFFICER' && user.regionCode === o.ownerRef) ||
      (o.ownerType === 'DISTRICT_DEPARTMENT' && user.role === 'DISTRICT_SUPERVISOR'),
  );
}

/** Statuses of a request still under way: an asset has at most one (the API's OPEN_DISPOSAL_STATUSES). */
export const OPEN_STATUSES: readonly DisposalStatus[] = [
  'PENDING_TOWNSHIP',
  'PENDING_DISTRICT',
  'RETURNED',
  'APPROVED',
];

/** What the requester may do with their request now (the API's rules for each mutation). */
export interface RequesterActions {
  /** 修改 (updateDisposalRequest) and 重新提交 (resubmitDisposal): a request the township returned. */
  change: boolean;
  /** 撤回 (withdrawDisposal): returned, or waiting for the township before any review. */
  withdraw: boolean;
  /** 完成处置 (completeDisposal): approved, to be carried out. */
  complete: boolean;
}

export function requesterActions(
  userId: string | undefined,
  request: { requestedBy: string; status: DisposalStatus; reviews: readonly unknown[] },
): RequesterActions {
  const mine = userId !== undefined && userId === request.requestedBy;
  return {
    change: mine && request.status === 'RETURNED',
    withdraw:
      mine &&
      (request.status === 'RETURNED' ||
        (request.status === 'PENDING_TOWNSHIP' && request.reviews.length === 0)),
    complete: mine && request.status === 'APPROVED',
  };
}
