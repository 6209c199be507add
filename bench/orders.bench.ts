import { setTimeout as sleep } from 'node:timers/promises';
import { MARKETPLACE_KEY } from '../apps/connector/src/sync/feeds/marketplace-feed.job.js';
import { anymarketSimulatorConfigShape } from '../apps/simulator/src/anymarket/anymarket-simulator.config.js';
import { callRemote } from '../apps/simulator/src/remote-caller/call-remote.js';
import { REMOTES } from '../apps/simulator/src/remote-caller/remotes.js';
import { adminGet, adminPost, runJob, simulator, type Endpoints, type SyncRun } from './support/connector-setup.js';
import {
  anymarketCalls,
  DEFAULT_INVOICES_INTERVAL_MS,
  firstInvoicesScan,
  ordersCreated,
  SCHEDULER_TICK_CAP_MS,
  sellableVariant,
  startOrdersStack,
  type AnymarketCall,
  type OrdersStack,
} from './support/orders-stack.js';
import { mostInAnyWindow } from './support/busiest-window.js';
import { printSummary } from './support/summary.js';
import { printTable } from './support/table.js';
import { median } from './support/quantile.js';

/**
 * `npm run bench -- orders`: Marketplacer invoices becoming ANYMARKET orders, with the built
 * connector (SQLite, default order settings) and the built simulator as child processes; a fresh
 * pair for each measurement.
 *  1. 5,000 paid invoices of one seller (one control call makes them), then one admin-triggered
 *     invoices poll: orders per second against ANYMARKET's limit per token (the simulator's default,
 *     10/s counted in a sliding second; target ≥ 0.95 of it), ANYMARKET calls per order (target 1), 429s and contract violations
 *     (target 0), from the simulator's call log.
 *  2. The same for ten sellers at once (ten tokens, 500 invoices each): the throughput should grow
 *     with the tokens; its ratio to the one seller's, and how many tokens were served in a second
 *     (the feed records every account's share of a page at once, so the order jobs of different
 *     tokens interleave on the queue).
 *  3. Scheduled polls (SYNC_ENABLED): LATENCY_SAMPLES buyers' paid orders placed at random moments
 *     within one poll cycle, and the time from each to its `POST /orders` reaching ANYMARKET, with
 *     the default SYNC_INVOICES_INTERVAL_MS and with 5 s for contrast; beside them the measured gap
 *     between two scheduled runs.
 */
/** ANYMARKET's 10 requests per second per token, as the simulator enforces them by default. */
const ANYMARKET_LIMIT = anymarketSimulatorConfigShape.simulatorAnymarketRateLimitPerSecond.parse(undefined);
const ONE_SELLER_INVOICES = 5_000;
/** `npm run bench -- quick`: about a minute of one seller's backlog. */
const QUICK_INVOICES = 600;
const RATIO_TARGET = 0.95;
const SELLERS = 10;
const INVOICES_PER_SELLER = 500;
const LATENCY_SAMPLES = 5;
const CONTRAST_INTERVAL_MS = 5_000;
/** The seed makes its last two sellers prospective and offline: 12 online RETAILERs to pick ten from. */
const SEED_SELLERS = 14;

/** A linked seller (an active account with its own token): a variant buyers can order, its stock raised. */
interface LinkedSeller {
  variantId: string;
}

const progress = (message: string) => process.stderr.write(`[orders] ${message}\n`);

function startStack(connectorEnv: Record<string, string>): Promise<OrdersStack> {
  return startOrdersStack('orders', connectorEnv, { SIMULATOR_SEED_SELLERS: String(SEED_SELLERS) });
}

/**
 * Links `count` sellers, each activated as its own ANYMARKET account (its own oi and token, the token
 * registered in the simulated ANYMARKET), as ANYMARKET would: testIntegration, then saveAccount.
 */
