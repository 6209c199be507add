import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { otelSdkLoaded, parseTraceparent, TraceExport } from '#common';
import { availableDatabases, createTestDatabase, eventually, type TestDatabase } from '#common/testing';
import { ListingsSimulator } from './support/listings-simulator.js';
import { http, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';
import { webhookEvents, WebhooksSimulator } from './support/webhooks-simulator.js';

/**
 * Issue 25, one trace per flow: the simulated Marketplacer delivers a Seller webhook with its W3C
 * `traceparent` (as Marketplacer does); the event's processing, queued on the WorkQueue, logs under that
 * trace id, and the re-read it sends Marketplacer carries it. With OTEL_EXPORTER_OTLP_ENDPOINT pointed at
 * a collector (a local HTTP server here), the flow's spans arrive there in that trace; without it,
 * nothing is sent and the OpenTelemetry SDK is never loaded.
 */
const databases = await availableDatabases();
const SLOW = 90_000;
const HMAC_KEY = 'e2e-traces-webhook-key';

/** One span as OTLP/HTTP JSON carries it (ids in hex). */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  status?: { code?: number };
}

interface OtlpExport {
  resourceSpans: Array<{
    resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
    scopeSpans: Array<{ spans: OtlpSpan[] }>;
  }>;
}

/** A local OTLP/HTTP collector: keeps every export it is sent. */
async function startCollector(): Promise<{ url: string; exports: Array<{ path: string; body: OtlpExport }>; spans(): OtlpSpan[]; close(): Promise<void> }> {
  const exports: Array<{ path: string; body: OtlpExport }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      exports.push({ path: req.url ?? '', body: JSON.parse(text) as OtlpExport });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exports,
    spans: () => exports.flatMap((each) => each.body.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans))),
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

interface LoggedRequest {
  operationName: string;
  headers: { traceparent?: string };
}

/** Sets up the simulator, a collector and a connector (with `env`), delivering the simulated webhooks to it. */
function stack(kind: 'sqlite' | 'postgres', env: (collectorUrl: string) => Record<string, string>) {
  const parts = {} as {
    database: TestDatabase;
    simulator: Listening;
    collector: Awaited<ReturnType<typeof startCollector>>;
    connector: ConnectorUnderTest;
    hooks: WebhooksSimulator;
    listings: ListingsSimulator;
  };

  beforeAll(async () => {
    parts.simulator = await startSimulator({ SIMULATOR_SEED_SELLERS: '5', SIMULATOR_SEED_ADVERTS: '10', SIMULATOR_SEED_INVOICES: '0' });
    parts.collector = await startCollector();
    parts.database = await createTestDatabase(kind, tmpdir());
    parts.connector = await startConnector(parts.database.target, parts.simulator.url, {
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      MARKETPLACER_WEBHOOK_HMAC_KEYS: HMAC_KEY,
      ...env(parts.collector.url),
    });
    parts.hooks = new WebhooksSimulator(parts.simulator.url);
    parts.listings = new ListingsSimulator(parts.simulator.url);
    await parts.hooks.configure({ url: `${parts.connector.url}/webhooks/marketplacer`, hmacKey: HMAC_KEY, enabled: true });
  }, SLOW);

  afterAll(async () => {
    await parts.hooks?.configure({ url: null });
    await parts.connector?.close();
    await parts.simulator?.close();
    await parts.collector?.close();
    await parts.database?.drop();
  });

  /** Takes a seller offline in Marketplacer: its Seller webhook is delivered, then processed. Answers the delivery's trace and the event. */
  async function sellerWebhookProcessed(): Promise<{ traceId: string; deliveryParent: string; eventId: number; sellerId: string }> {
    const { hooks, listings, connector } = parts;
    const [seller] = await listings.sellersWithoutVetting();
    const after = (await hooks.status()).lastSequence;
    await listings.editSeller(seller.id, { online: false });
    const delivered = (await hooks.settled()).find((delivery) => delivery.sequence > after && delivery.entity === 'Seller');
    expect(delivered?.status).toBe('sent');
    const caller = parseTraceparent(delivered!.headers.traceparent);
    expect(caller).not.toBeNull();
    const [event] = await eventually(
      () => webhookEvents(connector, `&type=Seller&objectId=${encodeURIComponent(seller.id)}`),
      (found) => found.some((each) => each.sequence === delivered!.sequence && each.state === 'processed'),
      'the Seller event processed',
    );
    return { traceId: caller!.traceId, deliveryParent: caller!.parentId, eventId: event.id, sellerId: seller.id };
  }

  /** The Marketplacer requests the simulator received with that trace id in their `traceparent`. */
  async function marketplacerRequestsOf(traceId: string): Promise<LoggedRequest[]> {
    const log = await http<{ last: LoggedRequest[] }>(`${parts.simulator.url}/_control/marketplacer/requests?limit=500`);
    return log.body.last.filter((request) => parseTraceparent(request.headers.traceparent)?.traceId === traceId);
  }

  return { parts, sellerWebhookProcessed, marketplacerRequestsOf };
}

