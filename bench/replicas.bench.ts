import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { signAnymarketToken, type SkuMarketplace } from '#anymarket';
import { DEMO_MARKETPLACER_API_KEY } from '#marketplacer';
import { activateAccounts, BENCH_OI, findLeafCategory, remoteGet, simulator, type Endpoints } from './support/connector-setup.js';
import { createFreshDatabase } from './support/fresh-database.js';
import { freePort, startBuilt, type Started } from './support/processes.js';
import { mostInAnyWindow } from './support/busiest-window.js';
import { runLoad } from './support/http-load.js';
import { inParallel } from './support/in-parallel.js';
import { printSummary } from './support/summary.js';
import { printTable } from './support/table.js';

/**
 * `npm run bench -- replicas`: three built connector processes on one Postgres database, the built
 * simulator holding Marketplacer's published limit (LIMIT per WINDOW_MS, the connectors configured
 * with the same budget), and a burst of `listings` sendProduct notices spread over the three. Prints
 * the Marketplacer 429s (target 0), the busiest sliding window against the budget (target ≥ 0.95)
 * and duplicate effects: adverts created twice for one transmission, ANYMARKET PUTs repeated for the
 * same state (target 0). Postgres from BENCH_POSTGRES_URL (default the local trust-auth server); a
 * fresh database is created and dropped. The simulator keeps only its last 500 requests, so the log
 * is read every REQUEST_LOG_POLL_MS while the burst runs and gathered by sequence number.
 */
const CONNECTOR_MAIN = 'dist/apps/connector/src/main.js';
const SIMULATOR_MAIN = 'dist/apps/simulator/src/main.js';
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const REPLICAS = 3;
/** Marketplacer's published limit (ADR 0004): 750 requests per 10 s per API key. */
const LIMIT = 750;
const WINDOW_MS = 10_000;
/** Simple (odd) generated transmissions 70001, 70003, …: one Marketplacer request each, each a listing synced across replicas. */
const LISTINGS = 600;
/**
 * Callers that out-run the budget: admins' live seller searches (`GET /admin/sellers/search`, one
 * Marketplacer read each), SEARCHERS_PER_REPLICA at once on each replica for READ_SECONDS. They cost
 * little CPU, so the shared budget is what limits them; a listing sync costs the connector and the
 * simulator ten times more (2,400 of them reached only 0.21 of 750 per 10 s on this 2-core machine).
 */
const READ_SECONDS = 35;
const SEARCHERS_PER_REPLICA = 24;
/** `npm run bench -- quick`: fewer listings, reads for two windows. */
const QUICK = { listings: 100, readSeconds: 22 };
const SETTLE_TIMEOUT_MS = 300_000;
const REQUEST_LOG_POLL_MS = 1_000;
/** Notices sent at once (not all 600 connections together: the simulator's accept backlog resets them). */
const SENDERS = 32;

interface LoggedRequest {
  seq: number;
  at: string;
  operationName: string;
  httpStatus: number | null;
}

/** The headline figures of a replicas run. */
export interface ReplicasFigures {
  /** The busiest sliding window's requests over the budget. */
  budgetShare: number;
  calls429: number;
}

export async function run(): Promise<void> {
  const figures = await measure(LISTINGS, READ_SECONDS);
  printSummary('replicas', { replicas: REPLICAS, limit: LIMIT, windowMs: WINDOW_MS, ...figures, targets: { budgetShare: 0.95, calls429: 0 } });
}

/** The short run `npm run bench -- quick` takes its replicas figures from. */
export function quick(): Promise<ReplicasFigures> {
  return measure(QUICK.listings, QUICK.readSeconds, false);
}

