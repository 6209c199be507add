/**
 * Bad requests derived from an OpenAPI document (the connector's /docs-json): for every operation, a
 * plausible request built from the schemas' examples, then that request spoiled one way at a time. A new
 * route is covered by being documented; nobody writes a case for it.
 */

export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Schema> };
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; schema?: Schema; example?: unknown }>;
  security?: unknown[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
}

export interface Operation {
  method: string;
  path: string;
  /** Called by ANYMARKET (x-anymarket-token): its errors are ANYMARKET's, never the admin envelope. */
  anymarket: boolean;
  /** Called by Marketplacer (a signed webhook). */
  webhook: boolean;
  pathParams: Array<{ name: string; example: string }>;
  queryParams: Array<{ name: string; example: string }>;
  /** The media type of the documented body, if any. */
  bodyType: string | null;
  /** A plausible body, from the schema's examples (undefined when the operation documents none). */
  body: unknown;
}

/** One request to send: where, with what, and a name for it in a failure. */
export interface BadRequest {
  operation: Operation;
  what: string;
  path: string;
  contentType?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const MAX_EXAMPLE_DEPTH = 6;

export function operationsOf(doc: OpenApiDoc): Operation[] {
  const resolve = (schema: Schema | undefined): Schema | undefined => (schema?.$ref ? resolve(doc.components.schemas[schema.$ref.split('/').pop()!]) : schema);
  const exampleOf = (given: Schema | undefined, depth = 0): unknown => {
    const schema = resolve(given);
    if (!schema) return 'x';
    if (schema.example !== undefined) return schema.example;
    if (schema.enum?.length) return schema.enum[0];
    if (schema.default !== undefined) return schema.default;
    const variants = schema.allOf ?? [];
    if (variants.length) return Object.assign({}, ...variants.map((part) => exampleOf(part, depth)));
    const alternative = schema.oneOf?.[0] ?? schema.anyOf?.[0];
    if (alternative) return exampleOf(alternative, depth);
    if (schema.type === 'array') return depth >= MAX_EXAMPLE_DEPTH ? [] : [exampleOf(schema.items, depth + 1)];
    if (schema.type === 'object' || schema.properties) {
      if (depth >= MAX_EXAMPLE_DEPTH) return {};
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, exampleOf(property, depth + 1)]));
    }
    if (schema.type === 'integer' || schema.type === 'number') return 1;
    if (schema.type === 'boolean') return true;
    if (schema.format === 'date-time') return '2026-01-31T00:00:00Z';
    if (schema.format === 'date') return '2026-01-31';
    return 'x';
  };
  const parameterExample = (parameter: { example?: unknown; schema?: Schema }): string => {
    const example = parameter.example ?? exampleOf(parameter.schema);
    return encodeURIComponent(typeof example === 'string' ? example : JSON.stringify(example));
  };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => {
      const content = operation.requestBody?.content ?? {};
      const bodyType = Object.keys(content)[0] ?? null;
      const security = JSON.stringify(operation.security ?? []);
      return {
        method: method.toUpperCase(),
        path,
        anymarket: security.includes('x-anymarket-token'),
        webhook: path.startsWith('/webhooks/'),
        pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => ({ name: p.name, example: parameterExample(p) })),
        queryParams: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, example: parameterExample(p) })),
        bodyType,
        body: bodyType ? exampleOf(content[bodyType].schema) : undefined,
      };
    }),
  );
}

/** Every path into a value that a mapper may read: object fields and the first item of arrays, nested. */
export function fieldPathsOf(value: unknown, prefix: Array<string | number> = [], depth = 0): Array<Array<string | number>> {
  if (depth > MAX_EXAMPLE_DEPTH || value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? (value.length ? [[0, value[0]]] : []) : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...prefix, key], ...fieldPathsOf(item, [...prefix, key], depth + 1)]);
}

