import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { ANYMARKET_TOKEN_HEADER, signAnymarketToken } from '#anymarket';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { ListingsConnector } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

const databases = await availableDatabases();

/** Values that reach a query, a column or a parser in ways that made the connector answer 500. */
const BAD_STRINGS = ['a\u0000b', '\u0000', 'x'.repeat(5_000), '%FF', "'; DROP TABLE listing; --", '💥'.repeat(300), ' '];
const BAD_VALUES: unknown[] = [
  ...BAD_STRINGS,
  1e308,
  -1e308,
  -1,
  1.5,
  0,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  null,
  [],
  {},
  [1, 'a'],
  { nested: { deeper: 'x' } },
];
const BAD_PATH_SEGMENTS = ['a%00b', '%00', 'x'.repeat(3_000), '-1', '1.5', '99999999999999999999999', '%FF%FE', 'null', '%20'];

function deeplyNested(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

interface Operation {
  method: string;
  path: string;
  anymarket: boolean;
  pathParams: string[];
  queryParams: string[];
  bodyFields: string[];
}

type Schema = { $ref?: string; allOf?: Schema[]; properties?: Record<string, unknown> };

/** Every documented operation, with its parameters and the body fields its schema names. */
function operationsOf(doc: {
  paths: Record<
    string,
    Record<string, { parameters?: Array<{ name: string; in: string }>; security?: unknown[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>
  >;
  components: { schemas: Record<string, Schema> };
}): Operation[] {
  const fieldsOf = (schema: Schema | undefined): string[] => {
    if (!schema) return [];
    if (schema.$ref) return fieldsOf(doc.components.schemas[schema.$ref.split('/').pop()!]);
    return [...Object.keys(schema.properties ?? {}), ...(schema.allOf ?? []).flatMap(fieldsOf)];
  };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      anymarket: JSON.stringify(operation.security ?? []).includes('x-anymarket-token'),
      pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      queryParams: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      bodyFields: [...new Set(fieldsOf(operation.requestBody?.content?.['application/json']?.schema))],
    })),
  );
}

/** A raw HTTP request (fetch would normalise the path and refuse some of these). */
function send(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * Malformed input of every kind the hardening review sent, over every documented route, on both
 * databases: nothing answers 5xx, and no log line grows with what a caller sent.
 */
describe.each(databases)('malformed input on %s', (kind) => {
  let database: TestDatabase;
  let simulatorApp: Listening;
  let connector: ConnectorUnderTest;
  let oi: string;

  beforeAll(async () => {
    simulatorApp = await startSimulator();
    database = await createTestDatabase(kind, tmpdir());
    connector = await startConnector(database.target, simulatorApp.url);
    // A real account, so that the remotes get past "unknown account" and reach their inputs.
    const account = await new ListingsConnector(connector, new ListingsSimulator(simulatorApp.url)).activate('3', '31313131.', 127, 'malformed-input-token');
    oi = account.oi;
  });

  afterAll(async () => {
    await connector?.close();
    await simulatorApp?.close();
    await database?.drop();
  });

  it('answers every malformed request to every documented route with a 4xx, never a 5xx', async () => {
    const doc = (await (await fetch(`${connector.url}/docs-json`)).json()) as Parameters<typeof operationsOf>[0];
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(35);
    const failures: string[] = [];
    let sent = 0;

    for (const operation of operations) {
      const auth: Record<string, string> = operation.anymarket
        ? { [ANYMARKET_TOKEN_HEADER]: signAnymarketToken({ oi }) }
        : { authorization: connector.admin.Authorization };
      const json: Record<string, string> = { ...auth, 'content-type': 'application/json' };
      const path = (values: Record<string, string> = {}) => operation.path.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? '1');
      const attempt = async (what: string, requestPath: string, headers: Record<string, string>, body?: string) => {
        sent += 1;
        const answer = await send(connector.url, operation.method, requestPath, headers, body);
        if (answer.status >= 500) failures.push(`${operation.method} ${operation.path} ${what}: ${answer.status} ${answer.text.slice(0, 200)}`);
      };

      for (const name of operation.pathParams) {
        for (const bad of BAD_PATH_SEGMENTS) await attempt(`path ${name}=${bad.slice(0, 20)}`, path({ [name]: bad }), json, '{}');
      }
      for (const name of operation.queryParams) {
        for (const bad of [...BAD_STRINGS.map(encodeURIComponent), '%00', '%FF'])
          await attempt(`query ${name}=${bad.slice(0, 20)}`, `${path()}?${name}=${bad}`, json);
        await attempt(`query ${name} twice`, `${path()}?${name}=1&${name}=2`, json);
      }
      if (operation.method === 'GET') continue;
      for (const body of ['{}', '[]', 'null', '"text"', '12', '{"a":', deeplyNested(10_000), JSON.stringify({ ['k\u0000']: 1 })]) {
        await attempt(`body ${body.slice(0, 20)}`, path(), json, body);
      }
      await attempt('text/plain body', path(), { ...auth, 'content-type': 'text/plain' }, 'hello');
      for (const field of [...operation.bodyFields, 'storeId', 'password']) {
        for (const bad of BAD_VALUES) await attempt(`body ${field}=${JSON.stringify(bad).slice(0, 20)}`, path(), json, JSON.stringify({ [field]: bad }));
      }
    }

    // Tokens forged or unusable: refused like any bad token, on every remote.
    for (const operation of operations.filter((o) => o.anymarket)) {
      const target = operation.path.replace(/\{(\w+)\}/g, '1');
      for (const token of [signAnymarketToken({ oi: 'a\u0000b.' }), signAnymarketToken({ oi: '9'.repeat(200) }), 'a.b.c', 'x'.repeat(10_000)]) {
        sent += 1;
        const answer = await send(connector.url, operation.method, target, { [ANYMARKET_TOKEN_HEADER]: token, 'content-type': 'application/json' }, '{}');
        if (answer.status !== 401) failures.push(`${operation.method} ${operation.path} with an unusable token: ${answer.status} ${answer.text.slice(0, 200)}`);
      }
    }

    expect(sent).toBeGreaterThan(1_000);
    expect(failures).toEqual([]);
    const longest = Math.max(
      ...connector
        .rawLogs()
        .split('\n')
        .map((line) => line.length),
    );
    expect(longest).toBeLessThan(8 * 1024);
  }, 240_000);
});
