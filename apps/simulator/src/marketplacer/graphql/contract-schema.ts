import { makeExecutableSchema } from '@graphql-tools/schema';
import type { IResolvers } from '@graphql-tools/utils';
import { validateSchema, type DocumentNode, type GraphQLSchema } from 'graphql';
import { readContractSdl } from './contract-sdl.js';
import { marketplacerResolvers } from './resolvers/index.js';
import { checkSchemaDrop, SchemaDropError, withoutFields } from './schema-drop.js';

/**
 * The contract schema without the dropped fields; their resolvers are left out too, so the schema
 * builds (makeExecutableSchema refuses resolvers of fields it does not have). Throws a
 * `SchemaDropError` naming the first bad entry.
 */
export function buildServedSchema(sdl: DocumentNode, drop: readonly string[]): GraphQLSchema {
  checkSchemaDrop(sdl, drop);
  const schema = makeExecutableSchema({ typeDefs: withoutFields(sdl, drop), resolvers: withoutResolvers(marketplacerResolvers, drop) });
  const [invalid] = validateSchema(schema);
  if (invalid) throw new SchemaDropError(drop.join(','), `the schema left would be invalid (${invalid.message})`);
  return schema;
}

function withoutResolvers(resolvers: IResolvers, drop: readonly string[]): IResolvers {
  if (drop.length === 0) return resolvers;
  const pruned: Record<string, unknown> = { ...resolvers };
  for (const entry of drop) {
    const [typeName, fieldName] = entry.split('.');
    const ofType = pruned[typeName] as Record<string, unknown> | undefined;
    if (ofType && typeof ofType === 'object' && fieldName in ofType) {
      const { [fieldName]: _dropped, ...rest } = ofType;
      pruned[typeName] = rest;
    }
  }
  return pruned as IResolvers;
}

/**
 * The schema the simulated Marketplacer serves right now: the contract schema less the dropped fields,
 * which the control API may change at run time (`PUT /_control/marketplacer/schema`).
 */
export class ServedSchema {
  private schema: GraphQLSchema;
  private drop: readonly string[];

  constructor(
    private readonly sdl: DocumentNode,
    private readonly configuredDrop: readonly string[] = [],
  ) {
    this.schema = buildServedSchema(sdl, configuredDrop);
    this.drop = [...configuredDrop];
  }

  static load(drop: readonly string[] = [], cwd = process.cwd()): ServedSchema {
    return new ServedSchema(readContractSdl(cwd), drop);
  }

  get current(): GraphQLSchema {
    return this.schema;
  }

  get dropped(): readonly string[] {
    return this.drop;
  }

  /** Serves the contract schema less `drop` from now on; a bad entry throws `SchemaDropError` and changes nothing. */
  setDropped(drop: readonly string[]): readonly string[] {
    const entries = [...new Set(drop.map((entry) => entry.trim()))];
    if (entries.length === this.drop.length && entries.every((entry, i) => entry === this.drop[i])) return this.drop;
    this.schema = buildServedSchema(this.sdl, entries);
    this.drop = entries;
    return this.drop;
  }

  /** Back to the fields dropped by configuration (SIMULATOR_MARKETPLACER_SCHEMA_DROP). */
  restoreConfigured(): readonly string[] {
    return this.setDropped(this.configuredDrop);
  }
}
