import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { ANYMARKET_TOKEN_HEADER, signAnymarketToken } from '#anymarket';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY } from '#marketplacer';
import { badRequestsOf, operationsOf, type BadRequest, type OpenApiDoc } from './support/bad-inputs.js';
import { ListingsConnector } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

const databases = await availableDatabases();
/** Requests in flight at once: enough to keep the run short on two cores, few enough to stay under the remotes' budgets' spirit. */
const CONCURRENCY = 6;

interface Answer {
  status: number;
  text: string;
}

/** A raw HTTP request (fetch would normalise the path and refuse some of these). */
function send(base: string, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Answer> {
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
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    // The server may answer (413, 401) before it read a large body, and close: the answer is what counts.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Runs `work` over `items`, `limit` at a time. */
async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What is wrong with an answer, if anything: a 5xx, or an error not in the caller's format (ADR 0002). */
function problemOf(request: BadRequest, answer: Answer): string | null {
  if (answer.status >= 500) return `${answer.status} ${answer.text.slice(0, 200)}`;
  if (answer.status < 400) return null;
  const body = json(answer.text) as { error?: { code?: unknown }; code?: unknown } | false | undefined;
  // A path segment that is not percent-encoding fails in Express's router, before any route (and its caller) is known.
  const routed = !request.what.startsWith('path ');
  if (request.operation.anymarket && routed && (body === undefined || (body !== false && (body.error !== undefined || typeof body.code !== 'string'))))
    return `${answer.status} not in ANYMARKET's format ({code, message} or false): ${answer.text.slice(0, 200)}`;
  if (!request.operation.anymarket && typeof (body && body.error?.code) !== 'string')
    return `${answer.status} not in the admin envelope: ${answer.text.slice(0, 200)}`;
  return null;
}

function webhookSignature(body: string | Buffer): string {
  return createHmac('sha256', DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY).update(body).digest('base64');
}

/**
 * Bad input of every kind, derived from /docs-json, over every documented operation, on both databases
 * (ADR 0001, ADR 0014): nothing answers 5xx, every error is in its caller's format, and no log line grows
 * with what a caller sent. A new route is covered by being documented.
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

  it('answers every bad request to every documented operation with a 4xx in its caller’s format, never a 5xx', async () => {
    const doc = (await (await fetch(`${connector.url}/docs-json`)).json()) as OpenApiDoc;
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(80);
    const turn = { next: 0 };
    const requests = operations.flatMap((operation) => badRequestsOf(operation, turn));
    const hit = new Set<string>();
    const failures: string[] = [];

    await inPool(requests, CONCURRENCY, async (request) => {
      const { operation } = request;
      const auth: Record<string, string> = operation.anymarket
        ? { [ANYMARKET_TOKEN_HEADER]: signAnymarketToken({ oi }) }
        : operation.webhook
          ? {}
          : { authorization: connector.admin.Authorization };
      const headers = { ...auth, ...(request.contentType && request.body !== undefined ? { 'content-type': request.contentType } : {}) };
      const answer = await send(connector.url, operation.method, request.path, headers, request.body);
      hit.add(`${operation.method} ${operation.path}`);
      const problem = problemOf(request, answer);
      if (problem) failures.push(`${operation.method} ${operation.path} ${request.what}: ${problem}`);
    });

    // Tokens forged or unusable: refused like any bad token, on every remote.
    for (const operation of operations.filter((o) => o.anymarket)) {
      const target = operation.path.replace(/\{(\w+)\}/g, '1');
      for (const token of [signAnymarketToken({ oi: 'a\u0000b.' }), signAnymarketToken({ oi: '9'.repeat(200) }), 'a.b.c', 'x'.repeat(10_000)]) {
        const answer = await send(connector.url, operation.method, target, { [ANYMARKET_TOKEN_HEADER]: token, 'content-type': 'application/json' }, '{}');
        if (answer.status !== 401) failures.push(`${operation.method} ${operation.path} with an unusable token: ${answer.status} ${answer.text.slice(0, 200)}`);
      }
    }

    expect(operations.filter((operation) => !hit.has(`${operation.method} ${operation.path}`))).toEqual([]);
    expect(requests.length).toBeGreaterThan(2_000);
    expect(failures).toEqual([]);
    const longest = Math.max(
      ...connector
        .rawLogs()
        .split('\n')
        .map((line) => line.length),
    );
    expect(longest).toBeLessThan(8 * 1024);
  }, 240_000);

  it('keeps a signed webhook it cannot use byte for byte and answers 200; refuses an unsigned body over the limit with 413', async () => {
    const deliver = (body: string | Buffer, headers: Record<string, string> = {}) =>
      send(
        connector.url,
        'POST',
        '/webhooks/marketplacer',
        { 'content-type': 'application/json', 'marketplacer-hmac-256': webhookSignature(body), ...headers },
        body,
      );
    const unusable: Array<[string, Buffer, Record<string, string>]> = [
      ['a raw NUL', Buffer.from('{"id":"nul-raw","payload":{"data":{"node":{"__typename":"Advert","id":"QWR2\u0000"}}}}'), {}],
      ['an escaped NUL', Buffer.from('{"id":"nul-escaped\\u0000","payload":{"data":{"node":{"__typename":"Advert","id":"QWR2\\u0000"}}}}'), {}],
      ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0x00, 0x7d]), {}],
      ['a bogus Content-Encoding', Buffer.from('{"id":"bogus-encoding"}'), { 'content-encoding': 'x-bogus' }],
    ];
    for (const [what, body, headers] of unusable) {
      const answer = await deliver(body, { 'idempotency-key': `unusable-${what}`, ...headers });
      expect({ what, status: answer.status }).toEqual({ what, status: 200 });
      const { eventId, state } = JSON.parse(answer.text) as { eventId: number; state: string };
      expect({ what, state }).toEqual({ what, state: 'ignored' });
      const detail = (await (await fetch(`${connector.url}/admin/webhooks/events/${eventId}`, { headers: connector.admin })).json()) as {
        body: string;
        bodyEncoding: 'utf8' | 'base64';
        note: string;
      };
      expect(Buffer.from(detail.body, detail.bodyEncoding).equals(body)).toBe(true);
      expect(detail.note).toEqual(expect.any(String));
    }
    const huge = Buffer.alloc(10 * 1024 * 1024, 'x');
    const unsigned = await send(connector.url, 'POST', '/webhooks/marketplacer', { 'content-type': 'application/json' }, huge);
    expect(unsigned.status).toBe(413);
    expect(JSON.parse(unsigned.text)).toMatchObject({ error: { code: 'WEBHOOK_BODY_TOO_LARGE' } });
    expect((await deliver(huge)).status).toBe(503);
  }, 60_000);
});