/** Three replicas on a fresh Postgres: a burst of `listingCount` listings spread over the three, then `readSeconds` of live reads on all three. */
async function measure(listingCount: number, readSeconds: number, print = true): Promise<ReplicasFigures & { adverts: number; puts: number }> {
  const database = await createFreshDatabase('replicas');
  const dataDirs: string[] = [];
  const started: Started[] = [];
  try {
    const simulatorPort = await freePort();
    const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
    started.push(
      await startBuilt(
        SIMULATOR_MAIN,
        {
          SIMULATOR_PORT: String(simulatorPort),
          SIMULATOR_MARKETPLACER_RATE_LIMIT: String(LIMIT),
          SIMULATOR_MARKETPLACER_RATE_WINDOW_MS: String(WINDOW_MS),
          SIMULATOR_ANYMARKET_TRANSMISSIONS: String(2 * listingCount),
          SIMULATOR_ANYMARKET_RATE_LIMIT_PER_SECOND: '100000',
          NODE_ENV: 'production',
        },
        `${simulatorUrl}/health`,
      ),
    );
    const encryptionKey = randomBytes(32).toString('hex');
    const replicas: Endpoints[] = [];
    for (let i = 0; i < REPLICAS; i += 1) {
      const port = await freePort();
      const dataDir = mkdtempSync(join(tmpdir(), 'bench-replicas-'));
      dataDirs.push(dataDir);
      const connectorUrl = `http://127.0.0.1:${port}`;
      started.push(
        await startBuilt(
          CONNECTOR_MAIN,
          {
            PORT: String(port),
            SIMULATOR_URL: simulatorUrl,
            DATABASE_URL: database.url,
            DATA_DIR: dataDir,
            ADMIN_TOKEN,
            ENCRYPTION_KEY: encryptionKey,
            NODE_ENV: 'production',
            SYNC_ENABLED: 'false',
            MARKETPLACER_RATE_LIMIT: String(LIMIT),
            MARKETPLACER_RATE_WINDOW_MS: String(WINDOW_MS),
            MARKETPLACER_RATE_MAX_WAIT_MS: String(SETTLE_TIMEOUT_MS),
            ANYMARKET_RATE_LIMIT_PER_SECOND: '1000',
          },
          `${connectorUrl}/health`,
        ),
      );
      replicas.push({ connectorUrl, simulatorUrl, adminToken: ADMIN_TOKEN });
    }
    const first = replicas[0];
    await activateAccounts(first, [1]);
    const ids = await prepareTransmissions(first, listingCount);

    const listingsBurst = await burst(first, async () => {
      await inParallel(ids, SENDERS, (id, i) => sendProduct(replicas[i % REPLICAS], id));
      return settled(database.url, 'listing', ids.length, ['synced', 'error'], ['synced']);
    });
    const readsBurst = await burst(first, async () => {
      const loads = await Promise.all(
        replicas.map((replica) =>
          runLoad(
            { url: `${replica.connectorUrl}/admin/sellers/search?limit=1`, headers: { Authorization: `Bearer ${replica.adminToken}` }, expectStatus: 200 },
            { connections: SEARCHERS_PER_REPLICA, seconds: readSeconds, warmupSeconds: 0 },
          ),
        ),
      );
      const answered = loads.reduce((sum, load) => sum + (load.statuses?.[200] ?? 0), 0);
      const all = loads.reduce((sum, load) => sum + Object.values(load.statuses ?? {}).reduce((a, b) => a + b, 0), 0);
      return { done: answered, failed: all - answered };
    });
    // The duplicate checks below read Marketplacer too: lift the limit so they cannot disturb the counts above.
    await simulator(first, '/_control/marketplacer/rate-limit', { method: 'PUT', body: { limit: 1_000_000, windowMs: WINDOW_MS } });
    const duplicates = await duplicateEffects(first, ids);

    const figures = {
      budgetShare: readsBurst.budgetShare,
      calls429: listingsBurst.calls429 + readsBurst.calls429,
      adverts: duplicates.adverts,
      puts: duplicates.puts,
    };
    if (print) {
      printTable(`Replicas: ${REPLICAS} connector processes on one Postgres, Marketplacer budget ${LIMIT} per ${WINDOW_MS / 1000} s`, [
        {
          burst: `${ids.length} listings (sendProduct)`,
          ...listingsBurst.row,
          'adverts created twice (target 0)': duplicates.adverts,
          'repeated ANYMARKET PUTs (target 0)': duplicates.puts,
        },
        {
          burst: `${readSeconds} s of seller searches, ${SEARCHERS_PER_REPLICA} at once per replica`,
          ...readsBurst.row,
          'adverts created twice (target 0)': '-',
          'repeated ANYMARKET PUTs (target 0)': '-',
        },
      ]);
    }
    return figures;
  } catch (error) {
    // What the processes said about it (their error lines), before they are stopped.
    for (const child of started) {
      const lines = child
        .output()
        .split('\n')
        .filter((line) => /"level":(50|60)|Error/.test(line));
      if (lines.length) process.stderr.write(`${lines.slice(-20).join('\n')}\n`);
    }
    throw error;
  } finally {
    for (const child of started.reverse()) await child.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    await database.drop();
  }
}

