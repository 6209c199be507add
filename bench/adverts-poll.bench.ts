import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { print } from 'graphql';
import { DEMO_MARKETPLACER_API_KEY } from '#marketplacer';
import { AdvertsUpdatedSinceDocument } from '../libs/marketplacer/src/contract/generated/graphql.js';
import { activateAccounts, adminGet, publishOneListing, runJob, simulator, type Endpoints, type SyncRun } from './support/connector-setup.js';
import { samplePeakMiB } from './support/process-memory.js';
import { freePort, startBuilt, type Started } from './support/processes.js';
import { printTable } from './support/table.js';

/**
 * `npm run bench -- adverts-poll`: the Products context's adverts poll, with the built connector
 * (SQLite) and the built simulator as child processes.
 *  1. A full scan of a 10,000- and a 50,000-advert change feed for one account, next to the time
 *     the simulator alone takes to serve the same pages to a bare fetch loop, in the same run;
 *     the connector's peak resident memory during each scan.
 *  2. An idle poll cycle over 1,000 accounts: Marketplacer requests per account, and the cycle's time.
 * Set-up shortcuts (documented, not part of what is measured): the full scan is forced by moving
 * the account's watermark back in the connector's SQLite file, and the 1,000 accounts' listings are
 * copies of one real listing row.
 */
const CONNECTOR_MAIN = 'dist/apps/connector/src/main.js';
const SIMULATOR_MAIN = 'dist/apps/simulator/src/main.js';
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const LONG_AGO = '2000-01-01T00:00:00Z';
const ROUNDS = 2;
const IDLE_ACCOUNTS = 1000;
const IDLE_INTERVAL_MS = 20_000;

interface Stack {
  endpoints: Endpoints;
  simulator: Started;
  connector: Started;
  dataDir: string;
  stop(): Promise<void>;
}

async function startStack(
  seedAdverts: number,
  connectorEnv: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'bench-poll-')),
): Promise<Stack> {
  const [simulatorPort, connectorPort] = [await freePort(), await freePort()];
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  const connectorUrl = `http://127.0.0.1:${connectorPort}`;
  const simulatorProcess = await startBuilt(
    SIMULATOR_MAIN,
    {
      SIMULATOR_PORT: String(simulatorPort),
      SIMULATOR_SEED_ADVERTS: String(seedAdverts),
      SIMULATOR_MARKETPLACER_RATE_LIMIT: '1000000',
      NODE_ENV: 'production',
    },
    `${simulatorUrl}/health`,
  );
  const connectorProcess = await startBuilt(
    CONNECTOR_MAIN,
    {
      PORT: String(connectorPort),
      SIMULATOR_URL: simulatorUrl,
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      NODE_ENV: 'production',
      SYNC_ENABLED: 'false',
      ...connectorEnv,
    },
    `${connectorUrl}/health`,
  ).catch(async (error: unknown) => {
    await simulatorProcess.stop();
    throw error;
  });
  return {
    endpoints: { connectorUrl, simulatorUrl, adminToken: ADMIN_TOKEN },
    simulator: simulatorProcess,
    connector: connectorProcess,
    dataDir,
    stop: async () => {
      await connectorProcess.stop();
      await simulatorProcess.stop();
    },
  };
}

/** The simulator alone: the same change-feed pages, fetched and parsed by a bare loop. */
async function bareFetchScan(simulatorUrl: string, updatedSince: string): Promise<{ seconds: number; adverts: number }> {
  const query = print(AdvertsUpdatedSinceDocument);
  const started = performance.now();
  let after: string | null = null;
  let adverts = 0;
  for (;;) {
    const res = await fetch(`${simulatorUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_MARKETPLACER_API_KEY}` },
      body: JSON.stringify({ query, variables: { updatedSince, first: 500, after } }),
    });
    const body = (await res.json()) as { data: { allAdverts: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
    adverts += body.data.allAdverts.nodes.length;
    if (!body.data.allAdverts.pageInfo.hasNextPage) break;
    after = body.data.allAdverts.pageInfo.endCursor;
  }
  return { seconds: (performance.now() - started) / 1000, adverts };
}

function moveWatermarkBack(dataDir: string, accountKey: string): void {
  const db = new Database(join(dataDir, 'connector.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const changed = db
      .prepare(`UPDATE sync_state SET watermark = ?, cursor = NULL, pending_watermark = NULL WHERE job = 'adverts' AND account_key = ?`)
      .run(LONG_AGO, accountKey);
    if (changed.changes !== 1) throw new Error(`no adverts sync state for account ${accountKey}`);
  } finally {
    db.close();
  }
}

const runSeconds = (run: SyncRun) => (Date.parse(run.finishedAt!) - Date.parse(run.startedAt)) / 1000;

async function fullScan(seedAdverts: number): Promise<Array<Record<string, string | number>>> {
  const stack = await startStack(seedAdverts);
  try {
    const e = stack.endpoints;
    await activateAccounts(e, [1]);
    const { accountId } = await publishOneListing(e, 1);
    const accountKey = String(accountId);
    await runJob(e, 'adverts', accountKey); // creates the pair and its first (small) scan
    const rows: Array<Record<string, string | number>> = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      moveWatermarkBack(stack.dataDir, accountKey);
      global.gc?.();
      const memory = samplePeakMiB(stack.connector.child.pid!);
      const run = await runJob(e, 'adverts', accountKey);
      const peak = memory.stop();
      const bare = await bareFetchScan(e.simulatorUrl, LONG_AGO);
      rows.push({
        catalogue: seedAdverts,
        round,
        "seller's adverts seen": run.itemsSeen,
        pages: run.pages,
        'connector poll s': runSeconds(run),
        'simulator alone s': bare.seconds,
        'ratio (target ≤ 1.3)': runSeconds(run) / bare.seconds,
        'connector peak RSS MiB': peak,
      });
    }
    return rows;
  } finally {
    await stack.stop();
    rmSync(stack.dataDir, { recursive: true, force: true });
  }
}

