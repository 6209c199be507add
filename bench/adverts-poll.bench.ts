import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { print } from 'graphql';
import { DEMO_MARKETPLACER_API_KEY } from '#marketplacer';
import { AdvertsUpdatedSinceDocument } from '../libs/marketplacer/src/contract/generated/graphql.js';
import { MARKETPLACE_KEY } from '../apps/connector/src/sync/feeds/marketplace-feed.job.js';
import { activateAccounts, publishOneListing, runJob, simulator, type Endpoints, type SyncRun } from './support/connector-setup.js';
import { samplePeakMiB } from './support/process-memory.js';
import { freePort, startBuilt, type Started } from './support/processes.js';
import { printSummary } from './support/summary.js';
import { printTable } from './support/table.js';

/**
 * `npm run bench -- adverts-poll`: the Products context's adverts poll (one change feed per
 * marketplace, fanned out to accounts), with the built connector (SQLite) and the built simulator as
 * child processes.
 *  1. A full scan of a 10,000- and a 50,000-advert change feed, next to the time the simulator alone
 *     takes to serve the same pages to a bare fetch loop, in the same run; the connector's peak
 *     resident memory during each scan.
 *  2. Cycles over 1,000 accounts: idle (target: one Marketplacer request in all), and busy (200
 *     adverts of 200 different accounts changed: requests, pages, each changed advert read once,
 *     the ANYMARKET PUTs, the cycle's time); beside them what per-account feeds would read.
 * Set-up shortcuts (documented, not part of what is measured): the full scan is forced by moving
 * the marketplace's watermark back in the connector's SQLite file; the 1,000 accounts' listings are
 * copies of one real listing row, 200 of them moved onto other published adverts of the simulator
 * (whatever their seller: the poll routes a change by the listing on its advert).
 */
const CONNECTOR_MAIN = 'dist/apps/connector/src/main.js';
const SIMULATOR_MAIN = 'dist/apps/simulator/src/main.js';
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const LONG_AGO = '2000-01-01T00:00:00Z';
const ROUNDS = 2;
const IDLE_ACCOUNTS = 1000;
/** Adverts changed in the busy cycle, each owned by a different account. */
const BUSY_CHANGES = 200;

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
  simulatorEnv: Record<string, string> = {},
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
      ...simulatorEnv,
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