describe('one trace per flow, no export configured', () => {
  const { parts, sellerWebhookProcessed, marketplacerRequestsOf } = stack('sqlite', () => ({}));

  it(
    "processes a webhook under its delivery's trace id (log lines, the re-read sent to Marketplacer), and exports nothing",
    async () => {
      const { traceId, eventId } = await sellerWebhookProcessed();

      const flowLines = parts.connector.logs.filter((line) => line.traceId === traceId);
      expect(flowLines.map((line) => line.msg)).toEqual(expect.arrayContaining(['request', 'webhook event processed']));
      expect(flowLines.find((line) => line.msg === 'webhook event processed')).toMatchObject({ eventId, spanId: expect.stringMatching(/^[0-9a-f]{16}$/) });
      const [reread] = await marketplacerRequestsOf(traceId);
      expect(reread?.operationName).toBe('SellerById');

      expect(parts.connector.app.get(TraceExport).exportingSpans).toBe(false);
      expect(otelSdkLoaded()).toBe(false);
      await parts.connector.app.get(TraceExport).flush();
      expect(parts.collector.exports).toEqual([]);
    },
    SLOW,
  );
});

describe.each(databases)('one trace per flow, exported over OTLP/HTTP, on %s', (kind) => {
  const { parts, sellerWebhookProcessed, marketplacerRequestsOf } = stack(kind, (collectorUrl) => ({
    OTEL_EXPORTER_OTLP_ENDPOINT: `${collectorUrl}/`,
    OTEL_SERVICE_NAME: 'connector-under-test',
  }));

  it(
    "exports the delivery's flow in Marketplacer's trace: the request, the job, the event's processing and the re-read, each under its parent",
    async () => {
      const { traceId, deliveryParent } = await sellerWebhookProcessed();
      const [reread] = await marketplacerRequestsOf(traceId);
      expect(reread?.operationName).toBe('SellerById');
      expect(otelSdkLoaded()).toBe(true);

      // Flushed on demand (the batch would go within seconds anyway): waiting for a state, not a duration.
      await parts.connector.app.get(TraceExport).flush();
      const spans = await eventually(
        () => Promise.resolve(parts.collector.spans().filter((span) => span.traceId === traceId)),
        (found) => found.some((span) => span.name === 'Marketplacer SellerById'),
        'the flow of the delivery at the collector',
      );
      expect(parts.collector.exports.every((each) => each.path === '/v1/traces')).toBe(true);
      const byName = (name: string) => spans.find((span) => span.name === name);
      const server = byName('POST /webhooks/marketplacer');
      const job = byName('job webhook-events');
      const event = byName('webhook event Seller');
      const client = byName('Marketplacer SellerById');
      // SpanKind in OTLP: 2 server, 3 client, 5 consumer, 1 internal.
      expect(server).toMatchObject({ kind: 2, parentSpanId: deliveryParent });
      expect(job).toMatchObject({ kind: 5, parentSpanId: server!.spanId });
      expect(event).toMatchObject({ kind: 1, parentSpanId: job!.spanId });
      expect(client).toMatchObject({ kind: 3, parentSpanId: event!.spanId });
      // What Marketplacer received names the attempt's span as its parent.
      expect(reread.headers.traceparent).toBe(`00-${traceId}-${client!.spanId}-01`);
      // And the log lines of the event's processing name the same spans.
      const processed = parts.connector.logs.find((line) => line.traceId === traceId && line.msg === 'webhook event processed');
      expect(processed?.spanId).toBe(event!.spanId);

      const resource = parts.collector.exports[0].body.resourceSpans[0].resource.attributes;
      expect(resource).toEqual(
        expect.arrayContaining([
          { key: 'service.name', value: { stringValue: 'connector-under-test' } },
          { key: 'service.version', value: { stringValue: expect.any(String) } },
        ]),
      );
    },
    SLOW,
  );
});
