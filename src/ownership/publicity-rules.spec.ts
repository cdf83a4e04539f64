import { fieldMessageZh } from '@/common/i18n/field-messages';
import { ErrorCode } from '@/common/errors';
import { checkPublicityStart, isNoticeMediaType } from './publicity-rules';

const rules = { publicityBackdateMaxDays: 30 };
const TODAY = '2026-03-31';

describe('publicity rules', () => {
  it('a publicity counts from the day the proposal is recorded, or later', () => {
    expect(checkPublicityStart(TODAY, TODAY, 0, rules)).toEqual({ start: TODAY, backdated: false });
    expect(checkPublicityStart('2026-04-30', TODAY, 0, rules)).toEqual({
      start: '2026-04-30',
      backdated: false,
    });
    expect(checkPublicityStart('2026-05-01', TODAY, 0, rules)).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
    });
  });

  it('an earlier start needs the evidence of the posted notice', () => {
    expect(checkPublicityStart('2026-03-21', TODAY, 0, rules)).toMatchObject({
      code: ErrorCode.OWNERSHIP_PUBLICITY_BACKDATED_WITHOUT_NOTICE,
      problem: { field: 'input.publicityStart' },
    });
    expect(checkPublicityStart('2026-03-21', TODAY, 1, rules)).toEqual({
      start: '2026-03-21',
      backdated: true,
    });
  });

  it('at most the policy days back, with evidence or not', () => {
    expect(checkPublicityStart('2026-03-01', TODAY, 1, rules)).toEqual({
      start: '2026-03-01',
      backdated: true,
    });
    const far = checkPublicityStart('2026-02-28', TODAY, 1, rules);
    expect(far).toMatchObject({ code: ErrorCode.OWNERSHIP_PUBLICITY_BACKDATED_TOO_FAR });
    expect('problem' in far && far.problem.message).toContain('at most 30 days earlier');
    expect('problem' in far && fieldMessageZh(far.problem.message)).toContain('最多可提前 30 天');
    expect(checkPublicityStart('2026-03-30', TODAY, 1, { publicityBackdateMaxDays: 0 })).toMatchObject({
      code: ErrorCode.OWNERSHIP_PUBLICITY_BACKDATED_TOO_FAR,
    });
  });

  it('a notice is a photo or a scan', () => {
    expect(isNoticeMediaType('image/jpeg')).toBe(true);
    expect(isNoticeMediaType('application/pdf')).toBe(true);
    expect(isNoticeMediaType('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe(
      false,
    );
  });
});
