import { mayRequestDisposal, requesterActions } from './requester-rules';

const clerk = { role: 'VILLAGE_CLERK' as const, regionCode: '500101151201' };
const officer = { role: 'TOWNSHIP_OFFICER' as const, regionCode: '500101151' };
const district = { role: 'DISTRICT_SUPERVISOR' as const, regionCode: '500101' };
const asset = (
  owners: Array<{
    ownerType: 'VILLAGE_COLLECTIVE' | 'HOUSEHOLD' | 'TOWNSHIP' | 'DISTRICT_DEPARTMENT';
    ownerRef: string;
  }>,
  locationCode = '500101151201',
  status = 'IN_USE',
) => ({ locationCode, status, owners });

describe('who applies for a disposal', () => {
  it('the clerk of the owning village, not the officer above it', () => {
    const owned = asset([{ ownerType: 'VILLAGE_COLLECTIVE', ownerRef: '500101151201' }]);
    expect(mayRequestDisposal(clerk, owned)).toBe(true);
    expect(mayRequestDisposal(officer, owned)).toBe(false);
    expect(mayRequestDisposal(district, owned)).toBe(false);
    expect(mayRequestDisposal({ ...clerk, regionCode: '500101151202' }, owned)).toBe(false);
  });

  it('where the asset is: a village co-owning it elsewhere applies nowhere', () => {
    const elsewhere = asset(
      [
        { ownerType: 'VILLAGE_COLLECTIVE', ownerRef: '500101151201' },
        { ownerType: 'VILLAGE_COLLECTIVE', ownerRef: '500101151202' },
      ],
      '500101151201',
    );
    expect(mayRequestDisposal({ ...clerk, regionCode: '500101151202' }, elsewhere)).toBe(false);
    expect(mayRequestDisposal(clerk, elsewhere)).toBe(true);
  });

  it('households, townships, departments and unowned assets', () => {
    expect(mayRequestDisposal(clerk, asset([{ ownerType: 'HOUSEHOLD', ownerRef: 'H-1' }]))).toBe(true);
    expect(mayRequestDisposal(officer, asset([{ ownerType: 'TOWNSHIP', ownerRef: '500101151' }]))).toBe(true);
    expect(mayRequestDisposal(clerk, asset([{ ownerType: 'TOWNSHIP', ownerRef: '500101151' }]))).toBe(false);
    expect(mayRequestDisposal(district, asset([{ ownerType: 'DISTRICT_DEPARTMENT', ownerRef: 'JT' }]))).toBe(
      true,
    );
    expect(mayRequestDisposal(clerk, asset([]))).toBe(true);
    expect(mayRequestDisposal(officer, asset([]))).toBe(false);
    expect(mayRequestDisposal(officer, asset([], '500101151'))).toBe(true);
  });

  it('never a disposed asset, never without a session', () => {
    const owned = [{ ownerType: 'VILLAGE_COLLECTIVE' as const, ownerRef: '500101151201' }];
    expect(mayRequestDisposal(clerk, asset(owned, '500101151201', 'DISPOSED'))).toBe(false);
    expect(mayRequestDisposal(null, asset(owned))).toBe(false);
  });
});

describe('what the requester may do with a request', () => {
  const request = (status: Parameters<typeof requesterActions>[1]['status'], reviews: unknown[] = []) => ({
    requestedBy: 'u1',
    status,
    reviews,
  });

  it('withdraws before the township decides, changes and resubmits a returned one, completes an approved one', () => {
    expect(requesterActions('u1', request('PENDING_TOWNSHIP'))).toEqual({
      change: false,
      withdraw: true,
      complete: false,
    });
    expect(requesterActions('u1', request('RETURNED', [{}]))).toEqual({
      change: true,
      withdraw: true,
      complete: false,
    });
    expect(requesterActions('u1', request('APPROVED', [{}]))).toEqual({
      change: false,
      withdraw: false,
      complete: true,
    });
  });

  it('nothing once a review is under way or the request is closed, nothing for anyone else', () => {
    const none = { change: false, withdraw: false, complete: false };
    // A request the township sent back and the requester resubmitted has a review: no withdrawal then.
    expect(requesterActions('u1', request('PENDING_TOWNSHIP', [{}]))).toEqual(none);
    expect(requesterActions('u1', request('PENDING_DISTRICT', [{}]))).toEqual(none);
    for (const status of ['REJECTED', 'WITHDRAWN', 'COMPLETED'] as const) {
      expect(requesterActions('u1', request(status, [{}]))).toEqual(none);
    }
    expect(requesterActions('u2', request('RETURNED', [{}]))).toEqual(none);
    expect(requesterActions(undefined, request('APPROVED', [{}]))).toEqual(none);
  });
});
