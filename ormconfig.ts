import 'reflect-metadata';
import { ENTITIES } from './src/app.entities';
import { createDataSource } from './src/database/data-source.factory';

/**
 * DataSource for the TypeORM CLI (`npm run migration:generate -- migrations/<Name>`, `migration:run`).
 * Uses MIGRATIONS_DATABASE_URL (an owner role) or DATABASE_URL.
 */
const url = process.env.MIGRATIONS_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) throw new Error('Set DATABASE_URL (or MIGRATIONS_DATABASE_URL) for the TypeORM CLI');

export default createDataSource({
  url,
  entities: ENTITIES,
  poolSize: 1,
  applicationName: 'asset-registry-cli',
});
