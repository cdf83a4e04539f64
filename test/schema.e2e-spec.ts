import * as fs from 'node:fs';
import * as path from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@/database';
import { TestApp } from './support/test-app';

const SCHEMA_FILE = path.resolve(__dirname, '..', 'schema.gql');

/**
 * Drift checks: the committed `schema.gql` is the schema the code builds (run `npm run schema` after a
 * change), and the migrations produce exactly the schema the entities describe.
 */
describe('schema drift (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('schema.gql matches the GraphQL schema built from the code', () => {
    const { schema } = t.app.get(GraphQLSchemaHost);
    const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;
    if (process.env.UPDATE_SCHEMA === '1') fs.writeFileSync(SCHEMA_FILE, printed);
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    expect(committed).toBe(printed);
  });

  it('the migrations leave nothing for TypeORM to generate from the entities', async () => {
    const dataSource = t.app.get<DataSource>(DATA_SOURCE);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
