import fc from 'fast-check';
import { AuthUser, Role } from '@/common/auth';
import { AssetStatus } from '@/assets/asset.enums';
import { InventoryFinding } from './inventory.enums';
import {
  confirmRefusal,
  findingProblems,
  regionsOverlap,
  responsibleConfirmer,
  signOffRefusal,
  townshipOf,
} from './inventory-rules';

const user = (role: Role, regionCode: string): AuthUser => ({ id: 'u', username: 'u', role, regionCode });
const VILLAGE = '500101151201';
const TOWNSHIP = '500101151';

describe('inventory rules', () => {
  it('regions overlap when one contains the other', () => {
    expect(regionsOverlap('500101', '500101151')).toBe(true);
    expect(regionsOverlap('500101151', '500101')).toBe(true);
    expect(regionsOverlap('500101151', '500101151')).toBe(true);
    expect(regionsOverlap('500101151', '500101153')).toBe(false);
    expect(regionsOverlap('500101151201', '500101151202')).toBe(false);
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6,12}$/), fc.stringMatching(/^\d{6,12}$/), (a, b) => {
        expect(regionsOverlap(a, b)).toBe(regionsOverlap(b, a));
      }),
    );
  });

  it('the township of a village or of a township', () => {
    expect(townshipOf(VILLAGE)).toBe(TOWNSHIP);
    expect(townshipOf(TOWNSHIP)).toBe(TOWNSHIP);
  });

  it('the village clerk confirms, else the township officer, else a district supervisor', () => {
    expect(responsibleConfirmer(VILLAGE, { villageHasClerk: true, townshipHasOfficer: true })).toBe(
      Role.VILLAGE_CLERK,
    );
    expect(responsibleConfirmer(VILLAGE, { villageHasClerk: false, townshipHasOfficer: true })).toBe(
      Role.TOWNSHIP_OFFICER,
    );
    expect(responsibleConfirmer(TOWNSHIP, { villageHasClerk: true, townshipHasOfficer: true })).toBe(
      Role.TOWNSHIP_OFFICER,
    );
    expect(responsibleConfirmer(VILLAGE, { villageHasClerk: false, townshipHasOfficer: false })).toBe(
      Role.DISTRICT_SUPERVISOR,
    );
  });

  it('exactly one of clerk, officer and supervisor may confirm an item', () => {
    const candidates = [
      user(Role.VILLAGE_CLERK, VILLAGE),
      user(Role.TOWNSHIP_OFFICER, TOWNSHIP),
      user(Role.DISTRICT_SUPERVISOR, '500101'),
    ];
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (villageHasClerk, townshipHasOfficer) => {
        const allowed = candidates.filter(
          (u) => confirmRefusal(u, VILLAGE, { villageHasClerk, townshipHasOfficer }) === null,
        );
        expect(allowed).toHaveLength(1);
      }),
    );
  });

  it('a clerk of another village or an officer of another township may not confirm', () => {
    const staffed = { villageHasClerk: true, townshipHasOfficer: true };
    expect(confirmRefusal(user(Role.VILLAGE_CLERK, '500101151202'), VILLAGE, staffed)).toMatch(
      /village clerk of village 500101151201/,
    );
    const noClerk = { villageHasClerk: false, townshipHasOfficer: true };
    expect(confirmRefusal(user(Role.TOWNSHIP_OFFICER, '500101153'), VILLAGE, noClerk)).toMatch(
      /township officer of township 500101151/,
    );
    expect(confirmRefusal(user(Role.AUDITOR, '500101'), VILLAGE, staffed)).not.toBeNull();
    expect(confirmRefusal(user(Role.ADMIN, '500101'), VILLAGE, staffed)).not.toBeNull();
  });

  it('the township officer signs off, or a district supervisor for a township without one', () => {
    expect(signOffRefusal(user(Role.TOWNSHIP_OFFICER, TOWNSHIP), TOWNSHIP, true)).toBeNull();
    expect(signOffRefusal(user(Role.TOWNSHIP_OFFICER, '500101153'), TOWNSHIP, true)).not.toBeNull();
    expect(signOffRefusal(user(Role.DISTRICT_SUPERVISOR, '500101'), TOWNSHIP, true)).not.toBeNull();
    expect(signOffRefusal(user(Role.DISTRICT_SUPERVISOR, '500101'), TOWNSHIP, false)).toBeNull();
  });

  it('a finding other than PRESENT needs a note; STATUS_DIFFERS needs a different observed status', () => {
    const ok = { note: null, observedStatus: null };
    expect(findingProblems({ finding: InventoryFinding.PRESENT, ...ok }, AssetStatus.IN_USE)).toEqual([]);
    expect(findingProblems({ finding: InventoryFinding.MISSING, ...ok }, AssetStatus.IN_USE)).toEqual([
      expect.objectContaining({ key: 'note' }),
    ]);
    expect(
      findingProblems({ finding: InventoryFinding.DAMAGED, note: '屋顶漏水', observedStatus: null }, null),
    ).toEqual([]);
    expect(
      findingProblems(
        { finding: InventoryFinding.STATUS_DIFFERS, note: '已停用', observedStatus: null },
        null,
      ),
    ).toEqual([expect.objectContaining({ key: 'observedStatus' })]);
    expect(
      findingProblems(
        { finding: InventoryFinding.STATUS_DIFFERS, note: '已停用', observedStatus: AssetStatus.IN_USE },
        AssetStatus.IN_USE,
      ),
    ).toEqual([expect.objectContaining({ key: 'observedStatus' })]);
    expect(
      findingProblems(
        { finding: InventoryFinding.STATUS_DIFFERS, note: '已闲置', observedStatus: AssetStatus.IDLE },
        AssetStatus.IN_USE,
      ),
    ).toEqual([]);
    expect(
      findingProblems(
        { finding: InventoryFinding.PRESENT, note: null, observedStatus: AssetStatus.IDLE },
        null,
      ),
    ).toEqual([expect.objectContaining({ key: 'observedStatus' })]);
  });
});
