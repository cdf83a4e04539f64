import { errorMessageZh } from '@/common/i18n/error-details';
import { fieldMessageZh } from '@/common/i18n/field-messages';
import fc from 'fast-check';
import { checkPayout, checkResultPublicity, completedOn, PayoutTarget } from './payout-rules';

const target = (over: Partial<PayoutTarget> = {}): PayoutTarget => ({
  amount: 300_000n,
  paid: 0n,
  beneficiaries: new Map([
    ['h1', { share: 180_000n, paid: 0n }],
    ['h2', { share: 120_000n, paid: 0n }],
  ]),
  ...over,
});

describe('payout rules', () => {
  it('an allocation with beneficiaries pays a named beneficiary, at most its share', () => {
    expect(checkPayout(target(), null, 100n)?.kind).toBe('HOUSEHOLD_REQUIRED');
    expect(checkPayout(target(), 'h9', 100n)?.kind).toBe('NOT_BENEFICIARY');
    expect(checkPayout(target(), 'h1', 180_000n)).toBeNull();
    const over = checkPayout(target(), 'h1', 180_001n);
    expect(over?.kind).toBe('EXCEEDS_SHARE');
    expect(over?.message).toContain('share is 1800.00 yuan');
    expect(errorMessageZh('PAYOUT_EXCEEDS_SHARE', over!.message)).toContain('应得 1800.00 元');
    expect(over?.details).toMatchObject({ share: '1800.00', remaining: '1800.00', amount: '1800.01' });
    const partly = target({
      paid: 100_000n,
      beneficiaries: new Map([
        ['h1', { share: 180_000n, paid: 100_000n }],
        ['h2', { share: 120_000n, paid: 0n }],
      ]),
    });
    expect(checkPayout(partly, 'h1', 80_000n)).toBeNull();
    expect(checkPayout(partly, 'h1', 80_001n)?.details.remaining).toBe('800.00');
  });

  it('an allocation without beneficiaries names no household and is never overpaid', () => {
    const open = target({ beneficiaries: new Map() });
    expect(checkPayout(open, 'h1', 1n)?.kind).toBe('NOT_BENEFICIARY');
    expect(checkPayout(open, null, 300_000n)).toBeNull();
    expect(checkPayout({ ...open, paid: 1n }, null, 300_000n)?.kind).toBe('EXCEEDS_ALLOCATION');
  });

  it('whatever sequence of accepted payouts: no household above its share, the allocation never above its amount', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 5_000n }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(6), fc.bigInt({ min: 1n, max: 4_000n })), { maxLength: 40 }),
        (shares, attempts) => {
          const beneficiaries = new Map(shares.map((s, i) => [`h${i}`, { share: s, paid: 0n }]));
          const t: PayoutTarget = { amount: shares.reduce((a, b) => a + b, 0n), paid: 0n, beneficiaries };
          for (const [who, amount] of attempts) {
            const id = `h${who}`;
            if (checkPayout(t, id, amount) === null) {
              beneficiaries.get(id)!.paid += amount;
              t.paid += amount;
            }
          }
          for (const b of beneficiaries.values()) expect(b.paid <= b.share).toBe(true);
          expect(t.paid <= t.amount).toBe(true);
          expect(t.paid).toBe([...beneficiaries.values()].reduce((s, b) => s + b.paid, 0n));
        },
      ),
    );
  });

  it('result publicity: not in the future, not before the last payout; a plan completes on its last payout', () => {
    expect(checkResultPublicity('2026-05-10', '2026-05-01', '2026-06-01')).toBeNull();
    expect(checkResultPublicity('2026-06-02', '2026-05-01', '2026-06-01')).toContain(
      'must not be after today',
    );
    expect(fieldMessageZh(checkResultPublicity('2026-06-02', '2026-05-01', '2026-06-01')!)).toContain(
      '不能晚于今天',
    );
    expect(checkResultPublicity('2026-04-30', '2026-05-01', '2026-06-01')).toContain('2026-05-01');
    expect(completedOn([{ paidOn: '2026-05-01' }, { paidOn: '2026-05-09' }, { paidOn: '2026-05-03' }])).toBe(
      '2026-05-09',
    );
    expect(completedOn([])).toBeNull();
  });
});
