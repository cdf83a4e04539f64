import { mayRecordObjection, mayResolveObjection, publicityWindow } from './objection-rules';

const village = '500101151201';

describe('objections to an ownership publicity', () => {
  it('are recorded by writers where the asset is, never by an auditor or from elsewhere', () => {
    expect(mayRecordObjection({ role: 'VILLAGE_CLERK', regionCode: village }, village)).toBe(true);
    expect(mayRecordObjection({ role: 'TOWNSHIP_OFFICER', regionCode: '500101151' }, village)).toBe(true);
    expect(mayRecordObjection({ role: 'DISTRICT_SUPERVISOR', regionCode: '500101' }, village)).toBe(true);
    expect(mayRecordObjection({ role: 'AUDITOR', regionCode: '500101' }, village)).toBe(false);
    expect(mayRecordObjection({ role: 'VILLAGE_CLERK', regionCode: '500101151202' }, village)).toBe(false);
    expect(mayRecordObjection({ role: 'TOWNSHIP_OFFICER', regionCode: '500101153' }, village)).toBe(false);
    expect(mayRecordObjection(null, village)).toBe(false);
  });

  it('are settled by the asset’s township or the district only', () => {
    expect(mayResolveObjection({ role: 'TOWNSHIP_OFFICER', regionCode: '500101151' }, village)).toBe(true);
    expect(mayResolveObjection({ role: 'DISTRICT_SUPERVISOR', regionCode: '500101' }, village)).toBe(true);
    expect(mayResolveObjection({ role: 'TOWNSHIP_OFFICER', regionCode: '500101153' }, village)).toBe(false);
    expect(mayResolveObjection({ role: 'VILLAGE_CLERK', regionCode: village }, village)).toBe(false);
    expect(mayResolveObjection({ role: 'AUDITOR', regionCode: '500101' }, village)).toBe(false);
    expect(mayResolveObjection({ role: 'ADMIN', regionCode: '500101' }, village)).toBe(false);
  });

  it('are taken from the first day of the publicity to the day before it may be confirmed', () => {
    const p = { publicityStart: '2026-03-01', publicityEnd: '2026-03-11' };
    expect(publicityWindow(p, '2026-02-28')).toBe('not-started');
    expect(publicityWindow(p, '2026-03-01')).toBe('open');
    expect(publicityWindow(p, '2026-03-10')).toBe('open');
    expect(publicityWindow(p, '2026-03-11')).toBe('ended');
  });
});
