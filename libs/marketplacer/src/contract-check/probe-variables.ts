import { Kind, type TypeNode, type VariableDefinitionNode } from 'graphql';
import { operationOf, type ContractDocument } from '../contract/contract-features.js';

/** A moment no change has happened at: a change feed read from it answers nothing. */
export const FAR_FUTURE = '2999-01-01T00:00:00Z';
/** A well-formed global id (base64 of `ContractCheck-0`) that names nothing. */
export const NO_SUCH_ID = Buffer.from('ContractCheck-0').toString('base64');
/** A key or value no record carries. */
export const NO_SUCH_VALUE = 'connector-contract-check';

/** Required input objects of some documents: the smallest harmless value (a filter nothing matches). */
const REQUIRED_INPUTS: Readonly<Record<string, Record<string, unknown>>> = {
  InvoicesWhere: { filters: { createdSince: FAR_FUTURE } },
};

/**
 * Variables that make a read-only document harmless to send (the probe where introspection is
 * refused): one item at most (`first: 1`), ids that name nothing, a change feed read from the far
 * future, nullable variables left out. Null when a required variable has no harmless value (the
 * document is then not checked).
 */
export function harmlessVariables(document: ContractDocument): Record<string, unknown> | null {
  const definitions = operationOf(document.document)?.variableDefinitions ?? [];
  const given = REQUIRED_INPUTS[document.operation] ?? {};
  const variables: Record<string, unknown> = {};
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    const value = name in given ? given[name] : harmlessValue(definition);
    if (value === undefined && definition.type.kind === Kind.NON_NULL_TYPE) return null;
    if (value !== undefined) variables[name] = value;
  }
  return variables;
}

function harmlessValue(definition: VariableDefinitionNode): unknown {
  const name = definition.variable.name.value;
  const required = definition.type.kind === Kind.NON_NULL_TYPE;
  const type = namedType(definition.type);
  if (name === 'first' && type === 'Int') return 1;
  if (type === 'ISO8601DateTime') return required || /since$/i.test(name) ? FAR_FUTURE : undefined;
  if (!required) return undefined;
  const list = listed(definition.type);
  const scalar = type === 'ID' ? NO_SUCH_ID : type === 'String' ? NO_SUCH_VALUE : undefined;
  if (scalar === undefined) return undefined;
  return list ? [scalar] : scalar;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function listed(type: TypeNode): boolean {
  if (type.kind === Kind.LIST_TYPE) return true;
  return type.kind === Kind.NON_NULL_TYPE ? listed(type.type) : false;
}
