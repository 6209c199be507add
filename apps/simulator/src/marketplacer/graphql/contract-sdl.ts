import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/** The connector's contract schema: the simulator serves exactly what the connector is written against. */
export const CONTRACT_SCHEMA_PATH = 'libs/marketplacer/src/contract/schema.graphql';

/** Reads and parses the contract SDL (relative to the working directory; the Docker image keeps the same path). */
export function readContractSdl(cwd = process.cwd()): DocumentNode {
  return parse(readFileSync(path.resolve(cwd, CONTRACT_SCHEMA_PATH), 'utf8'));
}
