import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { signAnymarketToken, type SkuMarketplace } from '#anymarket';
import { DEMO_MARKETPLACER_API_KEY } from '#marketplacer';
import { activateAccounts, BENCH_OI, findLeafCategory, remoteGet, simulator, type Endpoints } from './support/connector-setup.js';
import { freePort, startBuilt, type Started } from './support/processes.js';
import { printTable } from './support/table.js';

/**
 * `npm run bench -- replicas`: three built connector processes on one Postgres database, the built
 * simulator's Marketplacer limit lowered to LIMIT per WINDOW_MS (the connectors configured with the
 * same budget), and a burst of LISTINGS sendProduct notices spread over the three. Prints the
 * Marketplacer 429s (target 0), the throughput against the budget (target ≥ 0.9) and duplicate
 * effects: adverts created twice for one transmission, ANYMARKET PUTs repeated for the same state
 * (target 0). Postgres from BENCH_POSTGRES_URL (default the local trust-auth server); a fresh
 * database is created and dropped.
 */
const CONNECTOR_MAIN = 'dist/apps/connector/src/main.js';
const SIMULATOR_MAIN = 'dist/apps/simulator/src/main.js';
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REPLICAS = 3;
const LIMIT = 100;
const WINDOW_MS = 10_000;
/** Simple (odd) generated transmissions 70001, 70003, …: enough work for several windows. */
const LISTINGS = 250;
const SETTLE_TIMEOUT_MS = 300_000;

interface LoggedRequest {
  at: string;
  operationName: string;
  httpStatus: number | null;
}

export async function run(): Promise<void> {
  const database = await createDatabase();
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
          SIMULATOR_ANYMARKET_TRANSMISSIONS: String(2 * LISTINGS),
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
    const ids = await prepareTransmissions(first);

    await simulator(first, '/_control/marketplacer/requests', { method: 'DELETE' });
    const burstStarted = Date.now();
    await Promise.all(ids.map((id, i) => sendProduct(replicas[i % REPLICAS], id)));
    const listings = await settled(first, ids.length);
    const burstMs = Date.now() - burstStarted;

    const log = await simulator<{ count: number; last: LoggedRequest[] }>(first, '/_control/marketplacer/requests?limit=1000');
    // The duplicate checks below read Marketplacer too: lift the limit so they cannot disturb the counts above.
    await simulator(first, '/_control/marketplacer/rate-limit', { method: 'PUT', body: { limit: 1_000_000, windowMs: WINDOW_MS } });
    const duplicates = await duplicateEffects(first, ids);

    const times = log.last.map((entry) => Date.parse(entry.at)).sort((a, b) => a - b);
    const spanMs = Math.max(1, times[times.length - 1] - times[0]);
    const perWindow = ((log.count - 1) / spanMs) * WINDOW_MS;
    printTable(`Replicas: ${REPLICAS} connector processes on one Postgres, Marketplacer budget ${LIMIT} per ${WINDOW_MS / 1000} s, ${ids.length} listings`, [
      {
        'listings synced': listings.synced,
        'listings in error': listings.error,
        'Marketplacer requests': log.count,
        'Marketplacer 429s (target 0)': log.last.filter((entry) => entry.httpStatus === 429).length,
        'most in any 10 s': mostInAnyWindow(times, WINDOW_MS),
        'busiest 10 s / budget (target 0.9 to 1)': mostInAnyWindow(times, WINDOW_MS) / LIMIT,
        'average / budget': perWindow / LIMIT,
        'burst s': burstMs / 1000,
        'adverts created twice (target 0)': duplicates.adverts,
        'repeated ANYMARKET PUTs (target 0)': duplicates.puts,
      },
    ]);
    if (log.count > log.last.length) process.stdout.write(`(the simulator kept only the last ${log.last.length} of ${log.count} requests)\n`);
  } finally {
    for (const process of started.reverse()) await process.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    await database.drop();
  }
}

async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_replicas_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Maps the simple generated transmissions to a leaf category and a brand of the simulated Marketplacer, for account 1. */
async function prepareTransmissions(e: Endpoints): Promise<number[]> {
  const brands = await remoteGet<Array<{ codeInMarketplace: string }>>(e, '/brands');
  const leaf = await findLeafCategory(e);
  const ids = Array.from({ length: LISTINGS }, (_, i) => 70_001 + 2 * i);
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

/** Waits until every listing is synced or in error. */
async function settled(e: Endpoints, expected: number): Promise<{ synced: number; error: number }> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const res = await fetch(`${e.connectorUrl}/admin/listings?limit=500`, { headers: { Authorization: `Bearer ${e.adminToken}` } });
    const listings = (await res.json()) as Array<{ state: string }>;
    const synced = listings.filter((l) => l.state === 'synced').length;
    const error = listings.filter((l) => l.state === 'error').length;
    if (listings.length >= expected && synced + error === listings.length) return { synced, error };
    if (Date.now() > deadline)
      throw new Error(`listings not settled within ${SETTLE_TIMEOUT_MS} ms: ${synced} synced, ${error} in error of ${listings.length}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
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
  const res = await fetch(`${e.simulatorUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'MARKETPLACER-API-KEY': DEMO_MARKETPLACER_API_KEY },
    body: JSON.stringify({
      query: 'query ($sellers: [ID!]) { advertsWhere(retailerIds: $sellers, first: 500) { nodes { id variants(first: 50) { nodes { sku } } } } }',
      variables: { sellers },
    }),
  });
  const body = (await res.json()) as { data?: { advertsWhere: { nodes: Array<{ variants: { nodes: Array<{ sku: string | null }> } }> } }; errors?: unknown };
  if (!body.data) throw new Error(`advertsWhere failed: ${JSON.stringify(body.errors)}`);
  const advertsPerSku = new Map<string, number>();
  for (const advert of body.data.advertsWhere.nodes) {
    for (const sku of new Set(advert.variants.nodes.map((v) => v.sku).filter((s): s is string => !!s?.startsWith('DEMO-')))) {
      advertsPerSku.set(sku, (advertsPerSku.get(sku) ?? 0) + 1);
    }
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

function mostInAnyWindow(times: number[], windowMs: number): number {
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while (times[end] - times[start] >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
