import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

/**
 * Checks an answer of our remotes against ANYMARKET's own remote_pt.yaml (the shared copy, read as it
 * is): the response schema its path, method and status document, `$ref`s followed. OpenAPI 3.0's
 * schema dialect is read as JSON Schema: `exclusiveMaximum: true` qualifies `maximum` (and means
 * nothing without it), and `example`/`x-*` are annotations.
 */
type Schema = Record<string, unknown>;
type Spec = { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>> };

const SPEC_FILE = resolve(process.cwd(), '../shared/anymarket/spec/remote_pt.yaml');

/**
 * Where ADR 0011 records that our answers cannot follow the schema as written, and the one keyword each
 * place gives up: nothing else is relaxed. `at` is the path inside components.schemas.
 */
export const RECORDED_DEVIATIONS: ReadonlyArray<{ at: readonly string[]; drop: { keyword: 'minItems' } | { required: string } }> = [
  // A category without advert-level attributes answers [] (the spec asks for at least one).
  { at: ['CategoryAttribute'], drop: { keyword: 'minItems' } },
  // A text attribute answers `values: []` (required, but the spec's examples show text attributes without values).
  { at: ['CategoryAttribute', 'items', 'properties', 'values'], drop: { keyword: 'minItems' } },
  // An EAN nobody knows is left out, never made up.
  { at: ['VinculoSku'], drop: { required: 'ean' } },
];

export interface RemoteAnswer {
  method: 'get' | 'post' | 'put' | 'delete';
  /** The path as remote_pt.yaml writes it, without its query part: `/product/{partnerId}`. */
  path: string;
  status: number;
  body: unknown;
}

export interface CheckOptions {
  /** Without ADR 0011's deviations: the schema exactly as written. */
  asWritten?: boolean;
  /**
   * Every field the schema lists at the top level must be there, even where it requires none (the NF-e
   * remote's 401 documents `{status}` without a `required`, so `{}` would pass otherwise).
   */
  allDocumentedFields?: boolean;
}

/**
 * Every way `answer.body` breaks the schema remote_pt.yaml documents for it ("/title must NOT have
 * fewer than 1 characters"); [] when it conforms.
 */
export function remoteAnswerViolations(answer: RemoteAnswer, options: CheckOptions = {}): string[] {
  const validate = validatorFor(answer, options);
  if (validate(answer.body)) return [];
  return (validate.errors ?? []).map(describe);
}

const validators = new Map<string, ValidateFunction>();
let specs: { asWritten: Spec; withDeviations: Spec } | undefined;

function validatorFor({ method, path, status }: RemoteAnswer, options: CheckOptions): ValidateFunction {
  const key = `${options.asWritten === true} ${options.allDocumentedFields === true} ${method} ${path} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const spec = options.asWritten ? loadSpecs().asWritten : loadSpecs().withDeviations;
    const schema = toJsonSchema(responseSchema(spec, method, path, status), spec) as Schema;
    if (options.allDocumentedFields) schema.required = Object.keys((schema.properties as Schema | undefined) ?? {});
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

function loadSpecs(): { asWritten: Spec; withDeviations: Spec } {
  if (!specs) {
    const asWritten = parse(readFileSync(SPEC_FILE, 'utf8')) as Spec;
    const withDeviations = structuredClone(asWritten);
    const schemas = (withDeviations as unknown as { components: { schemas: Schema } }).components.schemas;
    for (const { at, drop } of RECORDED_DEVIATIONS) {
      const node = at.reduce<Schema>((parent, name) => parent[name] as Schema, schemas);
      if ('keyword' in drop) delete node[drop.keyword];
      else node.required = (node.required as string[]).filter((name) => name !== drop.required);
    }
    specs = { asWritten, withDeviations };
  }
  return specs;
}

function responseSchema(spec: Spec, method: string, path: string, status: number): Schema {
  const key = Object.keys(spec.paths).find((candidate) => candidate.split('?')[0] === path);
  const response = key ? spec.paths[key][method]?.responses?.[String(status)] : undefined;
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`remote_pt.yaml documents no JSON answer for ${method.toUpperCase()} ${path} ${status}`);
  return schema;
}

/** The schema with its `$ref`s inlined and OpenAPI 3.0's boolean exclusive bounds in JSON Schema's form. */
function toJsonSchema(node: unknown, spec: Spec, seen: readonly string[] = []): unknown {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, spec, seen));
  if (node === null || typeof node !== 'object') return node;
  const schema = node as Schema;
  if (typeof schema.$ref === 'string') {
    if (seen.includes(schema.$ref)) throw new Error(`remote_pt.yaml: ${schema.$ref} refers to itself`);
    return toJsonSchema(pointer(spec, schema.$ref), spec, [...seen, schema.$ref]);
  }
  const out: Schema = {};
  for (const [name, value] of Object.entries(schema)) {
    // Under `properties` the names are the body's fields, not keywords.
    out[name] = name === 'properties' ? mapValues(value as Schema, (property) => toJsonSchema(property, spec, seen)) : toJsonSchema(value, spec, seen);
  }
  for (const [exclusive, bound] of [
    ['exclusiveMaximum', 'maximum'],
    ['exclusiveMinimum', 'minimum'],
  ] as const) {
    if (typeof out[exclusive] !== 'boolean') continue;
    if (out[exclusive] && out[bound] !== undefined) {
      out[exclusive] = out[bound];
      delete out[bound];
    } else delete out[exclusive];
  }
  return out;
}

function pointer(spec: Spec, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`remote_pt.yaml: only local references are followed (${ref})`);
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, part) => (node as Schema | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
}

function mapValues(object: Schema, map: (value: unknown) => unknown): Schema {
  return Object.fromEntries(Object.entries(object).map(([name, value]) => [name, map(value)]));
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(body)';
  const extra = error.keyword === 'additionalProperties' || error.keyword === 'enum' ? ` ${JSON.stringify(error.params)}` : '';
  return `${where} ${error.message ?? error.keyword}${extra}`;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
ajv.addVocabulary(['example', 'x-examples', 'x-internal']);
for (const format of ['int32', 'int64', 'float', 'double']) ajv.addFormat(format, true);
ajv.addFormat('date-time', DATE_TIME);
ajv.addFormat('date', DATE);
