// @ts-check
import eslint from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** The ground floor of src/: it imports nothing else from src/ (no feature, not the composition root). */
const GROUND_FLOOR = ['common', 'config', 'database', 'ledger'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      '*.config.js',
      '*.config.mjs',
      'bench/results/**',
      'bench/*.js',
      'web/src/gql/**',
      'web/scripts/*.mjs',
      // Plain CommonJS preloaded into the browser tests' app (node --require), outside the TS projects.
      'web/e2e/support/*.cjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createNodeResolver({
          tsconfig: { configFile: './tsconfig.json' },
          extensions: ['.ts', '.js', '.json'],
        }),
      ],
    },
    rules: {
      // The ground floor (common/, config/, database/, ledger/) imports no feature: the composition root
      // hands it what it must know, and features register with it.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: GROUND_FLOOR.map((folder) => ({
            target: `./src/${folder}`,
            from: './src',
            except: GROUND_FLOOR.map((f) => `./${f}`),
            message: 'common/, config/, database/ and ledger/ are the ground floor: they import no feature.',
          })),
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      // Type-checked: an `any` (a raw query() result, a response body) is typed before it is used.
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/typeorm',
              message:
                'Use TransactionalConnection from @/database: repositories come from the request context.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='getRepository'][callee.object.name='dataSource']",
          message:
            'Use TransactionalConnection.getRepository(ctx, Entity) so the call joins the request transaction.',
        },
      ],
    },
  },
  {
    // Tests assert with Jest's asymmetric matchers (expect.any, expect.stringMatching: typed `any` by
    // Jest) and read untyped HTTP bodies: the no-unsafe rules guard the app and the benches.
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-syntax': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // The console (web/): its own TypeScript projects (browser code, and the Node side of its browser tests).
  {
    files: ['web/**/*.{ts,tsx,mts}'],
    languageOptions: {
      parserOptions: {
        project: ['./web/tsconfig.json', './web/tsconfig.spec.json', './web/e2e/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['web/e2e/**/*.ts'],
    // Playwright fixtures take their dependencies as an object pattern, which may be empty.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-empty-pattern': 'off' },
  },
);
