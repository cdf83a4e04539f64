import { leanInsert, leanInsertReturningIds } from '@/database/lean-insert';
import { RegionLevel } from '@/regions/region-level.enum';
import { Region } from '@/regions/region.entity';
import { TestApp } from './support/test-app';

/**
 * The bulk paths' INSERT (`src/database/lean-insert.ts`) on the real schema: the array form (one array
 * per column, in chunks of 5,000 rows) and the VALUES form (a row leaving a column to its DEFAULT).
 * Everything runs in a transaction that is rolled back: the database is left as the ledger knows it.
 */
describe('lean bulk INSERT (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
  });

  it('inserts 12,013 rows in chunks, returning their keys in order, every value as given', async () => {
    await t.rolledBack(async (manager) => {
      const townships = Array.from({ length: 13 }, (_, i) => `5001019${String(i + 10).padStart(2, '0')}`);
      expect(
        await leanInsertReturningIds(
          manager,
          Region,
          townships.map((code) => ({
            code,
            name: `测试镇${code}`,
            level: RegionLevel.TOWNSHIP,
            parentCode: '500101',
          })),
        ),
      ).toEqual(townships);
      // Names with the characters an array literal has to escape.
      const villages = Array.from({ length: 12_000 }, (_, i) => ({
        code: `${townships[i % 13]}${String(Math.floor(i / 13)).padStart(3, '0')}`,
        name: `村 "${i}" \\ {a,b} '${i % 7}' NULL`,
        level: RegionLevel.VILLAGE,
        parentCode: townships[i % 13],
      }));
      const codes = await leanInsertReturningIds(manager, Region, villages);
      expect(codes).toEqual(villages.map((v) => v.code));
      const stored = (await manager.query(
        `SELECT code, name, level, parent_code, created_at FROM region WHERE parent_code = ANY($1) ORDER BY code`,
        [townships],
      )) as Array<{ code: string; name: string; level: string; parent_code: string; created_at: Date }>;
      expect(stored).toHaveLength(12_000);
      const byCode = new Map(villages.map((v) => [v.code, v]));
      for (const row of stored) {
        const given = byCode.get(row.code)!;
        expect([row.name, row.level, row.parent_code]).toEqual([given.name, given.level, given.parentCode]);
        expect(row.created_at).toBeInstanceOf(Date); // the column's DEFAULT
      }
    });
  });

  it('gives a column that a row leaves out its DEFAULT, and refuses what the table refuses', async () => {
    await t.rolledBack(async (manager) => {
      const given = new Date('2020-01-02T03:04:05.678Z');
      await leanInsert(manager, Region, [
        {
          code: '500101950',
          name: '甲',
          level: RegionLevel.TOWNSHIP,
          parentCode: '500101',
          createdAt: given,
        },
        { code: '500101951', name: '乙', level: RegionLevel.TOWNSHIP, parentCode: '500101' },
      ]);
      const rows = (await manager.query(
        `SELECT code, created_at FROM region WHERE code IN ('500101950', '500101951') ORDER BY code`,
      )) as Array<{ code: string; created_at: Date }>;
      expect(rows[0].created_at.toISOString()).toBe(given.toISOString());
      expect(rows[1].created_at.getTime()).toBeGreaterThan(given.getTime());
    });
    await t.rolledBack(async (manager) => {
      await expect(
        leanInsert(manager, Region, [
          { code: '500101960', name: '丙', level: RegionLevel.TOWNSHIP, parentCode: '500101' },
          { code: '50010196', name: '丁', level: RegionLevel.TOWNSHIP, parentCode: '500101' },
        ]),
      ).rejects.toThrow(/CK_region_code_shape/);
    });
  });
});
