import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents for every `graphql(...)` call under src/, generated from the server's SDL.
// Run `npm run codegen` after the schema changes; the output in src/gql/ is committed.
const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  // src/graphql/simulator.ts is typed by hand: the demo simulator's operations are not in the
  // SDL yet, and it uses urql's `gql` so this config must not try to validate it.
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*', '!src/graphql/simulator.ts'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          DateTime: 'string',
          JSON: 'Record<string, unknown>',
        },
      },
    },
  },
};

export default config;
