import { setTimeout as sleep } from 'node:timers/promises';
import { anymarketSimulatorConfigShape } from '../apps/simulator/src/anymarket/anymarket-simulator.config.js';
import { ordersConfigShape } from '../apps/connector/src/orders/orders.config.js';
import { inParallel } from './support/in-parallel.js';
import { adminGet, adminPost, linkSeller, saveAccount, simulator, type Endpoints, type SyncRun } from './support/connector-setup.js';
import { anymarketCalls, ordersCreated, sellableVariant, startOrdersStack, type AnymarketCall } from './support/orders-stack.js';
import { cpuSeconds } from './support/process-cpu.js';
import { median } from './support/quantile.js';
import { printSummary } from './support/summary.js';
import { printTable } from './support/table.js';

/**
 * `npm run bench -- fairness`: 1,000 sellers, each an active account with its own ANYMARKET token,
 * 10 paid invoices each (10,000 orders), then one admin-triggered invoices poll (SYNC_ENABLED=false),
 * with the built connector (SQLite, default order settings) and the built simulator as child processes.
 *
 * The invoices are paid seller by seller (one seller's ten, then the next's), so the feed reads them
 * grouped by seller: the case where a queue served in arrival order finishes the first sellers long
 * before the last. Measured from the simulated ANYMARKET's call log (read every 5 s: it keeps the
 * last 10,000 calls):
 *  - total orders/s, against the sum of the sellers' limits (1,000 × 10/s) and against what the
 *    connector's own concurrency allows (ORDER_CONCURRENCY workers: orders/s per worker, and the ms
 *    one order holds a worker);
 *  - fairness: each seller's last order's time since the poll started; the median and the slowest
 *    seller's, and their ratio (target ≤ 2); beside them the same for each seller's first order (how
 *    long a seller waits for any service behind the others' backlogs);
 *  - ANYMARKET calls per order (target 1) and 429s (target 0).
 */
const SELLERS = 1_000;
const INVOICES_PER_SELLER = 10;
/** Adverts seeded per retailer: enough for each to have a published, vetted variant with a SKU. */
const ADVERTS_PER_SELLER = 5;
const SET_UP_LANES = 8;
const ANYMARKET_LIMIT = anymarketSimulatorConfigShape.simulatorAnymarketRateLimitPerSecond.parse(undefined);
const ORDER_CONCURRENCY = ordersConfigShape.orderConcurrency.parse(undefined);
const TARGET_SLOWEST_TO_MEDIAN = 2;
/**
 * How often the call log is read: each read is the whole log (up to 10,000 calls, megabytes of JSON the
 * simulator serializes while it serves the connector), and 5 s of orders stay well under 10,000 calls.
 */
const LOG_READ_EVERY_MS = 5_000;
/** Reads a busy connector or simulator drops (a reset connection) are made again, this many times in a row at most. */
const DROPPED_READS_TOLERATED = 10;

const progress = (message: string) => process.stderr.write(`[fairness] ${message}\n`);

/** One linked seller: its token's hint in ANYMARKET's log (`…` and its last four characters) and a variant buyers can order. */
interface FairSeller {
  tokenHint: string;
  variantId: string;
}

/**
 * Links SELLERS online retailers with a sellable variant, each as its own ANYMARKET customer (oi) with
 * its own token registered in the simulated ANYMARKET, as ANYMARKET would: testIntegration, then
 * saveAccount. The variant's stock is raised so that every invoice can be paid.
 */