async function linkSellers(e: Endpoints, count: number): Promise<LinkedSeller[]> {
  const state = await simulator<{ sellers: Array<{ id: string; legacyId: number; accountType: string; online: boolean; deleted: boolean }> }>(
    e,
    '/_control/marketplacer/state',
  );
  const linked: LinkedSeller[] = [];
  for (const seller of state.sellers.filter((s) => s.accountType === 'RETAILER' && s.online && !s.deleted)) {
    if (linked.length === count) break;
    const variantId = await sellableVariant(e, seller.id);
    if (!variantId) continue;
    const i = linked.length;
    const token = `bench-orders-token-${String(i + 1).padStart(4, '0')}`;
    const oi = `${22449600 + i}.`;
    const idAccount = 500 + i;
    await simulator(e, '/_control/anymarket/tokens', { method: 'POST', body: { token, configuration: { id: idAccount, oi } } });
    const link = await adminPost<{ storeId: string; integrationSecret: string }>(e, '/admin/seller-links', { sellerId: String(seller.legacyId) });
    const credentials = { storeId: link.storeId, password: link.integrationSecret };
    const tested = await callRemote({
      connectorUrl: e.connectorUrl,
      remote: 'testIntegration',
      claims: { oi },
      body: REMOTES.testIntegration.exampleBody(credentials),
    });
    if (tested.body !== true) throw new Error(`testIntegration of seller ${seller.legacyId} answered ${tested.status} ${JSON.stringify(tested.body)}`);
    const saved = await callRemote({
      connectorUrl: e.connectorUrl,
      remote: 'saveAccount',
      claims: { oi },
      body: REMOTES.saveAccount.exampleBody({ ...credentials, accountId: idAccount, sellerToken: token }),
    });
    if (saved.body !== true) throw new Error(`saveAccount of seller ${seller.legacyId} answered ${saved.status} ${JSON.stringify(saved.body)}`);
    await simulator(e, `/_control/marketplacer/variants/${encodeURIComponent(variantId)}`, { method: 'PATCH', body: { countOnHand: 1_000_000 } });
    linked.push({ variantId });
  }
  if (linked.length < count) throw new Error(`only ${linked.length} online sellers with a sellable variant; ${count} wanted`);
  return linked;
}

/** `count` paid buyers' orders, each with one unit of every seller's variant (one invoice per seller); the invoices' legacy ids. */
async function placeOrders(e: Endpoints, sellers: LinkedSeller[], count: number): Promise<number[]> {
  const answer = await simulator<{ orders: Array<{ invoices: Array<{ legacyId: number }> }> }>(e, '/_control/marketplacer/orders', {
    method: 'POST',
    body: { lines: sellers.map((seller) => ({ variantId: seller.variantId, quantity: 1 })), count, paid: true },
  });
  return answer.orders.flatMap((order) => order.invoices.map((invoice) => invoice.legacyId));
}

/** Waits until the connector has no order left pending (its work done or given up). */
async function ordersSettled(e: Endpoints, timeoutMs: number): Promise<void> {
  const started = Date.now();
  let reported = started;
  for (;;) {
    if ((await adminGet<unknown[]>(e, '/admin/orders?state=pending&limit=1')).length === 0) return;
    if (Date.now() - started > timeoutMs) throw new Error(`orders still pending after ${timeoutMs / 1000} s`);
    if (Date.now() - reported >= 30_000) {
      reported = Date.now();
      progress(`orders still pending after ${Math.round((reported - started) / 1000)} s`);
    }
    await sleep(250);
  }
}

interface Throughput {
  row: Record<string, string | number>;
  ordersPerSecond: number;
  calls429: number;
}

/**
 * `sellerCount` sellers, `invoicesPerSeller` paid invoices each, all made before one admin-triggered
 * invoices poll (SYNC_ENABLED=false): the rate is taken over the span of the served `POST /orders`.
 */
