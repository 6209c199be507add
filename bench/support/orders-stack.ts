import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SIMULATED_ANYMARKET_API_PATH } from '#anymarket';
import { DEMO_MARKETPLACER_API_KEY } from '#marketplacer';
import { ordersConfigShape } from '../../apps/connector/src/orders/orders.config.js';
import { runJob, simulator, type Endpoints, type SyncRun } from './connector-setup.js';
import { freePort, startBuilt, stopWithin, type Started } from './processes.js';

/** What the orders, webhooks and fairness benchmarks share: a built connector and its simulated remote systems, and reading orders off ANYMARKET's log. */
const CONNECTOR_MAIN = 'dist/apps/connector/src/main.js';
const SIMULATOR_MAIN = 'dist/apps/simulator/src/main.js';
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
export const DEFAULT_INVOICES_INTERVAL_MS = ordersConfigShape.syncInvoicesIntervalMs.parse(undefined);
/**
 * INFERRED from sync.scheduler.ts (not exported there): due runs are looked for every min(interval,
 * 10 s), and a run is due `interval` after the previous one ended, so one poll cycle lasts up to
 * interval + that tick.
 */
export const SCHEDULER_TICK_CAP_MS = 10_000;

export interface OrdersStack {
  endpoints: Endpoints;
  connector: Started;
  stop(): Promise<void>;
}

/** One call of the simulated ANYMARKET's log (GET /_control/anymarket/calls). */
export interface AnymarketCall {
  at: string;
  method: string;
  path: string;
  tokenHint: string | null;
  body: unknown;
  status?: number;
}

/**
 * A fresh connector (SQLite in a temporary folder) and its two remote systems, built, as child processes:
 * Marketplacer's stand-in (no seeded invoices; `simulatorEnv`) at SIMULATOR_URL, and ANYMARKET's in a simulator
 * process of its own (ANYMARKET_API_URL). They are two systems: with both halves in one process, serving a
 * 500-invoice Operator API page held its event loop for 45-66 ms, and the ANYMARKET calls that arrived meanwhile
 * were counted by its rate limiter when the page was done, bunched, which the real ANYMARKET never sees (the full
 * orders benchmark met a 429 one window after such a page; docs/benchmarks.md).
 */
export async function startOrdersStack(name: string, connectorEnv: Record<string, string>, simulatorEnv: Record<string, string> = {}): Promise<OrdersStack> {
  const progress = (message: string) => process.stderr.write(`[${name}] ${message}\n`);
  const [simulatorPort, anymarketPort, connectorPort] = [await freePort(), await freePort(), await freePort()];
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  const anymarketSimulatorUrl = `http://127.0.0.1:${anymarketPort}`;
  const connectorUrl = `http://127.0.0.1:${connectorPort}`;
  const dataDir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  const started: Started[] = [];
  const stop = async () => {
    for (const child of started.reverse()) await stopWithin(child, progress);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const anymarketApi = `${anymarketSimulatorUrl}${SIMULATED_ANYMARKET_API_PATH}`;
  try {
    started.push(
      await startBuilt(
        SIMULATOR_MAIN,
        { SIMULATOR_PORT: String(simulatorPort), SIMULATOR_SEED_INVOICES: '0', NODE_ENV: 'production', ...simulatorEnv },
        `${simulatorUrl}/health`,
      ),
    );
    started.push(
      await startBuilt(
        SIMULATOR_MAIN,
        // The same settings; only its ANYMARKET half is called, so its Marketplacer half is seeded as small as it goes.
        {
          NODE_ENV: 'production',
          ...simulatorEnv,
          SIMULATOR_PORT: String(anymarketPort),
          SIMULATOR_SEED_SELLERS: '3',
          SIMULATOR_SEED_ADVERTS: '0',
          SIMULATOR_SEED_INVOICES: '0',
        },
        `${anymarketSimulatorUrl}/health`,
      ),
    );
    started.push(
      await startBuilt(
        CONNECTOR_MAIN,
        {
          PORT: String(connectorPort),
          SIMULATOR_URL: simulatorUrl,
          ANYMARKET_API_URL: anymarketApi,
          ANYMARKET_SANDBOX_API_URL: anymarketApi,
          DATA_DIR: dataDir,
          ADMIN_TOKEN,
          NODE_ENV: 'production',
          ...connectorEnv,
        },
        `${connectorUrl}/health`,
      ),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoints: { connectorUrl, simulatorUrl, anymarketSimulatorUrl, adminToken: ADMIN_TOKEN }, connector: started[2], stop };
}

/** The first published variant with a SKU of the seller's displayable adverts, read over GraphQL. */
export async function sellableVariant(e: Endpoints, sellerId: string): Promise<string | undefined> {
  const res = await fetch(`${e.simulatorUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'MARKETPLACER-API-KEY': DEMO_MARKETPLACER_API_KEY },
    body: JSON.stringify({
      query:
        'query ($ids: [ID!]) { advertsWhere(retailerIds: $ids, first: 100) { nodes { published vetted variants(first: 50) { nodes { id sku published } } } } }',
      variables: { ids: [sellerId] },
    }),
  });
  type Advert = {
    published: boolean | null;
    vetted: boolean | null;
    variants: { nodes: Array<{ id: string; sku: string | null; published: boolean | null }> };
  };
  const body = (await res.json()) as { data?: { advertsWhere: { nodes: Advert[] } }; errors?: unknown };
  if (!body.data) throw new Error(`advertsWhere failed: ${JSON.stringify(body.errors)}`);
  return body.data.advertsWhere.nodes
    .filter((advert) => advert.published !== false && advert.vetted !== false)
    .flatMap((advert) => advert.variants.nodes)
    .find((variant) => variant.published !== false && variant.sku)?.id;
}

export const anymarketCalls = async (e: Endpoints) => (await simulator<{ calls: AnymarketCall[] }>(e, '/_control/anymarket/calls')).calls;

/** Served `POST /orders` calls (an order made), by their `marketPlaceId`: the time each reached ANYMARKET. */
export function ordersCreated(calls: AnymarketCall[]): Map<string, number> {
  const created = new Map<string, number>();
  for (const call of calls) {
    if (call.method !== 'POST' || !call.path.endsWith('/orders') || call.status === undefined || call.status >= 300) continue;
    const marketPlaceId = (call.body as { marketPlaceId?: unknown } | null)?.marketPlaceId;
    if (typeof marketPlaceId === 'string' && !created.has(marketPlaceId)) created.set(marketPlaceId, Date.parse(call.at));
  }
  return created;
}

/** An admin-triggered invoices run (retried while a scheduled one holds the pair), so samples start after the first scan. */
export async function firstInvoicesScan(e: Endpoints): Promise<SyncRun> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await runJob(e, 'invoices');
    } catch (error) {
      if (attempt >= 20 || !String(error).includes('409')) throw error;
      await sleep(500);
    }
  }
}
