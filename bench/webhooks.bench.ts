import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY } from '#marketplacer';
import { MARKETPLACE_KEY } from '../apps/connector/src/sync/feeds/marketplace-feed.job.js';
import { globalId } from '../apps/simulator/src/marketplacer/state/global-id.js';
import { activateAccounts, adminGet, simulator, type Endpoints, type SyncRun } from './support/connector-setup.js';
import { runLoad, type LoadResult, type LoadTarget } from './support/http-load.js';
import { cpuSeconds } from './support/process-cpu.js';
import { type Started } from './support/processes.js';
import {
  anymarketCalls,
  DEFAULT_INVOICES_INTERVAL_MS,
  firstInvoicesScan,
  ordersCreated,
  SCHEDULER_TICK_CAP_MS,
  sellableVariant,
  startOrdersStack,
  type OrdersStack,
} from './support/orders-stack.js';
import { printTable } from './support/table.js';
import { signedDeliveries } from './support/signed-deliveries.js';
import { quantile } from './support/quantile.js';

/**
 * `npm run bench -- webhooks`: the Marketplacer webhook receiver (`POST /webhooks/marketplacer`) of the
 * built connector (demo mode, SQLite, SYNC_ENABLED) with the built simulator as child processes.
 *  1. Latency from an invoice paid in Marketplacer to its `POST /orders` reaching ANYMARKET (the time
 *     in the simulated ANYMARKET's call log), with the simulator delivering its webhooks to the
 *     connector signed with the connector's key and the default SYNC_INVOICES_INTERVAL_MS (the poll is
 *     the slow path): WEBHOOK_SAMPLES buyers' paid orders one at a time, a random pause between them;
 *     median and p99 (target: median < 2 s), split at the moment the simulator had the invoice's
 *     delivery answered. For contrast, webhooks off (poll only) with a short interval, POLL_SAMPLES
 *     orders paid at random moments within one poll cycle, as `npm run bench -- orders` measures it.
 *  2. Receiver throughput on the webhooks stack once the samples are done: closed-loop load of signed
 *     deliveries (a distinct Idempotency-Key and object each, an Invoice nobody owns, so processing is
 *     one Marketplacer read and `ignored`) against `GET /health/live` of the same server in the same
 *     run, then every 2xx-answered delivery looked for among the stored events (`GET /admin/webhooks`).
 */
const WEBHOOK_SAMPLES = 20;
const LATENCY_TARGET_S = 2;
/** How long one webhook sample may take before it counts as not reached (the poll is 15 min away by then). */
const SAMPLE_TIMEOUT_MS = 30_000;
const MAX_PAUSE_MS = 500;
const POLL_SAMPLES = 5;
const POLL_INTERVAL_MS = 5_000;
const LOAD = { connections: 32, seconds: 5, warmupSeconds: 1 };
/** Far above the simulator's invoices: deliveries about objects nobody owns. */
const UNKNOWN_INVOICE_BASE = 900_000_000;
const LOAD_VERTICAL = 'bench-load';

/** One delivery of the simulated Marketplacer (GET /_control/marketplacer/webhooks/deliveries). */
interface Delivery {
  sequence: number;
  entity: string;
  nodeId: string;
  status: string;
  attempts: Array<{ at: string; httpStatus?: number }>;
}

interface WebhooksStatus {
  hmacKeys: number;
  events: Record<string, number>;
  feeds: Array<{ job: string; intervalMs: number; currentIntervalMs: number }>;
}

/** A paid order's invoice: when it was paid (the control call sent) and its order reached ANYMARKET. */
interface Sample {
  legacyId: number;
  paidAt: number;
  orderAt?: number;
}

const progress = (message: string) => process.stderr.write(`[webhooks] ${message}\n`);

const startStack = (connectorEnv: Record<string, string>): Promise<OrdersStack> => startOrdersStack('webhooks', connectorEnv);

/**
 * Activates one ANYMARKET account for the simulator's first online RETAILER (activateAccounts) and
 * answers a published variant with a SKU of its displayable adverts, its stock raised for the orders.
 */