async function throughput(sellerCount: number, invoicesPerSeller: number, connectorEnv: Record<string, string> = {}): Promise<Throughput> {
  const stack = await startStack({ SYNC_ENABLED: 'false', ...connectorEnv });
  try {
    const e = stack.endpoints;
    const sellers = await linkSellers(e, sellerCount);
    const invoices = await placeOrders(e, sellers, invoicesPerSeller);
    await simulator(e, '/_control/anymarket/calls', { method: 'DELETE' });
    await simulator(e, '/_control/anymarket/violations', { method: 'DELETE' });
    progress(`${sellerCount} seller(s): ${invoices.length} paid invoices, polling`);
    const started = Date.now();
    await runJob(e, 'invoices');
    // In time even if only one token at a time were served, at half its budget.
    await ordersSettled(e, (invoices.length / (ANYMARKET_LIMIT * 0.5)) * 1000 + 60_000);
    const settledSeconds = (Date.now() - started) / 1000;

    const calls = await anymarketCalls(e);
    const created = ordersCreated(calls);
    const times = [...created.values()].sort((a, b) => a - b);
    const ordersPerSecond = (times.length - 1) / Math.max(0.001, (times[times.length - 1] - times[0]) / 1000);
    const byToken = new Map<string, number[]>();
    for (const call of calls) {
      const tokenTimes = byToken.get(call.tokenHint ?? '') ?? [];
      tokenTimes.push(Date.parse(call.at));
      byToken.set(call.tokenHint ?? '', tokenTimes);
    }
    const busiestSecond = Math.max(...[...byToken.values()].map((tokenTimes) => mostInAnyWindow(tokenTimes, 1000)));
    const { violations } = await simulator<{ violations: unknown[] }>(e, '/_control/anymarket/violations');
    const { orders: held } = await simulator<{ orders: unknown[] }>(e, '/_control/anymarket/orders');
    const inError = await adminGet<unknown[]>(e, '/admin/orders?state=error&limit=500');
    const calls429 = calls.filter((call) => call.status === 429).length;
    // Where each 429 fell: the token's ten calls served before it, as the stand-in counted them.
    calls.forEach((call, i) => {
      if (call.status !== 429) return;
      const before = calls
        .slice(0, i)
        .filter((other) => other.tokenHint === call.tokenHint && other.status !== 429)
        .slice(-10);
      const span = before.length ? Date.parse(call.at) - Date.parse(before[0].at) : 0;
      progress(`429 at ${call.at} ${call.method} ${call.path}: the token's last ${before.length} served calls span ${span} ms before it`);
    });
    return {
      ordersPerSecond,
      calls429,
      row: {
        sellers: sellerCount,
        connector:
          Object.entries(connectorEnv)
            .map(([name, value]) => `${name}=${value}`)
            .join(' ') || 'defaults',
        invoices: invoices.length,
        'orders in ANYMARKET': held.length,
        'orders in error': inError.length,
        'orders/s': ordersPerSecond,
        [`per token / limit (target ≥ ${RATIO_TARGET})`]: ordersPerSecond / sellerCount / ANYMARKET_LIMIT,
        'calls per order (target 1)': calls.length / Math.max(1, created.size),
        '429s (target 0)': calls429,
        'violations (target 0)': violations.length,
        'busiest 1 s of a token': busiestSecond,
        'tokens served per second (median)': median(tokensPerSecond(calls)),
        'poll to last order s': settledSeconds,
      },
    };
  } finally {
    await stack.stop();
  }
}

/**
 * Scheduled polls every `intervalMs`: LATENCY_SAMPLES paid orders placed at random moments within one
 * poll cycle, and the time from each (the control call's answer) to its `POST /orders` reaching ANYMARKET.
 */