/**
 * Reads the simulator's request log every REQUEST_LOG_POLL_MS (it keeps the last 500) until
 * stopped, and gathers every entry once, by sequence number.
 */
function gatherRequests(e: Endpoints): { stop(): Promise<{ count: number; requests: LoggedRequest[] }> } {
  const bySeq = new Map<number, LoggedRequest>();
  let count = 0;
  let stopped = false;
  const read = async () => {
    const log = await simulator<{ count: number; last: LoggedRequest[] }>(e, '/_control/marketplacer/requests?limit=500');
    count = log.count;
    for (const entry of log.last) bySeq.set(entry.seq, entry);
  };
  // A failed read ends the loop and is thrown by stop(), never left unhandled.
  const loop = (async () => {
    while (!stopped) {
      await read();
      await new Promise((resolve) => setTimeout(resolve, REQUEST_LOG_POLL_MS));
    }
  })();
  loop.catch(() => undefined);
  return {
    stop: async () => {
      stopped = true;
      await loop;
      await read();
      return { count, requests: [...bySeq.values()].sort((a, b) => a.seq - b.seq) };
    },
  };
}

/** Maps the simple generated transmissions to a leaf category and a brand of the simulated Marketplacer, for account 1. */
async function prepareTransmissions(e: Endpoints, count: number): Promise<number[]> {
  const brands = await remoteGet<Array<{ codeInMarketplace: string }>>(e, '/brands');
  const leaf = await findLeafCategory(e);
  const ids = Array.from({ length: count }, (_, i) => 70_001 + 2 * i);
  for (const id of ids) {
    const transmission = await simulator<SkuMarketplace>(e, `/_control/anymarket/skumarketplace/${id}`);
    transmission.idAccount = 1;
    transmission.sku.product.category = { ...transmission.sku.product.category!, idInMarketplace: leaf };
    transmission.sku.product.brand = { ...transmission.sku.product.brand!, idInMarketplace: brands[0].codeInMarketplace };
    await simulator(e, `/_control/anymarket/skumarketplace/${id}`, { method: 'PUT', body: transmission });
  }
  return ids;
}

async function sendProduct(e: Endpoints, id: number): Promise<void> {
  const transmission = await simulator<SkuMarketplace>(e, `/_control/anymarket/skumarketplace/${id}`);
  const notice = {
    idSkuMarketplace: id,
    idAccount: 1,
    status: 'UNPUBLISHED',
    onlySync: false,
    idSku: transmission.sku.id,
    idProduct: transmission.sku.product.id,
    skuInMarketplace: transmission.skuInMarketplace,
  };
  const res = await fetch(`${e.connectorUrl}/sendProduct`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-anymarket-token': signAnymarketToken({ oi: BENCH_OI }) },
    body: JSON.stringify(notice),
  });
  if (!res.ok) throw new Error(`sendProduct ${id} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

interface Burst {
  budgetShare: number;
  calls429: number;
  row: Record<string, string | number>;
}

/** Runs `work` with the simulator's request log gathered, and measures the Marketplacer requests it made. */
async function burst(e: Endpoints, work: () => Promise<{ done: number; failed: number }>): Promise<Burst> {
  await simulator(e, '/_control/marketplacer/requests', { method: 'DELETE' });
  const gathered = gatherRequests(e);
  const started = Date.now();
  let outcome: { done: number; failed: number };
  try {
    outcome = await work();
  } finally {
    await gathered.stop().catch(() => undefined);
  }
  const seconds = (Date.now() - started) / 1000;
  const log = await gathered.stop();
  const served = log.requests.filter((entry) => entry.httpStatus !== 429);
  const times = served.map((entry) => Date.parse(entry.at)).sort((a, b) => a - b);
  const spanMs = Math.max(1, times[times.length - 1] - times[0]);
  const busiest = mostInAnyWindow(times, WINDOW_MS);
  const calls429 = log.requests.length - served.length;
  if (log.count > log.requests.length) process.stdout.write(`(the log missed ${log.count - log.requests.length} of ${log.count} requests between two reads)\n`);
  return {
    budgetShare: busiest / LIMIT,
    calls429,
    row: {
      done: outcome.done,
      failed: outcome.failed,
      'Marketplacer requests': log.count,
      'Marketplacer 429s (target 0)': calls429,
      'most in any 10 s': busiest,
      'busiest 10 s / budget (target ≥ 0.95)': busiest / LIMIT,
      'average / budget': (((times.length - 1) / spanMs) * WINDOW_MS) / LIMIT,
      s: seconds,
    },
  };
}

/**
 * Waits until `expected` rows of `table` are all in one of the `final` states, counted in the
 * replicas' database (the admin API pages by 500); `done` counts those in a `good` state.
 */
async function settled(databaseUrl: string, table: string, expected: number, final: string[], good: string[]): Promise<{ done: number; failed: number }> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ state: string; count: string }>(`SELECT state, count(*) FROM ${table} GROUP BY state`);
      const count = (states: string[]) => rows.filter((row) => states.includes(row.state)).reduce((sum, row) => sum + Number(row.count), 0);
      const total = count(rows.map((row) => row.state));
      if (total >= expected && count(final) === total) return { done: count(good), failed: total - count(good) };
      if (Date.now() > deadline) throw new Error(`${table} not settled within ${SETTLE_TIMEOUT_MS} ms: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await client.end();
  }
}

