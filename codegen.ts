/**
 * GraphQL Code Generator for the Marketplacer contract, on `@graphql-codegen/core` (the CLI package
 * pulls in loaders and a task runner that declare Node >= 22; nothing here needs them).
 *
 *   npm run codegen
 *
 * Input:  libs/marketplacer/src/contract/schema.graphql (hand-built contract schema, see its header)
 *         libs/marketplacer/src/contract/operations/*.graphql (one document per operation + fragments.graphql)
 * Output: libs/marketplacer/src/contract/generated/graphql.ts (committed; contract.spec.ts fails when it is stale)
 *
 * The output must compile under the repo tsconfig (TS 6, module nodenext, strict): type-only imports,
 * no runtime enums, every custom scalar mapped (strictScalars makes an unmapped scalar an error).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codegen } from '@graphql-codegen/core';
import { getDocumentNodeFromSchema } from '@graphql-tools/utils';
import { buildASTSchema, lexicographicSortSchema, parse } from 'graphql';

/** The repository root, from the source file or its build in dist/. */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), import.meta.url.includes('/dist/') ? '..' : '.');

export const CONTRACT_SCHEMA = 'libs/marketplacer/src/contract/schema.graphql';
export const CONTRACT_OPERATIONS = 'libs/marketplacer/src/contract/operations';
export const CONTRACT_OUTPUT = 'libs/marketplacer/src/contract/generated/graphql.ts';

// NB no 'typescript' plugin: since @graphql-codegen/typescript-operations v6 the operations plugin
// itself emits the enums, input types and scalars that the documents use. Adding 'typescript' as well
// declares every input/enum twice (TS2300 "Duplicate identifier"). Operation/fragment result types are
// what client code should use anyway.
const PLUGINS = ['typescript-operations', 'typed-document-node'] as const;

const PLUGIN_CONFIG = {
  useTypeImports: true,
  // String-literal unions instead of TS enums: nothing emitted at runtime.
  enumType: 'string-literal',
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

/** The generated module's text, from the schema and operations as they are on disk. */
export async function generateContractTypes(root = REPO_ROOT): Promise<string> {
  // Sorted, as the codegen CLI loads a schema: the output lists types alphabetically.
  const schemaAst = lexicographicSortSchema(buildASTSchema(parse(readFileSync(path.join(root, CONTRACT_SCHEMA), 'utf8'))));
  const operationsDir = path.join(root, CONTRACT_OPERATIONS);
  const documents = readdirSync(operationsDir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => {
      const location = path.join(operationsDir, name);
      return { location, document: parse(readFileSync(location, 'utf8')) };
    });
  // One plugin at a time: concurrent dynamic imports of a shared module graph trip a Jest ESM race.
  const pluginMap: Record<string, unknown> = {};
  for (const name of PLUGINS) pluginMap[name] = await import(`@graphql-codegen/${name}`);
  return codegen({
    filename: path.join(root, CONTRACT_OUTPUT),
    schema: getDocumentNodeFromSchema(schemaAst),
    schemaAst,
    documents,
    config: PLUGIN_CONFIG,
    plugins: PLUGINS.map((name) => ({ [name]: {} })),
    pluginMap: pluginMap as never,
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const output = path.join(REPO_ROOT, CONTRACT_OUTPUT);
  writeFileSync(output, await generateContractTypes());
  process.stdout.write(`wrote ${path.relative(process.cwd(), output)}\n`);
}
