import { ProblemList } from '@/common/errors';
import { AssetDraft, checkAssetRules } from '@/assets/asset-rules';
import { ASSETS_PER_PROJECT, scaleProject, scaleRow, villageCode } from './scale-data';

const TOWNSHIPS = ['500101001', '500101002', '500101003'];

describe('scale seed rows', () => {
  const rows = Array.from({ length: 300 }, (_, i) => scaleRow(i, TOWNSHIPS, 300));

  it('pass the asset rules the API and the import apply', () => {
    for (const r of rows) {
      const problems = new ProblemList();
      checkAssetRules(
        {
          ...r,
          statusSince: r.handoverDate,
          managementResponsible: null,
          contractStart: null,
          contractEnd: null,
          contractTerms: null,
          contractAnnualAmount: null,
          investee: null,
          equityAgreementNo: null,
          equityMaturityDate: null,
        } as unknown as AssetDraft,
        '',
        problems,
      );
      expect(problems.all).toEqual([]);
    }
  });

  it('give each township one consecutive run of unique codes, in its own villages', () => {
    expect(new Set(rows.map((r) => r.code)).size).toBe(300);
    expect(rows.slice(0, 100).every((r) => r.locationCode.startsWith('500101001'))).toBe(true);
    expect(rows.slice(200).every((r) => r.locationCode.startsWith('500101003'))).toBe(true);
    expect(rows[0].locationCode).toBe(villageCode('500101001', 0));
    expect([...rows].sort((a, b) => a.code.localeCompare(b.code)).map((r) => r.code)).toEqual(
      rows.map((r) => r.code),
    );
  });

  it('put 50 assets in a project whose fund sources add up', () => {
    expect(new Set(rows.slice(0, ASSETS_PER_PROJECT).map((r) => r.projectCode)).size).toBe(1);
    const p = scaleProject('BZ', '500101001', 0, 1_000_000n);
    expect(p.code).toBe(rows[0].projectCode);
    expect(p.fundSources.reduce((s, f) => s + f.amount, 0n)).toBe(1_000_000n);
  });
});