async function linkSellers(e: Endpoints): Promise<FairSeller[]> {
  const state = await simulator<{ sellers: Array<{ id: string; legacyId: number; accountType: string; online: boolean; deleted: boolean }> }>(
    e,
    '/_control/marketplacer/state',
  );
  const candidates = state.sellers.filter((s) => s.accountType === 'RETAILER' && s.online && !s.deleted);
  const withVariant: Array<{ legacyId: number; variantId: string }> = [];
  await inParallel(candidates, SET_UP_LANES, async (seller) => {
    const variantId = await sellableVariant(e, seller.id);
    if (variantId) withVariant.push({ legacyId: seller.legacyId, variantId });
  });
  if (withVariant.length < SELLERS) throw new Error(`only ${withVariant.length} online sellers with a sellable variant; ${SELLERS} wanted`);
  const chosen = withVariant.sort((a, b) => a.legacyId - b.legacyId).slice(0, SELLERS);
  const linked: FairSeller[] = new Array<FairSeller>(chosen.length);
  await inParallel(chosen, SET_UP_LANES, async ({ legacyId, variantId }, i) => {
    // Unique last four characters: the simulator's log names a token by them.
    const token = `bench-fairness-token-${String(i + 1).padStart(4, '0')}`;
    const tenant = { oi: `${23000000 + i}.`, token };
    const idAccount = 1 + i;
    await simulator(e, '/_control/anymarket/tokens', { method: 'POST', body: { token, configuration: { id: idAccount, oi: tenant.oi } } });
    const seller = await linkSeller(e, legacyId, tenant.oi);
    await saveAccount(e, seller, idAccount, tenant);
    await simulator(e, `/_control/marketplacer/variants/${encodeURIComponent(variantId)}`, { method: 'PATCH', body: { countOnHand: 1_000_000 } });
    linked[i] = { tokenHint: `…${token.slice(-4)}`, variantId };
    if ((i + 1) % 200 === 0) progress(`${i + 1} sellers linked`);
  });
  return linked;
}

/** Each seller's INVOICES_PER_SELLER paid invoices, seller after seller (so the feed reads them grouped by seller). */
async function payInvoices(e: Endpoints, sellers: FairSeller[]): Promise<number> {
  let invoices = 0;
  for (const seller of sellers) {
    const answer = await simulator<{ orders: Array<{ invoices: unknown[] }> }>(e, '/_control/marketplacer/orders', {
      method: 'POST',
      body: { lines: [{ variantId: seller.variantId, quantity: 1 }], count: INVOICES_PER_SELLER, paid: true },
    });
    invoices += answer.orders.reduce((sum, order) => sum + order.invoices.length, 0);
  }
  return invoices;
}

/**
 * The simulated ANYMARKET's calls since the poll, gathered from its log (which keeps only the last
 * 10,000): each read's calls are merged with the earlier reads', a call told apart by its time,
 * method, path, token and body, counted as often as one read holds it.
 */
class CallLog {
  private readonly counted = new Map<string, { call: AnymarketCall; count: number }>();

  merge(calls: AnymarketCall[]): void {
    const inThisRead = new Map<string, { call: AnymarketCall; count: number }>();
    for (const call of calls) {
      const key = `${call.at}|${call.method}|${call.path}|${call.tokenHint}|${call.status}|${JSON.stringify(call.body ?? null)}`;
      const seen = inThisRead.get(key) ?? { call, count: 0 };
      seen.count += 1;
      inThisRead.set(key, seen);
    }
    for (const [key, seen] of inThisRead) {
      const before = this.counted.get(key);
      if (!before || before.count < seen.count) this.counted.set(key, seen);
    }
  }

  calls(): AnymarketCall[] {
    return [...this.counted.values()].flatMap(({ call, count }) => Array.from({ length: count }, () => call));
  }
}

/** `read`, made again when the busy connector or simulator drops it (a reset connection). */
async function reading<T>(read: () => Promise<T>): Promise<T> {
  for (let dropped = 0; ;) {
    try {
      return await read();
    } catch (error) {
      if (!String(error).includes('fetch failed') || ++dropped > DROPPED_READS_TOLERATED) throw error;
      progress(`a read failed (${String((error as Error).cause ?? error)}); trying again`);
      await sleep(200);
    }
  }
}