async function latency(intervalMs: number): Promise<Record<string, string | number>> {
  const stack = await startStack({ SYNC_ENABLED: 'true', SYNC_INVOICES_INTERVAL_MS: String(intervalMs) });
  try {
    const e = stack.endpoints;
    const sellers = await linkSellers(e, 1);
    const first = await firstInvoicesScan(e);
    progress(`latency with a ${intervalMs / 1000} s poll: ${LATENCY_SAMPLES} orders paid at random moments`);
    const cycleMs = intervalMs + Math.min(intervalMs, SCHEDULER_TICK_CAP_MS);
    const offsets = Array.from({ length: LATENCY_SAMPLES }, () => Math.random() * cycleMs).sort((a, b) => a - b);
    const start = Date.now();
    const paid: Array<{ marketPlaceId: string; at: number }> = [];
    for (const offset of offsets) {
      await sleep(Math.max(0, start + offset - Date.now()));
      const [invoice] = await placeOrders(e, sellers, 1);
      paid.push({ marketPlaceId: String(invoice), at: Date.now() });
    }
    const deadline = Date.now() + 3 * cycleMs + 60_000;
    for (;;) {
      const created = ordersCreated(await anymarketCalls(e));
      if (paid.every((sample) => created.has(sample.marketPlaceId))) {
        const seconds = paid.map((sample) => (created.get(sample.marketPlaceId)! - sample.at) / 1000).sort((a, b) => a - b);
        const runs = await adminGet<SyncRun[]>(e, `/admin/sync/runs?job=invoices&accountKey=${MARKETPLACE_KEY}&limit=50`);
        // From the admin-triggered first scan on (a run sets the next one's time, whoever started it).
        const starts = runs
          .map((run) => Date.parse(run.startedAt))
          .filter((at) => at >= Date.parse(first.startedAt))
          .sort((a, b) => a - b);
        return {
          SYNC_INVOICES_INTERVAL_MS: `${intervalMs}${intervalMs === DEFAULT_INVOICES_INTERVAL_MS ? ' (default)' : ''}`,
          samples: seconds.length,
          'min s': seconds[0],
          'median s': median(seconds),
          'max s': seconds[seconds.length - 1],
          'each s': seconds.map((s) => s.toFixed(1)).join(', '),
          'gap between runs s (median)': median(starts.slice(1).map((at, i) => (at - starts[i]) / 1000)),
        };
      }
      if (Date.now() > deadline)
        throw new Error(`only ${paid.filter((sample) => created.has(sample.marketPlaceId)).length} of ${paid.length} orders reached ANYMARKET in time`);
      await sleep(100);
    }
  } finally {
    await stack.stop();
  }
}

/** For each whole second from the first call to the last, how many tokens had a call in it. */
function tokensPerSecond(calls: AnymarketCall[]): number[] {
  const tokens = new Map<number, Set<string | null>>();
  for (const call of calls) {
    const second = Math.floor(Date.parse(call.at) / 1000);
    tokens.set(second, (tokens.get(second) ?? new Set()).add(call.tokenHint));
  }
  const seconds = [...tokens.keys()];
  const [first, last] = [Math.min(...seconds), Math.max(...seconds)];
  return Array.from({ length: last - first + 1 }, (_, i) => tokens.get(first + i)?.size ?? 0);
}

/** The throughput rows first (printed side by side), then the latency rows. */
export async function run(): Promise<void> {
  const one = await throughput(1, ONE_SELLER_INVOICES);
  const ten = await throughput(SELLERS, INVOICES_PER_SELLER);
  printTable(`Orders: paid invoices to ANYMARKET orders (one admin-triggered poll; ANYMARKET allows ${ANYMARKET_LIMIT} requests/s per token)`, [
    { ...one.row, 'orders/s vs one seller': 1 },
    { ...ten.row, 'orders/s vs one seller': ten.ordersPerSecond / one.ordersPerSecond },
  ]);
  const latencies = [await latency(DEFAULT_INVOICES_INTERVAL_MS), await latency(CONTRAST_INTERVAL_MS)];
  printTable('Orders: from an invoice paid to its order in ANYMARKET (scheduled polls)', latencies);
  printSummary('orders', {
    ratioToLimit: one.ordersPerSecond / ANYMARKET_LIMIT,
    calls429: one.calls429 + ten.calls429,
    ordersPerSecond: one.ordersPerSecond,
    ratioToLimitTenSellers: ten.ordersPerSecond / SELLERS / ANYMARKET_LIMIT,
    tenSellersVsOne: ten.ordersPerSecond / one.ordersPerSecond,
    medianSecondsDefaultPoll: latencies[0]['median s'],
    targets: { ratioToLimit: RATIO_TARGET, calls429: 0, medianSecondsDefaultPoll: 'poll interval (webhooks bring it under 2 s)' },
  });
}

/** The short run `npm run bench -- quick` takes its orders figures from: one seller's backlog of QUICK_INVOICES. */
export async function quick(): Promise<{ ratioToLimit: number; calls429: number }> {
  const one = await throughput(1, QUICK_INVOICES);
  return { ratioToLimit: one.ordersPerSecond / ANYMARKET_LIMIT, calls429: one.calls429 };
}
