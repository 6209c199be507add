/**
 * GraphQL Code Generator config for the Marketplacer contract.
 *
 *   npx graphql-codegen --config codegen.ts
 *
 * Input:  libs/marketplacer/src/contract/schema.graphql (hand-built contract schema, see its header)
 *         libs/marketplacer/src/contract/operations/*.graphql (one document per operation + fragments.graphql)
 * Output: libs/marketplacer/src/contract/generated/graphql.ts (committed; contract.spec.ts fails when it is stale)
 *
 * The output must compile under the repo tsconfig (TS 6, module nodenext, strict): type-only imports,
 * no runtime enums, every custom scalar mapped (strictScalars makes an unmapped scalar an error).
 *
 * The constants are exported so that contract.spec.ts regenerates with exactly the same settings.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

export const CONTRACT_SCHEMA = 'libs/marketplacer/src/contract/schema.graphql';
export const CONTRACT_DOCUMENTS = 'libs/marketplacer/src/contract/operations/*.graphql';
export const CONTRACT_OUTPUT = 'libs/marketplacer/src/contract/generated/graphql.ts';

// NB no 'typescript' plugin: since @graphql-codegen/typescript-operations v6 (cli v7) the operations plugin
// itself emits the enums, input types and scalars that the documents use. Adding 'typescript' as well
// declares every input/enum twice (TS2300 "Duplicate identifier"). Operation/fragment result types are
// what client code should use anyway.
export const CONTRACT_PLUGINS = ['typescript-operations', 'typed-document-node'];

export const CONTRACT_PLUGIN_CONFIG = {
  useTypeImports: true,
  // String-literal unions instead of TS enums: nothing emitted at runtime.
  enumsAsTypes: true, // typescript-operations < 6 spelling
  enumType: 'string-literal', // typescript-operations >= 6 spelling
  avoidOptionals: false,
  strictScalars: true,
  // Marketplacer dates and decimals travel as JSON strings.
  scalars: {
    ID: { input: 'string', output: 'string' },
    ISO8601DateTime: { input: 'string', output: 'string' },
    ISO8601Date: { input: 'string', output: 'string' },
    Decimal: { input: 'string', output: 'string' },
    JSON: { input: 'unknown', output: 'unknown' },
  },
};

const config: CodegenConfig = {
  overwrite: true,
  schema: CONTRACT_SCHEMA,
  documents: [CONTRACT_DOCUMENTS],
  generates: {
    [CONTRACT_OUTPUT]: {
      plugins: CONTRACT_PLUGINS,
      config: CONTRACT_PLUGIN_CONFIG,
    },
  },
};

export default config;
