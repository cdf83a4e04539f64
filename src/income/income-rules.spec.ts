import fc from 'fast-check';
import { AuthUser, Role } from '@/common/auth';
import { OwnerType } from '@/ownership/ownership.entity';
import {
  incomeDateProblems,
  incomeOwners,
  incomeShares,
  incomeWriterRefusal,
  reversalBlockedBy,
} from './income-rules';

const user = (role: Role, regionCode: string): AuthUser =>
  ({ id: 'u', username: 'u', role, regionCode }) as AuthUser;
const VILLAGE = '500101151201';
const OTHER_VILLAGE = '500101153201';

describe('income rules', () => {
  it('dates: each a date, the period in order, received not in the future', () => {
    const ok = { periodFrom: '2026-01-01', periodTo: '2026-03-31', receivedOn: '2026-04-02' };
    expect(incomeDateProblems(ok, '2026-05-01')).toEqual([]);
    expect(incomeDateProblems({ ...ok, periodTo: '2025-12-31' }, '2026-05-01')).toEqual([
      { field: 'input.periodTo', message: 'the period ends (2025-12-31) before it starts' },
    ]);
    expect(incomeDateProblems({ ...ok, receivedOn: '2026-05-02' }, '2026-05-01').map((p) => p.field)).toEqual(
      ['input.receivedOn'],
    );
    expect(incomeDateProblems({ ...ok, periodFrom: '2026-02-30' }, '2026-05-01').map((p) => p.field)).toEqual(
      ['input.periodFrom'],
    );
  });

  it('who records: the clerk of the village where the asset is, an officer of its township; not a co-owner elsewhere', () => {
    const asset = { code: 'A', locationCode: VILLAGE };
    expect(incomeWriterRefusal(user(Role.VILLAGE_CLERK, VILLAGE), asset)).toBeNull();
    expect(incomeWriterRefusal(user(Role.TOWNSHIP_OFFICER, '500101151'), asset)).toBeNull();
    // A village that co-owns the asset elsewhere, and its township, read its income; they do not record it.
    expect(incomeWriterRefusal(user(Role.VILLAGE_CLERK, OTHER_VILLAGE), asset)).not.toBeNull();
    expect(incomeWriterRefusal(user(Role.TOWNSHIP_OFFICER, '500101153'), asset)).not.toBeNull();
    // An asset at the township: its officer, not the clerk of a village below it.
    const atTownship = { code: 'T', locationCode: '500101151' };
    expect(incomeWriterRefusal(user(Role.TOWNSHIP_OFFICER, '500101151'), atTownship)).toBeNull();
    expect(incomeWriterRefusal(user(Role.VILLAGE_CLERK, VILLAGE), atTownship)).not.toBeNull();
    // Nor a township officer of a district-level asset, nor a district role.
    expect(
      incomeWriterRefusal(user(Role.TOWNSHIP_OFFICER, '500101151'), { code: 'D', locationCode: '500101' }),
    ).not.toBeNull();
    for (const role of [Role.DISTRICT_SUPERVISOR, Role.AUDITOR, Role.ADMIN]) {
      expect(incomeWriterRefusal(user(role, '500101'), asset)).not.toBeNull();
    }
  });

  it('without confirmed owners, the village (or township) where the asset sits owns it all', () => {
    expect(incomeOwners(VILLAGE, [])).toEqual([
      { ownerType: OwnerType.VILLAGE_COLLECTIVE, ownerRef: VILLAGE, shareBp: 10_000 },
    ]);
    expect(incomeOwners('500101151', [])).toEqual([
      { ownerType: OwnerType.TOWNSHIP, ownerRef: '500101151', shareBp: 10_000 },
    ]);
    const owners = [{ ownerType: OwnerType.HOUSEHOLD, ownerRef: 'H-1', shareBp: 10_000 }];
    expect(incomeOwners(VILLAGE, owners)).toEqual(owners);
  });

  it('shares add up to the amount to the fen, and only village collectives carry a village', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -10_000_000_000n, max: 10_000_000_000n }),
        fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 6 }),
        (amount, weights) => {
          const owners = weights.map((shareBp, i) => ({
            ownerType: i % 2 === 0 ? OwnerType.VILLAGE_COLLECTIVE : OwnerType.TOWNSHIP,
            ownerRef: `R${i}`,
            shareBp,
          }));
          const shares = incomeShares(amount, owners);
          expect(shares.reduce((s, x) => s + x.amount, 0n)).toBe(amount);
          shares.forEach((s, i) => {
            expect(s.position).toBe(i);
            expect(s.villageCode).toBe(s.ownerType === OwnerType.VILLAGE_COLLECTIVE ? s.ownerRef : null);
          });
        },
      ),
    );
  });

  it('a reversal is blocked by the first village whose plans already spend the income', () => {
    const balances = new Map([
      ['V1', { distributable: 1000n, planned: 600n }],
      ['V2', { distributable: 1000n, planned: 0n }],
    ]);
    expect(reversalBlockedBy([{ villageCode: 'V1', amount: 400n }], balances)).toBeNull();
    expect(reversalBlockedBy([{ villageCode: 'V1', amount: 401n }], balances)).toBe('V1');
    expect(
      reversalBlockedBy(
        [
          { villageCode: null, amount: 5000n },
          { villageCode: 'V2', amount: 1000n },
          { villageCode: 'V1', amount: 500n },
        ],
        balances,
      ),
    ).toBe('V1');
  });
});