async function linkSeller(e: Endpoints): Promise<string> {
  await activateAccounts(e, [500]);
  const state = await simulator<{ sellers: Array<{ id: string; accountType: string; online: boolean; deleted: boolean }> }>(e, '/_control/marketplacer/state');
  const seller = state.sellers.find((s) => s.accountType === 'RETAILER' && s.online && !s.deleted)!;
  const variantId = await sellableVariant(e, seller.id);
  if (!variantId) throw new Error(`seller ${seller.id} has no sellable variant`);
  await simulator(e, `/_control/marketplacer/variants/${encodeURIComponent(variantId)}`, { method: 'PATCH', body: { countOnHand: 1_000_000 } });
  return variantId;
}

/** One buyer's paid order of one unit: its invoice, and when the control call was sent. */
async function payOne(e: Endpoints, variantId: string): Promise<Sample> {
  const paidAt = Date.now();
  const answer = await simulator<{ orders: Array<{ invoices: Array<{ legacyId: number }> }> }>(e, '/_control/marketplacer/orders', {
    method: 'POST',
    body: { lines: [{ variantId, quantity: 1 }], count: 1, paid: true },
  });
  return { legacyId: answer.orders[0].invoices[0].legacyId, paidAt };
}

/** Waits until every sample's order reached ANYMARKET or `deadline` passed; fills in `orderAt`. */
async function awaitOrders(e: Endpoints, samples: Sample[], deadline: number): Promise<void> {
  for (;;) {
    const created = ordersCreated(await anymarketCalls(e));
    for (const sample of samples) sample.orderAt ??= created.get(String(sample.legacyId));
    if (samples.every((sample) => sample.orderAt !== undefined) || Date.now() > deadline) return;
    await sleep(50);
  }
}

async function invoicesRunsSince(e: Endpoints, since: number): Promise<number> {
  const runs = await adminGet<SyncRun[]>(e, `/admin/sync/runs?job=invoices&accountKey=${MARKETPLACE_KEY}&limit=50`);
  return runs.filter((run) => Date.parse(run.startedAt) > since).length;
}

/** The first 2xx answer the simulator had for a delivery about the invoice. */
function deliveredAt(deliveries: Delivery[], legacyId: number): number | undefined {
  const nodeId = globalId('Invoice', legacyId);
  const times = deliveries
    .filter((delivery) => delivery.entity === 'Invoice' && delivery.nodeId === nodeId)
    .flatMap((delivery) => delivery.attempts.filter((attempt) => attempt.httpStatus !== undefined && attempt.httpStatus < 300))
    .map((attempt) => Date.parse(attempt.at));
  return times.length ? Math.min(...times) : undefined;
}

function latencyRow(mode: string, samples: Sample[], extra: Record<string, string | number>): Record<string, string | number> {
  const seconds = samples.filter((s) => s.orderAt !== undefined).map((s) => (s.orderAt! - s.paidAt) / 1000);
  return {
    mode,
    samples: samples.length,
    'not reached': samples.length - seconds.length,
    'min s': quantile(seconds, 0),
    [`median s (target < ${LATENCY_TARGET_S})`]: quantile(seconds, 0.5),
    'p99 s': quantile(seconds, 0.99),
    'max s': quantile(seconds, 1),
    ...extra,
  };
}