function moveWatermarkBack(dataDir: string): void {
  const db = new Database(join(dataDir, 'connector.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const changed = db
      .prepare(`UPDATE sync_state SET watermark = ?, cursor = NULL, pending_watermark = NULL WHERE job = 'adverts' AND account_key = ?`)
      .run(LONG_AGO, MARKETPLACE_KEY);
    if (changed.changes !== 1) throw new Error('no adverts sync state for the marketplace');
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
    await publishOneListing(e, 1);
    await runJob(e, 'adverts'); // creates the job's state and its first (small) scan
    const rows: Array<Record<string, string | number>> = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      moveWatermarkBack(stack.dataDir);
      global.gc?.();
      const memory = samplePeakMiB(stack.connector.child.pid!);
      const run = await runJob(e, 'adverts');
      const peak = memory.stop();
      const bare = await bareFetchScan(e.simulatorUrl, LONG_AGO);
      rows.push({
        catalogue: seedAdverts,
        round,
        'adverts seen': run.itemsSeen,
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

/** Bench-only set-up: `count` listings of distinct accounts moved onto distinct published adverts of the simulator. */
async function spreadListingsOverAdverts(e: Endpoints, dataDir: string, count: number): Promise<string[]> {
  const res = await fetch(`${e.simulatorUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_MARKETPLACER_API_KEY}` },
    body: JSON.stringify({
      query: `{ allAdverts(updatedSince: "${LONG_AGO}", first: 500) { nodes { __typename ... on Advert { id variants(first: 1) { nodes { id } } } } } }`,
    }),
  });
  const body = (await res.json()) as {
    data: { allAdverts: { nodes: Array<{ __typename: string; id?: string; variants?: { nodes: Array<{ id: string }> } }> } };
  };
  const adverts = body.data.allAdverts.nodes.filter((node) => node.__typename === 'Advert' && node.variants?.nodes.length).slice(0, count);
  if (adverts.length < count) throw new Error(`only ${adverts.length} published adverts with variants to spread ${count} listings over`);
  const db = new Database(join(dataDir, 'connector.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const listings = db.prepare(`SELECT id FROM listing ORDER BY id LIMIT ? OFFSET 1`).all(count) as Array<{ id: number }>;
    const move = db.prepare(`UPDATE listing SET advert_id = ?, variant_id = ?, advert_seen_at = NULL WHERE id = ?`);
    db.transaction(() => listings.forEach((listing, i) => move.run(adverts[i].id, adverts[i].variants!.nodes[0].id, listing.id)))();
  } finally {
    db.close();
  }
  return adverts.map((advert) => advert.variants!.nodes[0].id);
}

const marketplacerRequests = async (e: Endpoints) => (await simulator<{ count: number }>(e, '/_control/marketplacer/requests?limit=1')).count;

/** One run of the marketplace's adverts poll (admin trigger), with the Marketplacer requests it made. */
async function measuredRun(e: Endpoints): Promise<{ run: SyncRun; requests: number }> {
  const before = await marketplacerRequests(e);
  const run = await runJob(e, 'adverts');
  return { run, requests: (await marketplacerRequests(e)) - before };
}

/**
 * Idle and busy cycles over IDLE_ACCOUNTS accounts (one listing each): the marketplace's feed is read
 * once per cycle whatever the number of accounts. Busy: BUSY_CHANGES adverts, each owned by the
 * listing of a different account, change in Marketplacer before the cycle.
 */
async function pollCosts(): Promise<Array<Record<string, string | number>>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-idle-'));
  const accountIds = Array.from({ length: IDLE_ACCOUNTS }, (_, i) => i + 1);
  const stack = await startStack(2 * BUSY_CHANGES, { ANYMARKET_RATE_LIMIT_PER_SECOND: '1000' }, dataDir, {
    SIMULATOR_ANYMARKET_RATE_LIMIT_PER_SECOND: '100000',
  });
  try {
    const e = stack.endpoints;
    await activateAccounts(e, accountIds);
    const { listingId } = await publishOneListing(e, 1);
    cloneListingForEveryAccount(dataDir, listingId);
    const variants = await spreadListingsOverAdverts(e, dataDir, BUSY_CHANGES);
    const first = await measuredRun(e); // the first scan: reports the moved listings' states once
    const row = (cycle: string, changedAdverts: number, { run, requests }: { run: SyncRun; requests: number }) => ({
      cycle,
      accounts: IDLE_ACCOUNTS,
      'adverts changed': changedAdverts,
      'MP requests (idle target 1)': requests,
      'feed pages': run.pages,
      'feed items read': run.itemsSeen,
      'ANYMARKET PUTs': run.itemsChanged,
      'cycle s': runSeconds(run),
      'per-account feeds would read (accounts × pages)': IDLE_ACCOUNTS * run.pages,
    });
    const rows = [row('first scan', 0, first), row('idle', 0, await measuredRun(e))];
    for (let start = 0; start < variants.length; start += 25) {
      await Promise.all(
        variants
          .slice(start, start + 25)
          .map((variant, i) =>
            simulator(e, `/_control/marketplacer/variants/${encodeURIComponent(variant)}`, { method: 'PATCH', body: { countOnHand: 100 + start + i } }),
          ),
      );
    }
    rows.push(row('busy', variants.length, await measuredRun(e)), row('idle again', 0, await measuredRun(e)));
    return rows;
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

export async function run(): Promise<void> {
  const scans = [...(await fullScan(10_000)), ...(await fullScan(50_000))];
  printTable("Adverts poll: full scan of the marketplace's change feed (connector vs the simulator alone)", scans);
  const peak = (size: number) => Math.max(...scans.filter((row) => row.catalogue === size).map((row) => Number(row['connector peak RSS MiB'])));
  printTable('Connector memory as the catalogue grows', [
    { '10k peak MiB': peak(10_000), '50k peak MiB': peak(50_000), 'ratio 50k/10k (target ≤ 1.2)': peak(50_000) / peak(10_000) },
  ]);
  const cycles = await pollCosts();
  printTable(`Adverts poll: cycles over ${IDLE_ACCOUNTS} accounts, one feed for the marketplace (admin-triggered runs)`, cycles);
  const scanRatio = (size: number) => Math.max(...scans.filter((row) => row.catalogue === size).map((row) => Number(row['ratio (target ≤ 1.3)'])));
  const cycle = (name: string) => cycles.find((row) => row.cycle === name)!;
  printSummary('adverts-poll', {
    scanToBare10k: scanRatio(10_000),
    scanToBare50k: scanRatio(50_000),
    peakMiB50kTo10k: peak(50_000) / peak(10_000),
    accounts: IDLE_ACCOUNTS,
    idleRequests: cycle('idle')['MP requests (idle target 1)'],
    busyRequests: cycle('busy')['MP requests (idle target 1)'],
    busyCycleSeconds: cycle('busy')['cycle s'],
    targets: { scanToBareAtMost: 1.3, peakMiB50kTo10kAtMost: 1.2, idleRequests: 1 },
  });
}
