import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents from the committed server schema; `pnpm --filter @prachum/client codegen` rewrites src/graphql/generated.ts. */
const config: CodegenConfig = {
  schema: '../server/schema.graphql',
  documents: ['src/**/*.graphql'],
  generates: {
    'src/graphql/generated.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumType: 'const',
        useTypeImports: true,
        scalars: { DateTime: 'string', Date: 'string', JSON: 'Record<string, unknown>' },
        avoidOptionals: { field: true, inputValue: false, object: true },
        dedupeFragments: true,
        skipTypename: false,
        nonOptionalTypename: true,
        // Apollo Client's data masking: a fragment spread is an opaque reference the component reads
        // with useFragment, unless the spread says @unmask (apollo.ts declares the matching types).
        inlineFragmentTypes: 'mask',
        customDirectives: { apolloUnmask: true },
      },
    },
  },
};

export default config;
