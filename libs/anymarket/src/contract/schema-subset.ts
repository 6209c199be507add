/**
 * The part of OpenAPI 3.0's schema language that ANYMARKET's order schemas use (marketplace_pt.yaml and
 * remote_pt.yaml): types, `enum`, `minimum`, `minLength`, `format: date-time`, `required`, nested
 * objects and arrays. Hand-written so the simulator needs no schema library.
 *
 * Not modelled, on purpose: `exclusiveMaximum: true` (in OpenAPI 3.0 it only qualifies a `maximum`, and
 * these schemas give none), `format: double/int64` (number ranges JSON cannot exceed here), and
 * `additionalProperties` (never set in these schemas, so extra fields are allowed). No schema is
 * `nullable`, so `null` is refused wherever a type is declared.
 */
export type SchemaNode = StringSchema | NumberSchema | BooleanSchema | ArraySchema | ObjectSchema;

export interface StringSchema {
  type: 'string';
  enum?: readonly string[];
  minLength?: number;
  format?: 'date-time';
}

export interface NumberSchema {
  type: 'number' | 'integer';
  minimum?: number;
}

export interface BooleanSchema {
  type: 'boolean';
}

export interface ArraySchema {
  type: 'array';
  items: SchemaNode;
}

export interface ObjectSchema {
  type: 'object';
  properties: Readonly<Record<string, SchemaNode>>;
  required?: readonly string[];
}

/** One way a request breaks its schema: the field's path (`items[0].amount`, '' for the body) and why. */
export interface SchemaViolation {
  field: string;
  message: string;
}

/** Every violation of `schema` in `value` (absent = undefined passes: `required` is the parent's business). */
export function schemaViolations(schema: SchemaNode, value: unknown, path = ''): SchemaViolation[] {
  if (value === undefined) return [];
  if (!hasType(schema.type, value)) return [violation(path, `deve ser do tipo ${schema.type} (recebido: ${describe(value)})`)];
  switch (schema.type) {
    case 'string':
      return stringViolations(schema, value as string, path);
    case 'number':
    case 'integer':
      return schema.minimum !== undefined && (value as number) < schema.minimum
        ? [violation(path, `deve ser maior ou igual a ${schema.minimum} (recebido: ${String(value)})`)]
        : [];
    case 'boolean':
      return [];
    case 'array':
      return (value as unknown[]).flatMap((item, index) => schemaViolations(schema.items, item, `${path}[${index}]`));
    case 'object':
      return objectViolations(schema, value as Record<string, unknown>, path);
  }
}

/**
 * Query parameters arrive as strings: each is read as its declared type (integer and boolean from their
 * text), then checked like a body field. A repeated parameter (an array) is a violation.
 */
export function queryViolations(parameters: Readonly<Record<string, SchemaNode>>, query: Readonly<Record<string, unknown>>): SchemaViolation[] {
  return Object.entries(parameters).flatMap(([name, schema]) => schemaViolations(schema, queryValue(schema, query[name]), name));
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * RFC 3339 `date-time` (OpenAPI's `format: date-time`): a real calendar date and time, WITH an offset or
 * `Z`. Lowercase `t`/`z` are refused (stricter than RFC 3339 allows; ANYMARKET's examples are uppercase).
 */
export function isDateTimeWithOffset(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offsetOk = match[8] === 'Z' || (Number(match[9]) <= 23 && Number(match[10]) <= 59);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 60 && offsetOk;
}

function stringViolations(schema: StringSchema, value: string, path: string): SchemaViolation[] {
  if (schema.minLength !== undefined && value.length < schema.minLength) {
    return [violation(path, schema.minLength === 1 ? 'não pode ser vazio' : `deve ter ao menos ${schema.minLength} caracteres`)];
  }
  if (schema.enum && !schema.enum.includes(value)) return [violation(path, `deve ser um dos valores ${schema.enum.join(', ')} (recebido: ${describe(value)})`)];
  if (schema.format === 'date-time' && !isDateTimeWithOffset(value)) {
    return [violation(path, `deve ser uma data-hora ISO 8601 com fuso horário, ex.: 2022-02-07T10:56:42-03:00 (recebido: ${describe(value)})`)];
  }
  return [];
}

function objectViolations(schema: ObjectSchema, value: Record<string, unknown>, path: string): SchemaViolation[] {
  const missing = (schema.required ?? []).filter((name) => value[name] === undefined).map((name) => violation(join(path, name), 'é obrigatório'));
  const nested = Object.entries(schema.properties).flatMap(([name, property]) => schemaViolations(property, value[name], join(path, name)));
  return [...missing, ...nested];
}

function hasType(type: SchemaNode['type'], value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

function queryValue(schema: SchemaNode, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  if (schema.type === 'integer' && /^-?\d+$/.test(raw)) return Number(raw);
  if (schema.type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

function violation(field: string, problem: string): SchemaViolation {
  return { field, message: `${field === '' ? 'O corpo da requisição' : `O campo ${field}`} ${problem}.` };
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'object';
  return String(value);
}
