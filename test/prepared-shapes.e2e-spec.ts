import { EntityManager, QueryFailedError } from 'typeorm';
import { PREPARED_SHAPES_MAX, preparedShape } from '@/database/prepared-query';
import { TestApp } from './support/test-app';

/**
 * Statements whose text a request builds (a list page's filters, order and selected columns) run as
 * named prepared statements, planned once per connection, for the first PREPARED_SHAPES_MAX texts of
 * the process; later texts run unnamed, so what a connection keeps prepared stays bounded.
 */
describe('prepared statement shapes (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.close();
  });

  const preparedOf = async (manager: EntityManager) =>
    (await manager.query(
      `SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'shape-%' ORDER BY statement`,
    )) as Array<{ name: string; statement: string }>;

  async function expectInvalidNumber(query: Promise<unknown>): Promise<void> {
    const error = await query.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect((error as { driverError: { code: string } }).driverError.code).toBe('22P02');
  }

  it('names a text once and reuses it; past the bound, texts run unnamed with the same answers', async () => {
    await t.rolledBack(async (manager) => {
      // The first shape of the process: named, and its failure reported as TypeORM reports one.
      const failing = 'SELECT $1::int AS n /* shape test, failing */';
      await expectInvalidNumber(preparedShape(manager, failing, ['x']));
      await manager.query('ROLLBACK; BEGIN');
      expect(await preparedShape(manager, failing, [7])).toEqual([{ n: 7 }]);

      const text = (k: number) => `SELECT $1::int + ${k} AS n /* shape test */`;
      expect(await preparedShape(manager, text(0), [1])).toEqual([{ n: 1 }]);
      expect(await preparedShape(manager, text(0), [41])).toEqual([{ n: 41 }]);
      expect((await preparedOf(manager)).map((s) => s.statement).sort()).toEqual([failing, text(0)].sort());

      for (let k = 1; k < PREPARED_SHAPES_MAX + 10; k++) {
        expect(await preparedShape(manager, text(k), [2])).toEqual([{ n: 2 + k }]);
      }
      // Named: the failing text and text(0) … text(PREPARED_SHAPES_MAX - 2); the rest ran unnamed.
      const named = (await preparedOf(manager)).map((s) => s.statement);
      expect(named).toHaveLength(PREPARED_SHAPES_MAX);
      expect(named).toContain(text(PREPARED_SHAPES_MAX - 2));
      expect(named).not.toContain(text(PREPARED_SHAPES_MAX - 1));
      expect(await preparedShape(manager, text(PREPARED_SHAPES_MAX + 3), [5])).toEqual([
        { n: 5 + PREPARED_SHAPES_MAX + 3 },
      ]);
      await expectInvalidNumber(preparedShape(manager, 'SELECT $1::int AS n /* unnamed, failing */', ['x']));
    });
  });
});
