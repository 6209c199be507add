import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/**
 * Marketplacer prints times with second precision and an offset (graphql-ruby's ISO8601DateTime);
 * the simulator stores epoch milliseconds and prints UTC.
 */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function parseDateTimeText(value: unknown, scalar: string): number {
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(ms)) return ms;
  }
  throw new GraphQLError(`Could not coerce value ${JSON.stringify(value)} to ${scalar}`);
}

function literal(ast: ValueNode): unknown {
  return ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : undefined;
}

/** Input: ISO 8601 text -> epoch ms. Output: epoch ms (or text) -> ISO 8601 text. */
export const ISO8601DateTime = new GraphQLScalarType({
  name: 'ISO8601DateTime',
  serialize: (value) => (typeof value === 'number' ? formatDateTime(value) : String(value)),
  parseValue: (value) => parseDateTimeText(value, 'ISO8601DateTime'),
  parseLiteral: (ast) => parseDateTimeText(literal(ast), 'ISO8601DateTime'),
});

/** Accepts a date or, as the docs' own shipmentCreate example does, a full datetime; gives epoch ms. */
export const ISO8601Date = new GraphQLScalarType({
  name: 'ISO8601Date',
  serialize: (value) => (typeof value === 'number' ? new Date(value).toISOString().slice(0, 10) : String(value)),
  parseValue: (value) => parseDateTimeText(value, 'ISO8601Date'),
  parseLiteral: (ast) => parseDateTimeText(literal(ast), 'ISO8601Date'),
});

function parseDecimal(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return value.trim();
  throw new GraphQLError(`Could not coerce value ${JSON.stringify(value)} to Decimal`);
}

/** A decimal number carried as a JSON string ("19.9"). */
export const Decimal = new GraphQLScalarType({
  name: 'Decimal',
  serialize: (value) => String(value),
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(literal(ast)),
});

function jsonLiteral(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, jsonLiteral(field.value)]));
    case Kind.LIST:
      return ast.values.map(jsonLiteral);
    default:
      return null;
  }
}

export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: jsonLiteral,
});
