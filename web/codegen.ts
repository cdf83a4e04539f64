import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for the console, from the API's own schema.gql: every `graphql(`…`)` document in web/src gets a
 * typed document (its variables and result), so a schema change that breaks the console breaks the type
 * check. The output (web/src/gql/) is generated, never edited, and not committed.
 */
const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumType: 'string-literal',
        useTypeImports: true,
        strictScalars: true,
        scalars: { Money: 'string', LocalDate: 'string', DateTime: 'string', JSON: 'unknown' },
      },
    },
    // Every enum of the schema (the preset above emits only those the documents use), for the label maps.
    'web/src/gql/enums.ts': {
      plugins: ['typescript'],
      config: { onlyEnums: true, enumsAsTypes: true },
    },
  },
  silent: true,
};

export default config;