/** Webhooks on, default intervals: WEBHOOK_SAMPLES paid orders one at a time; then the receiver's throughput on the same stack. */
async function withWebhooks(): Promise<{
  latency: Record<string, string | number>;
  throughput: Array<Record<string, string | number>>;
  stored: Record<string, string | number>;
}> {
  const stack = await startStack({ SYNC_ENABLED: 'true' });
  try {
    const e = stack.endpoints;
    const variantId = await linkSeller(e);
    const first = await firstInvoicesScan(e);
    const status = await adminGet<WebhooksStatus>(e, '/admin/webhooks');
    if (status.hmacKeys !== 1) throw new Error(`the connector accepts ${status.hmacKeys} HMAC keys; the demo key alone expected`);
    await simulator(e, '/_control/marketplacer/webhooks', {
      method: 'PUT',
      body: { url: `${e.connectorUrl}/webhooks/marketplacer`, hmacKey: DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY, enabled: true },
    });
    progress(`webhooks on (SYNC_INVOICES_INTERVAL_MS ${DEFAULT_INVOICES_INTERVAL_MS}): ${WEBHOOK_SAMPLES} orders paid one at a time`);
    const samples: Sample[] = [];
    for (let i = 0; i < WEBHOOK_SAMPLES; i += 1) {
      await sleep(Math.random() * MAX_PAUSE_MS);
      const sample = await payOne(e, variantId);
      samples.push(sample);
      await awaitOrders(e, [sample], Date.now() + SAMPLE_TIMEOUT_MS);
    }
    const deliveries = await simulator<Delivery[]>(e, '/_control/marketplacer/webhooks/deliveries?limit=1000');
    const toDelivered = samples.map((s) => deliveredAt(deliveries, s.legacyId)).map((at, i) => (at === undefined ? NaN : (at - samples[i].paidAt) / 1000));
    const afterDelivered = samples.map((s, i) => (s.orderAt === undefined ? NaN : (s.orderAt - s.paidAt) / 1000 - toDelivered[i]));
    const cadence = (await adminGet<WebhooksStatus>(e, '/admin/webhooks')).feeds.find((feed) => feed.job === 'invoices');
    const latency = latencyRow('webhooks on', samples, {
      SYNC_INVOICES_INTERVAL_MS: `${DEFAULT_INVOICES_INTERVAL_MS} (default)`,
      'paid → delivery answered s (median)': quantile(toDelivered.filter(Number.isFinite), 0.5),
      'delivery answered → POST /orders s (median)': quantile(afterDelivered.filter(Number.isFinite), 0.5),
      'invoices polls meanwhile': await invoicesRunsSince(e, Date.parse(first.startedAt)),
      'invoices poll interval now s': cadence ? cadence.currentIntervalMs / 1000 : NaN,
    });
    const { throughput, stored } = await receiverThroughput(stack);
    return { latency, throughput, stored };
  } finally {
    await stack.stop();
  }
}

/** Webhooks off (poll only) every POLL_INTERVAL_MS: POLL_SAMPLES orders paid at random moments within one poll cycle, as orders.bench. */
async function pollOnly(): Promise<Record<string, string | number>> {
  const stack = await startStack({ SYNC_ENABLED: 'true', SYNC_INVOICES_INTERVAL_MS: String(POLL_INTERVAL_MS) });
  try {
    const e = stack.endpoints;
    const variantId = await linkSeller(e);
    const first = await firstInvoicesScan(e);
    progress(`webhooks off, a ${POLL_INTERVAL_MS / 1000} s poll: ${POLL_SAMPLES} orders paid at random moments`);
    const cycleMs = POLL_INTERVAL_MS + Math.min(POLL_INTERVAL_MS, SCHEDULER_TICK_CAP_MS);
    const offsets = Array.from({ length: POLL_SAMPLES }, () => Math.random() * cycleMs).sort((a, b) => a - b);
    const start = Date.now();
    const samples: Sample[] = [];
    for (const offset of offsets) {
      await sleep(Math.max(0, start + offset - Date.now()));
      samples.push(await payOne(e, variantId));
    }
    await awaitOrders(e, samples, Date.now() + 3 * cycleMs + 30_000);
    const { lastSequence } = await simulator<{ lastSequence: number }>(e, '/_control/marketplacer/webhooks');
    return latencyRow('webhooks off (poll only)', samples, {
      SYNC_INVOICES_INTERVAL_MS: String(POLL_INTERVAL_MS),
      'paid → delivery answered s (median)': `none (${lastSequence} deliveries)`,
      'delivery answered → POST /orders s (median)': '-',
      'invoices polls meanwhile': await invoicesRunsSince(e, Date.parse(first.startedAt)),
      'invoices poll interval now s': POLL_INTERVAL_MS / 1000,
    });
  } finally {
    await stack.stop();
  }
}

interface Measured extends LoadResult {
  connectorCpu: number;
}