/** Adverts holding a transmission's SKU more than once, and ANYMARKET PUTs that repeat the previous one for the same transmission. */
async function duplicateEffects(e: Endpoints, ids: number[]): Promise<{ adverts: number; puts: number }> {
  const state = await simulator<{ sellers: Array<{ id: string; legacyId: number; accountType: string; online: boolean; deleted: boolean }> }>(
    e,
    '/_control/marketplacer/state',
  );
  // The seller activateAccounts linked: the first online RETAILER.
  const sellers = state.sellers
    .filter((s) => s.accountType === 'RETAILER' && s.online && !s.deleted)
    .map((s) => s.id)
    .slice(0, 1);
  type AdvertsPage = {
    nodes: Array<{ variants: { nodes: Array<{ sku: string | null }> } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
  const advertsPerSku = new Map<string, number>();
  for (let after: string | null = null; ;) {
    const res = await fetch(`${e.simulatorUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'MARKETPLACER-API-KEY': DEMO_MARKETPLACER_API_KEY },
      body: JSON.stringify({
        query:
          'query ($sellers: [ID!], $after: String) { advertsWhere(retailerIds: $sellers, first: 100, after: $after) { nodes { variants(first: 50) { nodes { sku } } } pageInfo { hasNextPage endCursor } } }',
        variables: { sellers, after },
      }),
    });
    const body = (await res.json()) as { data?: { advertsWhere: AdvertsPage }; errors?: unknown };
    if (!body.data) throw new Error(`advertsWhere failed: ${JSON.stringify(body.errors)}`);
    for (const advert of body.data.advertsWhere.nodes) {
      for (const sku of new Set(advert.variants.nodes.map((v) => v.sku).filter((s): s is string => !!s?.startsWith('DEMO-')))) {
        advertsPerSku.set(sku, (advertsPerSku.get(sku) ?? 0) + 1);
      }
    }
    if (!body.data.advertsWhere.pageInfo.hasNextPage) break;
    after = body.data.advertsWhere.pageInfo.endCursor;
  }
  const adverts = [...advertsPerSku.values()].filter((count) => count > 1).length;

  const { calls } = await simulator<{ calls: Array<{ method: string; path: string; body: unknown }> }>(e, '/_control/anymarket/calls');
  let puts = 0;
  for (const id of ids) {
    const bodies = calls.filter((call) => call.method === 'PUT' && call.path.endsWith(`/skumarketplace/${id}`)).map((call) => JSON.stringify(call.body));
    puts += bodies.filter((body, i) => i > 0 && body === bodies[i - 1]).length;
  }
  return { adverts, puts };
}