async function idleCycle(): Promise<Record<string, string | number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-idle-'));
  const accountIds = Array.from({ length: IDLE_ACCOUNTS }, (_, i) => i + 1);
  let stack = await startStack(200, {}, dataDir);
  try {
    const e = stack.endpoints;
    await activateAccounts(e, accountIds);
    const { listingId } = await publishOneListing(e, 1);
    cloneListingForEveryAccount(dataDir, listingId);
    // Restart with the scheduler on: the first cycle scans every account once, the second is idle.
    await stack.connector.stop();
    const simulatorProcess = stack.simulator;
    const restarted = await startBuilt(
      CONNECTOR_MAIN,
      {
        PORT: new URL(e.connectorUrl).port,
        SIMULATOR_URL: e.simulatorUrl,
        DATA_DIR: dataDir,
        ADMIN_TOKEN,
        NODE_ENV: 'production',
        SYNC_ENABLED: 'true',
        SYNC_ADVERTS_INTERVAL_MS: String(IDLE_INTERVAL_MS),
      },
      `${e.connectorUrl}/health`,
    );
    stack = {
      ...stack,
      connector: restarted,
      stop: async () => {
        await restarted.stop();
        await simulatorProcess.stop();
      },
    };
    const first = await waitForRuns(e, IDLE_ACCOUNTS, 300_000);
    const requestsBefore = (await simulator<{ count: number }>(e, '/_control/marketplacer/requests?limit=1')).count;
    const second = await waitForRuns(e, 2 * IDLE_ACCOUNTS, 300_000);
    const requestsAfter = (await simulator<{ count: number }>(e, '/_control/marketplacer/requests?limit=1')).count;
    const cycle = second.slice(IDLE_ACCOUNTS);
    const start = Math.min(...cycle.map((run) => Date.parse(run.startedAt)));
    const end = Math.max(...cycle.map((run) => Date.parse(run.finishedAt!)));
    return {
      accounts: IDLE_ACCOUNTS,
      'first cycle s': (Math.max(...first.map((r) => Date.parse(r.finishedAt!))) - Math.min(...first.map((r) => Date.parse(r.startedAt)))) / 1000,
      'idle cycle s': (end - start) / 1000,
      'MP requests in idle cycle': requestsAfter - requestsBefore,
      'requests per account (target 1)': (requestsAfter - requestsBefore) / IDLE_ACCOUNTS,
      'ANYMARKET calls in idle cycle': cycle.reduce((sum, run) => sum + run.itemsChanged, 0),
    };
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Every account gets a copy of the one real listing (same advert and variant, same reported state). */
function cloneListingForEveryAccount(dataDir: string, listingId: number): void {
  const db = new Database(join(dataDir, 'connector.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const columns = (db.prepare(`PRAGMA table_info(listing)`).all() as Array<{ name: string }>)
      .map((c) => c.name)
      .filter((name) => name !== 'id' && name !== 'account_id' && name !== 'id_account');
    const list = columns.map((c) => `"${c}"`).join(', ');
    db.prepare(
      `INSERT INTO listing (account_id, id_account, ${list})
       SELECT a.id, a.id_account, ${columns.map((c) => `l."${c}"`).join(', ')}
       FROM anymarket_account a, listing l WHERE l.id = ? AND a.id <> l.account_id`,
    ).run(listingId);
  } finally {
    db.close();
  }
}

/** Waits until `count` adverts runs have succeeded; returns them oldest first. */
async function waitForRuns(e: Endpoints, count: number, timeoutMs: number): Promise<SyncRun[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs: SyncRun[] = [];
    let beforeId: number | undefined;
    for (;;) {
      const page = await adminGet<SyncRun[]>(e, `/admin/sync/runs?job=adverts&limit=500${beforeId ? `&beforeId=${beforeId}` : ''}`);
      runs.push(...page);
      if (page.length < 500) break;
      beforeId = page[page.length - 1].id;
    }
    const done = runs.filter((run) => run.outcome === 'succeeded').reverse();
    const failed = runs.filter((run) => run.outcome === 'failed');
    if (failed.length) throw new Error(`${failed.length} adverts runs failed, e.g. ${failed[0].errorCode}: ${failed[0].errorMessage}`);
    if (done.length >= count) return done.slice(0, count);
    if (Date.now() > deadline) throw new Error(`only ${done.length} of ${count} adverts runs within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function run(): Promise<void> {
  const scans = [...(await fullScan(10_000)), ...(await fullScan(50_000))];
  printTable('Adverts poll: full scan of the change feed for one account (connector vs the simulator alone)', scans);
  const peak = (size: number) => Math.max(...scans.filter((row) => row.catalogue === size).map((row) => Number(row['connector peak RSS MiB'])));
  printTable('Connector memory as the catalogue grows', [
    { '10k peak MiB': peak(10_000), '50k peak MiB': peak(50_000), 'ratio 50k/10k (target ≤ 1.2)': peak(50_000) / peak(10_000) },
  ]);
  printTable(`Adverts poll: idle cycle over ${IDLE_ACCOUNTS} accounts (scheduler on, SYNC_CONCURRENCY default)`, [await idleCycle()]);
}
