import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { marketplacerResolvers } from './resolvers/index.js';

/** The connector's contract schema: the simulator serves exactly what the connector is written against. */
export const CONTRACT_SCHEMA_PATH = 'libs/marketplacer/src/contract/schema.graphql';

/** Parses the contract SDL (relative to the working directory; the Docker image keeps the same path) and binds the resolvers. */
export function loadContractSchema(cwd = process.cwd()): GraphQLSchema {
  const typeDefs = readFileSync(path.resolve(cwd, CONTRACT_SCHEMA_PATH), 'utf8');
  return makeExecutableSchema({ typeDefs, resolvers: marketplacerResolvers });
}
