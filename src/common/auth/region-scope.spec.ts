import { AuthUser } from './auth-user';
import { readRegionVia } from './region-scope';
import { Role } from './role.enum';

const user = (role: Role, regionCode: string): AuthUser =>
  ({ id: 'u', username: 'u', role, regionCode }) as AuthUser;
const VILLAGE = '500101151201';
const OTHER_VILLAGE = '500101153201';
const THIRD = '500101151202';

describe('readRegionVia', () => {
  it('reads by the record’s own region, or by one it is also read from (a co-owning village)', () => {
    const also = [VILLAGE, OTHER_VILLAGE, null];
    // In scope by the record's own region.
    expect(readRegionVia(user(Role.VILLAGE_CLERK, VILLAGE), VILLAGE, also)).toBe(VILLAGE);
    expect(readRegionVia(user(Role.TOWNSHIP_OFFICER, '500101151'), VILLAGE, also)).toBe(VILLAGE);
    expect(readRegionVia(user(Role.AUDITOR, '500101'), VILLAGE, also)).toBe(VILLAGE);
    // By another region: the co-owning village, and the township above it.
    expect(readRegionVia(user(Role.VILLAGE_CLERK, OTHER_VILLAGE), VILLAGE, also)).toBe(OTHER_VILLAGE);
    expect(readRegionVia(user(Role.TOWNSHIP_OFFICER, '500101153'), VILLAGE, also)).toBe(OTHER_VILLAGE);
    // Neither: the record's own region, which the scope check refuses.
    expect(readRegionVia(user(Role.VILLAGE_CLERK, THIRD), VILLAGE, also)).toBe(VILLAGE);
    expect(readRegionVia(user(Role.TOWNSHIP_OFFICER, '500101155'), VILLAGE, also)).toBe(VILLAGE);
    expect(readRegionVia(user(Role.VILLAGE_CLERK, OTHER_VILLAGE), VILLAGE, [VILLAGE, null])).toBe(VILLAGE);
    expect(readRegionVia(user(Role.VILLAGE_CLERK, OTHER_VILLAGE), VILLAGE, [])).toBe(VILLAGE);
    // What its township reads, a village below it does not.
    expect(readRegionVia(user(Role.VILLAGE_CLERK, OTHER_VILLAGE), VILLAGE, ['500101153'])).toBe(VILLAGE);
  });
});