/** `value` with the field at `path` replaced (or removed, for `undefined`). */
export function withField(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

function wrongTypeOf(value: unknown): unknown {
  if (typeof value === 'string') return 12;
  if (typeof value === 'number') return '12abc';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return { 0: value[0] };
  if (value && typeof value === 'object') return 'an object was expected';
  return ['x'];
}

/** Spoiled values for a field, beyond missing, null and the wrong type; one of them per field, in turn. */
const SPOILED_VALUES: Array<[string, unknown]> = [
  ['NUL', 'a\u0000b'],
  ['lone surrogate', 'a\ud800b'],
  ['huge string', 'x'.repeat(200_000)],
  ['deeply nested', nested(40)],
  ['huge number', 1e308],
  ['negative fraction', -1.5],
  ['huge array', Array.from({ length: 5_000 }, (_, i) => i)],
  ['trailing lone surrogate', 'x\udfff'],
  ['unsafe integer', Number.MAX_SAFE_INTEGER + 2],
];

/** Bodies that are not the documented JSON at all. */
const BROKEN_BODIES: Array<[string, string, string]> = [
  ['malformed JSON', 'application/json', '{"a":'],
  ['JSON with a raw NUL', 'application/json', '{"a":"\u0000"}'],
  ['JSON with an escaped lone surrogate', 'application/json', '{"a":"\\ud800"}'],
  ['JSON key with an escaped NUL', 'application/json', '{"k\\u0000":1}'],
  ['JSON null', 'application/json', 'null'],
  ['JSON array', 'application/json', '[]'],
  ['JSON string', 'application/json', '"text"'],
  ['JSON 10,000 levels deep', 'application/json', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
  ['text/plain', 'text/plain', 'hello'],
  ['form', 'application/x-www-form-urlencoded', 'a=1&a=2&b[c]=3'],
  ['XML', 'application/xml', '<a>1</a>'],
  ['an unknown charset', 'application/json; charset=utf-7', '{}'],
  ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'],
];

/** Path segments and query values that name nothing, or are not text. */
const BAD_SEGMENTS = ['a%00b', '%ED%A0%80', '%FF%FE', 'x'.repeat(3_000), '-1', '1.5', '99999999999999999999999', 'null', '%20', '..%2F..'];
const BAD_QUERY_VALUES = ['a%00b', '%ED%A0%80', '%FF', encodeURIComponent('\u{1F4A5}'.repeat(300)), 'x'.repeat(5_000), '-1', '1e308', '', 'true%27--'];
/** Cursors the connector never handed out: not base64, base64 of nothing it made, over-long. */
const BAD_CURSORS = ['1', 'abcd', 'WzE3MDAwMDAwMDAwMDAsNDJd', 'eyJhIjoxfQ==', 'x'.repeat(600), '%2F%2F%2F%2F'];

/**
 * The bad requests for one operation: each field of its body (nested ones included) missing, null, of
 * the wrong type and spoiled one way (taking the spoiled values in turn, so every kind is sent across the
 * operations); the body replaced by what is not its JSON; each path and query parameter spoiled; and,
 * for cursors, cursors nobody handed out.
 */
export function badRequestsOf(operation: Operation, turn: { next: number }): BadRequest[] {
  const path = (values: Record<string, string> = {}) =>
    operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? operation.pathParams.find((p) => p.name === name)?.example ?? '1');
  const query = (values: Record<string, string> = {}) => {
    const all = { ...Object.fromEntries(operation.queryParams.map((p) => [p.name, p.example])), ...values };
    const text = Object.entries(all)
      .map(([name, value]) => `${name}=${value}`)
      .join('&');
    return text ? `?${text}` : '';
  };
  const requests: BadRequest[] = [];
  const add = (what: string, requestPath: string, body?: unknown, contentType = operation.bodyType ?? 'application/json') =>
    requests.push({
      operation,
      what,
      path: requestPath,
      contentType,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  for (const parameter of operation.pathParams) {
    for (const bad of BAD_SEGMENTS) add(`path ${parameter.name}=${bad.slice(0, 24)}`, `${path({ [parameter.name]: bad })}${query()}`, operation.body);
  }
  for (const parameter of operation.queryParams) {
    const values = /cursor|after|before/i.test(parameter.name) ? [...BAD_QUERY_VALUES, ...BAD_CURSORS] : BAD_QUERY_VALUES;
    for (const bad of values) add(`query ${parameter.name}=${bad.slice(0, 24)}`, `${path()}${query({ [parameter.name]: bad })}`, operation.body);
    add(`query ${parameter.name} twice`, `${path()}${query()}&${parameter.name}=${parameter.example}`, operation.body);
  }
  const target = `${path()}${query()}`;
  add('the documented example', target, operation.body);
  if (!operation.bodyType && (operation.method === 'GET' || operation.method === 'DELETE')) return requests;

  for (const [what, contentType, body] of BROKEN_BODIES) add(`body: ${what}`, target, body, contentType);
  if (operation.bodyType && operation.bodyType !== 'application/json') return requests;
  for (const field of fieldPathsOf(operation.body)) {
    const name = field.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
    const current = field.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], operation.body);
    add(`body${name} missing`, target, withField(operation.body, field, undefined));
    add(`body${name}: null`, target, withField(operation.body, field, null));
    add(`body${name}: wrong type`, target, withField(operation.body, field, wrongTypeOf(current)));
    const [kind, spoiled] = SPOILED_VALUES[turn.next++ % SPOILED_VALUES.length];
    add(`body${name}: ${kind}`, target, withField(operation.body, field, spoiled));
  }
  return requests;
}
