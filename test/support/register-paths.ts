// Global setup and teardown run outside Jest's module system, so the `@/…` alias of tsconfig.json
// (which Jest maps for test files) is registered here for them.
import * as path from 'node:path';
import { register } from 'tsconfig-paths';

register({ baseUrl: path.resolve(__dirname, '..', '..'), paths: { '@/*': ['src/*'] } });
