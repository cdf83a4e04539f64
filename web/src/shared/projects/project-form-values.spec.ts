import { projectChanges, projectInput, type ProjectValues } from './project-form-values';

const base: ProjectValues = {
  code: 'WZXM-2025-001',
  name: '梧桐村冷链项目',
  year: 2025,
  type: 'INDUSTRY',
  implementingUnit: '龙驹镇人民政府',
  regionCode: '500101151201',
  completionDate: '2025-06-30',
  acceptanceDate: null,
  fundSources: [
    { source: 'CENTRAL_FISCAL', amount: '150000.00' },
    { source: 'DISTRICT_FISCAL', amount: '50000.00' },
  ],
};

describe('project form values', () => {
  it('a registration sends texts trimmed and dates only when given', () => {
    const input = projectInput({ ...base, name: ' 梧桐村冷链项目 ', code: ' WZXM-2025-001' });
    expect(input).toEqual({
      code: 'WZXM-2025-001',
      name: '梧桐村冷链项目',
      year: 2025,
      type: 'INDUSTRY',
      implementingUnit: '龙驹镇人民政府',
      regionCode: '500101151201',
      completionDate: '2025-06-30',
      fundSources: base.fundSources,
    });
  });

  it('an edit sends only what changed; the same amounts written otherwise or in another order are no change', () => {
    expect(
      projectChanges(base, {
        ...base,
        fundSources: [
          { source: 'DISTRICT_FISCAL', amount: '50000' },
          { source: 'CENTRAL_FISCAL', amount: '150000.0' },
        ],
      }),
    ).toEqual({});
    expect(
      projectChanges(base, { ...base, name: '梧桐村冷链仓储项目', acceptanceDate: '2025-07-15' }),
    ).toEqual({
      name: '梧桐村冷链仓储项目',
      acceptanceDate: '2025-07-15',
    });
  });

  it('a changed amount sends the whole list of fund sources; a date is never cleared', () => {
    const changes = projectChanges(base, {
      ...base,
      completionDate: null,
      fundSources: [{ source: 'CENTRAL_FISCAL', amount: '150000.01' }, base.fundSources[1]],
    });
    expect(changes).toEqual({
      fundSources: [
        { source: 'CENTRAL_FISCAL', amount: '150000.01' },
        { source: 'DISTRICT_FISCAL', amount: '50000.00' },
      ],
    });
  });
});