/** Triggers the invoices poll and waits for its run to end, reading the call log meanwhile. */
async function pollInvoices(e: Endpoints, log: CallLog): Promise<SyncRun> {
  const started = await adminPost<SyncRun>(e, '/admin/sync/jobs/invoices/run');
  let logReadAt = Date.now();
  for (;;) {
    await sleep(250);
    if (Date.now() - logReadAt >= LOG_READ_EVERY_MS) {
      log.merge(await reading(() => anymarketCalls(e)));
      logReadAt = Date.now();
    }
    const run = await reading(() => adminGet<SyncRun>(e, `/admin/sync/runs/${started.id}`));
    if (run.outcome === 'running') continue;
    if (run.outcome !== 'succeeded') throw new Error(`run ${run.id} ${run.outcome}: ${run.errorCode} ${run.errorMessage}`);
    log.merge(await reading(() => anymarketCalls(e)));
    return run;
  }
}

/** Reads the call log every LOG_READ_EVERY_MS until the connector has no order pending, and once more then. */
async function settle(e: Endpoints, log: CallLog, orders: number, timeoutMs: number): Promise<void> {
  const started = Date.now();
  let reported = started;
  for (;;) {
    const pending = await reading(() => adminGet<unknown[]>(e, '/admin/orders?state=pending&limit=1'));
    log.merge(await reading(() => anymarketCalls(e)));
    if (pending.length === 0) return;
    if (Date.now() - started > timeoutMs) throw new Error(`orders still pending after ${timeoutMs / 1000} s`);
    if (Date.now() - reported >= 15_000) {
      reported = Date.now();
      progress(`${ordersCreated(log.calls()).size} of ${orders} orders in ANYMARKET after ${Math.round((reported - started) / 1000)} s`);
    }
    await sleep(LOG_READ_EVERY_MS);
  }
}