/** runLoad plus the connector's CPU meanwhile (share of one core, warm-up included). */
async function measure(target: LoadTarget, connector: Started): Promise<Measured> {
  progress(`loading ${target.method ?? 'GET'} ${target.url}`);
  (globalThis as { gc?: () => void }).gc?.();
  const pid = connector.child.pid!;
  const before = { cpu: cpuSeconds(pid), at: performance.now() };
  const result = await runLoad(target, LOAD);
  const after = cpuSeconds(pid);
  const wall = (performance.now() - before.at) / 1000;
  return { ...result, connectorCpu: before.cpu === undefined || after === undefined ? NaN : ((after - before.cpu) / wall) * 100 };
}

function loadRow(endpoint: string, m: Measured, bare: Measured): Record<string, string | number> {
  return {
    endpoint,
    'req/s': m.perSecond,
    'vs /health/live': m.perSecond / bare.perSecond,
    'p50 ms': m.p50Ms,
    'p99 ms': m.p99Ms,
    requests: m.requests,
    'errors (target 0)': m.errors,
    'connector CPU %': m.connectorCpu,
  };
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, count) => total + count, 0);

/** `GET /health/live`, then signed deliveries, on the same connector; then stored vs answered. */
async function receiverThroughput(
  stack: OrdersStack,
): Promise<{ throughput: Array<Record<string, string | number>>; stored: Record<string, string | number> }> {
  const e = stack.endpoints;
  const bare = await measure({ url: `${e.connectorUrl}/health/live` }, stack.connector);
  const before = await adminGet<WebhooksStatus>(e, '/admin/webhooks');
  const sequenceBefore = (await simulator<{ lastSequence: number }>(e, '/_control/marketplacer/webhooks')).lastSequence;
  const hooks = await measure(
    { url: `${e.connectorUrl}/webhooks/marketplacer`, method: 'POST', perRequest: signedDeliveries(UNKNOWN_INVOICE_BASE, LOAD_VERTICAL) },
    stack.connector,
  );
  const after = await adminGet<WebhooksStatus>(e, '/admin/webhooks');
  const sequenceAfter = (await simulator<{ lastSequence: number }>(e, '/_control/marketplacer/webhooks')).lastSequence;
  const statuses = hooks.statuses ?? {};
  const answered = Object.entries(statuses)
    .filter(([status]) => Number(status) >= 200 && Number(status) < 300)
    .reduce((total, [, count]) => total + count, 0);
  const sent = sum(statuses);
  return {
    throughput: [loadRow('GET /health/live', bare, bare), loadRow('POST /webhooks/marketplacer (signed)', hooks, bare)],
    stored: {
      'deliveries sent (warm-up included)': sent,
      'answered 2xx': answered,
      'other answers':
        Object.entries(statuses)
          .filter(([status]) => !(Number(status) >= 200 && Number(status) < 300))
          .map(([status, count]) => `${status === '0' ? 'no answer' : status}: ${count}`)
          .join(', ') || 'none',
      'events stored meanwhile': sum(after.events) - sum(before.events),
      'stored − answered (target 0)': sum(after.events) - sum(before.events) - answered,
      "simulator's own deliveries meanwhile": sequenceAfter - sequenceBefore,
      'waiting to be processed at the end': after.events.received ?? 0,
    },
  };
}

export async function run(): Promise<void> {
  const started = Date.now();
  const hooks = await withWebhooks();
  const poll = await pollOnly();
  printTable(
    `Webhooks: from an invoice paid in Marketplacer to its POST /orders reaching ANYMARKET (SYNC_ENABLED; the default interval poll only ` +
      `with webhooks off is measured by \`npm run bench -- orders\`)`,
    [hooks.latency, poll],
  );
  printTable(
    `Webhooks: receiver throughput vs GET /health/live, same connector, same run (SQLite, ${LOAD.connections} connections, ${LOAD.seconds} s ` +
      `after ${LOAD.warmupSeconds} s warm-up each, ${availableParallelism()} CPUs shared with the simulator and the load generator)`,
    hooks.throughput,
  );
  printTable('Webhooks: every 2xx-answered delivery stored (GET /admin/webhooks event counts before and after the load)', [hooks.stored]);
  progress(`done in ${Math.round((Date.now() - started) / 1000)} s`);
}
