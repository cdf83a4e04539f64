// @ts-check
import eslint from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
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
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-syntax': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