export async function run(): Promise<void> {
  const stack = await startOrdersStack(
    'fairness',
    { SYNC_ENABLED: 'false', LOG_LEVEL: 'warn' },
    {
      // SELLERS online retailers, one prospective, one offline; the adverts shared evenly by SELLERS + 1 retailers.
      SIMULATOR_SEED_SELLERS: String(SELLERS + 2),
      SIMULATOR_SEED_ADVERTS: String((SELLERS + 1) * ADVERTS_PER_SELLER),
      // The set-up's own reads (a variant per seller) would spend the key's 750 per 10 s; the connector keeps its client-side limit.
      SIMULATOR_MARKETPLACER_RATE_LIMIT: '1000000',
      LOG_LEVEL: 'warn',
    },
  );
  try {
    const e = stack.endpoints;
    const sellers = await linkSellers(e);
    const invoices = await payInvoices(e, sellers);
    progress(`${sellers.length} sellers, ${invoices} paid invoices: polling`);
    await simulator(e, '/_control/anymarket/calls', { method: 'DELETE' });
    await simulator(e, '/_control/anymarket/violations', { method: 'DELETE' });
    const cpuBefore = cpuSeconds(stack.connector.child.pid!) ?? NaN;
    const pollStarted = Date.now();
    const log = new CallLog();
    const pollRun = await pollInvoices(e, log);
    const feedSeconds = (Date.now() - pollStarted) / 1000;
    progress(`feed run done in ${feedSeconds.toFixed(1)} s; ${ordersCreated(log.calls()).size} orders in ANYMARKET so far`);
    // In time even if the orders went one seller's token at a time, at half its limit.
    await settle(e, log, invoices, (invoices / (ANYMARKET_LIMIT * 0.5)) * 1000 + 120_000);
    const cpu = (cpuSeconds(stack.connector.child.pid!) ?? NaN) - cpuBefore;

    const calls = log.calls();
    const created = ordersCreated(calls);
    const lastOfSeller = new Map<string, number>();
    const firstOfSeller = new Map<string, number>();
    for (const call of calls) {
      if (call.method !== 'POST' || !call.path.endsWith('/orders') || call.status === undefined || call.status >= 300) continue;
      const at = Date.parse(call.at);
      const token = call.tokenHint ?? '';
      lastOfSeller.set(token, Math.max(lastOfSeller.get(token) ?? at, at));
      firstOfSeller.set(token, Math.min(firstOfSeller.get(token) ?? at, at));
    }
    /** Per seller, seconds from the poll's start to its first or last order, ascending. */
    const secondsOf = (times: Map<string, number>) =>
      sellers
        .filter((seller) => times.has(seller.tokenHint))
        .map((seller) => (times.get(seller.tokenHint)! - pollStarted) / 1000)
        .sort((a, b) => a - b);
    const sellerSeconds = secondsOf(lastOfSeller);
    const firstSeconds = secondsOf(firstOfSeller);
    const lastOrder = Math.max(...created.values());
    const totalSeconds = (lastOrder - pollStarted) / 1000;
    const ordersPerSecond = created.size / totalSeconds;
    const medianSeller = median(sellerSeconds);
    const slowestSeller = sellerSeconds[sellerSeconds.length - 1];
    const calls429 = calls.filter((call) => call.status === 429).length;
    const { violations } = await simulator<{ violations: unknown[] }>(e, '/_control/anymarket/violations');
    const inError = await adminGet<unknown[]>(e, '/admin/orders?state=error&limit=500');
    const sumOfLimits = SELLERS * ANYMARKET_LIMIT;

    printTable(
      `Fairness: ${SELLERS} sellers × ${INVOICES_PER_SELLER} paid invoices (paid seller by seller), one admin-triggered invoices poll; ANYMARKET allows ${ANYMARKET_LIMIT}/s per token`,
      [
        {
          sellers: SELLERS,
          invoices,
          'orders in ANYMARKET': created.size,
          'orders in error': inError.length,
          'feed run s': feedSeconds,
          'feed pages': pollRun.pages,
          'poll to last order s': totalSeconds,
          'orders/s': ordersPerSecond,
          'vs sum of limits (1,000 × 10/s)': ordersPerSecond / sumOfLimits,
          'ORDER_CONCURRENCY (bounds it)': ORDER_CONCURRENCY,
          'orders/s per worker': ordersPerSecond / ORDER_CONCURRENCY,
          'ms an order holds a worker': (1000 * ORDER_CONCURRENCY) / ordersPerSecond,
          'connector CPU s per 1,000 orders': (cpu / created.size) * 1000,
        },
      ],
    );
    printTable('Fairness: each seller\u2019s last (and first) order, seconds after the poll started', [
      {
        'sellers served': sellerSeconds.length,
        'first seller done s': sellerSeconds[0],
        'p10 s': sellerSeconds[Math.floor(sellerSeconds.length * 0.1)],
        'median seller s': medianSeller,
        'p90 s': sellerSeconds[Math.floor(sellerSeconds.length * 0.9)],
        'slowest seller s': slowestSeller,
        'slowest / median (target ≤ 2)': slowestSeller / medianSeller,
        'first order: median seller s': median(firstSeconds),
        'first order: slowest seller s': firstSeconds[firstSeconds.length - 1],
        'ANYMARKET calls per order (target 1)': calls.length / Math.max(1, created.size),
        '429s (target 0)': calls429,
        'violations (target 0)': violations.length,
      },
    ]);
    printSummary('fairness', {
      sellers: SELLERS,
      orders: created.size,
      ordersPerSecond,
      ratioToSumOfLimits: ordersPerSecond / sumOfLimits,
      orderConcurrency: ORDER_CONCURRENCY,
      medianSellerSeconds: medianSeller,
      slowestSellerSeconds: slowestSeller,
      slowestToMedian: slowestSeller / medianSeller,
      firstOrderMedianSellerSeconds: median(firstSeconds),
      firstOrderSlowestSellerSeconds: firstSeconds[firstSeconds.length - 1],
      callsPerOrder: calls.length / Math.max(1, created.size),
      calls429,
      violations: violations.length,
      targets: { slowestToMedianAtMost: TARGET_SLOWEST_TO_MEDIAN, callsPerOrder: 1, calls429: 0, violations: 0 },
    });
  } catch (error) {
    process.stderr.write(`[fairness] the connector's last output:\n${stack.connector.output().slice(-4_000)}\n`);
    throw error;
  } finally {
    await stack.stop();
  }
}
