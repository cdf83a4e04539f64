import { Household } from './household.entity';
import { householdState } from './households.service';
import { maskPhone, newPhoneSalt, phoneDigest } from './phone';

describe('phone numbers', () => {
  it.each([
    ['13800005678', '138****5678'],
    ['+86 138 0000 5678', '+86 1** **** 5678'],
    ['023-58001234', '023-****1234'],
    ['1234567', '*****67'],
  ])('masks %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('digests are salted: the same number gives different digests in two households', () => {
    const [a, b] = [newPhoneSalt(), newPhoneSalt()];
    expect(phoneDigest(a, '13800005678')).not.toBe(phoneDigest(b, '13800005678'));
    expect(phoneDigest(a, '13800005678')).toBe(phoneDigest(a, '13800005678'));
    expect(phoneDigest(a, '13800005679')).not.toBe(phoneDigest(a, '13800005678'));
  });

  const household = (phone: string | null, phoneSalt: Buffer | null): Household =>
    Object.assign(new Household(), {
      id: 'h1',
      registryNo: 'R1',
      headName: '户主',
      villageCode: '500101151201',
      membersCount: 3,
      idNumber: null,
      idNumberSalt: null,
      phone,
      phoneSalt,
      address: null,
      createdAt: new Date('2024-01-01T00:00:00Z'),
      updatedAt: new Date('2024-01-01T00:00:00Z'),
      version: 1,
    });

  it('the ledger state holds the mask and the digest, never the number', () => {
    const salt = newPhoneSalt();
    const state = householdState(household('13800005678', salt), []) as Record<string, unknown>;
    expect(state.phoneMasked).toBe('138****5678');
    expect(state.phoneDigest).toBe(phoneDigest(salt, '13800005678'));
    expect('phone' in state).toBe(false);
    expect(JSON.stringify(state)).not.toContain('13800005678');
  });

  it('a household whose entries predate the digest (no salt yet) keeps the state its entries hold', () => {
    const state = householdState(household('13800005678', null), []) as Record<string, unknown>;
    expect(state.phone).toBe('13800005678');
    expect('phoneMasked' in state).toBe(false);
  });
});
