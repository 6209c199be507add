import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { print } from 'graphql';
import { DEMO_MARKETPLACER_API_KEY } from '#marketplacer';
import { AdvertByIdDocument, AdvertsWhereDocument, type AdvertFieldsFragment } from '../libs/marketplacer/src/contract/generated/graphql.js';
import { toAdvert } from '../libs/marketplacer/src/adapters/advert-mapper.js';
import { reportedStateOf, reportHash, skuMarketplaceUpdate } from '../apps/connector/src/products/listing-status.mapper.js';
import { goneState } from '../apps/connector/src/products/listing-drift.js';
import type { ListingEntity } from '../apps/connector/src/products/entities/listing.entity.js';
import { BENCH_OI, linkSeller, runJob, saveAccount, simulator, type Endpoints, type SyncRun } from './support/connector-setup.js';
import { freePort, startBuilt, type Started } from './support/processes.js';
import { inParallel } from './support/in-parallel.js';
import { printSummary } from './support/summary.js';
import { printTable } from './support/table.js';

/**
 * `npm run bench -- reconciliation`: the listings reconciliation (issue 26 §1) over 1,000 sellers ×
 * 100 adverts, with the built connector (SQLite) and the built simulator as child processes.
 *  1. Nothing changed: Marketplacer requests (target: one advertsWhere page per seller), the run's
 *     time, and its request rate against the share it was given (RECONCILIATION_BUDGET_PERCENT of
 *     MARKETPLACER_RATE_LIMIT per window); ANYMARKET calls (target 0).
 *  2. 1 % of the adverts drifted in the simulator (price, stock, off-lined): ANYMARKET calls (target:
 *     one per drifted listing) and the extra reads by id of the off-lined adverts.
 * Set-up shortcuts (not measured): the simulator seeds the sellers and adverts; the 1,000 seller links
 * and accounts go through the admin API and the activation remotes; the 100,000 listing rows are
 * written into the connector's SQLite file, each with the fingerprint of the report ANYMARKET would
 * have had (computed with the connector's own mapper), as if every listing were linked and reported.
 */
const CONNECTOR_MAIN = 'dist/apps/connector/src/main.js';
const SIMULATOR_MAIN = 'dist/apps/simulator/src/main.js';
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const SELLERS = 1000;
const ADVERTS_PER_SELLER = 100;
/** Marketplacer's budget as the connector is told it (its published limit), and the reconciliation's share. */
const RATE_LIMIT = 750;
const RATE_WINDOW_MS = 10_000;
const SHARE_PERCENT = 20;
const DRIFT_RATIO = 0.01;

const gql = async <T>(e: Endpoints, query: string, variables: Record<string, unknown>): Promise<T> => {
  const res = await fetch(`${e.simulatorUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_MARKETPLACER_API_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data;
};

interface Linked {
  accountId: number;
  idAccount: number;
  sellerId: string;
}

/** One seller link, testIntegration and saveAccount per seller (account `idAccount` = its index). */
async function linkSellers(e: Endpoints, sellerLegacyIds: number[]): Promise<Linked[]> {
  const linked: Linked[] = [];
  await inParallel(
    sellerLegacyIds.map((legacyId, i) => ({ legacyId, idAccount: i + 1 })),
    8,
    async ({ legacyId, idAccount }) => {
      const seller = await linkSeller(e, legacyId);
      await saveAccount(e, seller, idAccount);
      linked.push({ accountId: 0, idAccount, sellerId: seller.sellerId });
    },
  );
  return linked;
}

interface Row {
  accountIdAccount: number;
  advertId: string;
  advertLegacyId: number;
  variantId: string;
  sku: string;
  hash: string;
  /** The advert is published now (only those can drift by price, stock or off-lining). */
  published: boolean;
  /** The listing's ANYMARKET transmission id (`idSkuMarketplace`). */
  skuMarketplaceId: number;
}

/** The report ANYMARKET would hold for a listing on the advert's first variant (null: none), as the connector computes it. */
async function reportOf(
  e: Endpoints,
  node: AdvertFieldsFragment,
): Promise<{ advert: ReturnType<typeof toAdvert>; variantId: string; sku: string; hash: string } | null> {
  const advert = toAdvert(node);
  const variant = advert.details!.variants[0];
  if (!variant) return null;
  const listing = {
    advertId: advert.id,
    advertLegacyId: advert.legacyId,
    variantId: variant.id,
    skuInMarketplace: variant.sku,
    idSku: String(advert.legacyId),
    requestedStatus: 'ACTIVE',
    vettingRejectedReason: null,
  } as unknown as ListingEntity;
  let state = reportedStateOf(advert, variant.id, listing);
  if (advert.state !== 'published') {
    const { node: current } = await gql<{ node: { __typename: string } | null }>(e, print(AdvertByIdDocument), { id: advert.id });
    if (!current || current.__typename === 'DeletedAdvert') state = goneState(listing);
  }
  if (!state) return null;
  return { advert, variantId: variant.id, sku: variant.sku ?? '', hash: reportHash(skuMarketplaceUpdate(listing, state)) };
}

/** Each seller's adverts (advertsWhere, as the connector reads them) and the report ANYMARKET would hold for a listing on each. */
async function listingRows(e: Endpoints, linked: Linked[]): Promise<Row[]> {
  const rows: Row[] = [];
  const where = print(AdvertsWhereDocument);
  await inParallel(linked, 8, async (seller) => {
    const page = await gql<{ advertsWhere: { nodes: AdvertFieldsFragment[] } }>(e, where, { retailerIds: [seller.sellerId], first: 500 });
    for (const node of page.advertsWhere.nodes) {
      const report = await reportOf(e, node);
      if (!report) continue;
      rows.push({
        accountIdAccount: seller.idAccount,
        advertId: report.advert.id,
        advertLegacyId: report.advert.legacyId,
        variantId: report.variantId,
        sku: report.sku,
        hash: report.hash,
        published: report.advert.state === 'published',
        skuMarketplaceId: 0,
      });
    }
  });
  rows.forEach((row, i) => (row.skuMarketplaceId = 500_000 + i));
  return rows;
}

function writeListings(dataDir: string, rows: Row[]): void {
  const db = new Database(join(dataDir, 'connector.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    const accounts = new Map(
      (db.prepare(`SELECT id, id_account FROM anymarket_account`).all() as Array<{ id: number; id_account: string }>).map((a) => [Number(a.id_account), a.id]),
    );
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    const insert = db.prepare(
      `INSERT INTO listing (account_id, oi, id_account, id_sku_marketplace, id_sku, sku_in_marketplace, advert_id, advert_legacy_id, variant_id,
         state, requested_status, read_mode, request_seq, attempts, reported_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'synced', 'ACTIVE', 'full', 1, 0, ?, ?, ?)`,
    );
    db.transaction(() =>
      rows.forEach((row) =>
        insert.run(
          accounts.get(row.accountIdAccount),
          BENCH_OI,
          String(row.accountIdAccount),
          String(row.skuMarketplaceId),
          String(row.advertLegacyId),
          row.sku,
          row.advertId,
          row.advertLegacyId,
          row.variantId,
          row.hash,
          now,
          now,
        ),
      ),
    )();
  } finally {
    db.close();
  }
}

/** How many of the rows' reports differ now from the one ANYMARKET holds (advertsWhere by legacy ids, 100 a request). */
async function changedReports(e: Endpoints, rows: Row[]): Promise<number> {
  let changed = 0;
  const where = print(AdvertsWhereDocument);
  for (let start = 0; start < rows.length; start += 100) {
    const chunk = rows.slice(start, start + 100);
    const page = await gql<{ advertsWhere: { nodes: AdvertFieldsFragment[] } }>(e, where, { legacyIds: chunk.map((row) => row.advertLegacyId), first: 100 });
    const nodes = new Map(page.advertsWhere.nodes.map((node) => [node.id, node]));
    for (const row of chunk) {
      const node = nodes.get(row.advertId);
      const report = node ? await reportOf(e, node) : null;
      if (report?.hash !== row.hash) changed += 1;
    }
  }
  return changed;
}

const marketplacerRequests = async (e: Endpoints) => (await simulator<{ count: number }>(e, '/_control/marketplacer/requests?limit=1')).count;
const anymarketCalls = async (e: Endpoints) => (await simulator<{ calls: unknown[] }>(e, '/_control/anymarket/calls')).calls.length;
const seconds = (run: SyncRun) => (Date.parse(run.finishedAt!) - Date.parse(run.startedAt)) / 1000;

async function measured(e: Endpoints, label: string, drifted: number, edited: number) {
  const [requestsBefore, callsBefore] = [await marketplacerRequests(e), await anymarketCalls(e)];
  const run = await runJob(e, 'listings-reconciliation');
  const requests = (await marketplacerRequests(e)) - requestsBefore;
  const calls = (await anymarketCalls(e)) - callsBefore;
  const share = (RATE_LIMIT * SHARE_PERCENT) / 100 / (RATE_WINDOW_MS / 1000);
  return {
    run: label,
    sellers: SELLERS,
    listings: SELLERS * ADVERTS_PER_SELLER,
    'listings edited': edited,
    'drifted listings': drifted,
    'MP requests': requests,
    'requests/seller': requests / SELLERS,
    'run s': seconds(run),
    'requests/s': requests / seconds(run),
    'share requests/s': share,
    'ANYMARKET calls': calls,
    'listings repaired': run.itemsChanged,
  };
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-reconciliation-'));
  const [simulatorPort, connectorPort] = [await freePort(), await freePort()];
  const e: Endpoints = { connectorUrl: `http://127.0.0.1:${connectorPort}`, simulatorUrl: `http://127.0.0.1:${simulatorPort}`, adminToken: ADMIN_TOKEN };
  let sim: Started | undefined;
  let connector: Started | undefined;
  try {
    // SELLERS retailers + one prospective + one offline (its adverts too): SELLERS+1 retailers share the adverts evenly.
    sim = await startBuilt(
      SIMULATOR_MAIN,
      {
        SIMULATOR_PORT: String(simulatorPort),
        SIMULATOR_SEED_SELLERS: String(SELLERS + 2),
        SIMULATOR_SEED_ADVERTS: String((SELLERS + 1) * ADVERTS_PER_SELLER),
        SIMULATOR_SEED_INVOICES: '0',
        SIMULATOR_MARKETPLACER_RATE_LIMIT: '1000000',
        SIMULATOR_ANYMARKET_RATE_LIMIT_PER_SECOND: '100000',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
      },
      `${e.simulatorUrl}/health`,
      120_000,
    );
    connector = await startBuilt(
      CONNECTOR_MAIN,
      {
        PORT: String(connectorPort),
        SIMULATOR_URL: e.simulatorUrl,
        DATA_DIR: dataDir,
        ADMIN_TOKEN,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        SYNC_ENABLED: 'false',
        MARKETPLACER_RATE_LIMIT: String(RATE_LIMIT),
        MARKETPLACER_RATE_WINDOW_MS: String(RATE_WINDOW_MS),
        RECONCILIATION_BUDGET_PERCENT: String(SHARE_PERCENT),
        ANYMARKET_RATE_LIMIT_PER_SECOND: '1000',
      },
      `${e.connectorUrl}/health`,
      120_000,
    );
    const state = await simulator<{ sellers: Array<{ legacyId: number; accountType: string; online: boolean; deleted: boolean }> }>(
      e,
      '/_control/marketplacer/state',
    );
    const sellers = state.sellers.filter((s) => s.accountType === 'RETAILER' && s.online && !s.deleted).slice(0, SELLERS);
    const linked = await linkSellers(
      e,
      sellers.map((s) => s.legacyId),
    );
    const rows = await listingRows(e, linked);
    writeListings(dataDir, rows);

    const table = [await measured(e, 'nothing changed', 0, 0)];
    // 1 % of the listings drift in Marketplacer: a third price, a third stock, a third off-lined.
    const published = rows.filter((row) => row.published);
    const drifted = published.filter((_, i) => i % Math.round(1 / DRIFT_RATIO) === 7);
    // The drifted listings' transmissions exist in ANYMARKET (the others are never called when nothing differs).
    await inParallel(drifted, 16, async (row) => {
      await simulator(e, `/_control/anymarket/skumarketplace/${row.skuMarketplaceId}`, {
        method: 'PUT',
        body: { idAccount: row.accountIdAccount, skuInMarketplace: row.sku, status: 'ACTIVE', transmissionStatus: 'OK' },
      });
    });
    await inParallel(
      drifted.map((row, i) => ({ row, i })),
      16,
      async ({ row, i }) => {
        if (i % 3 === 0)
          await simulator(e, `/_control/marketplacer/variants/${encodeURIComponent(row.variantId)}`, { method: 'PATCH', body: { price: `${200 + i}.00` } });
        else if (i % 3 === 1)
          await simulator(e, `/_control/marketplacer/variants/${encodeURIComponent(row.variantId)}`, { method: 'PATCH', body: { countOnHand: 1000 + i } });
        else await simulator(e, `/_control/marketplacer/adverts/${encodeURIComponent(row.advertId)}/unpublish`, { method: 'POST' });
      },
    );
    // Drifted: the listings whose report now differs (an edit may change nothing ANYMARKET is told, e.g. off-lining an advert vetting holds).
    const changed = await changedReports(e, drifted);
    table.push(await measured(e, '1 % edited', changed, drifted.length));
    table.push(await measured(e, 'again, nothing changed', 0, 0));
    printTable(
      `Listings reconciliation: ${SELLERS} sellers × ${ADVERTS_PER_SELLER} adverts (share ${SHARE_PERCENT} % of ${RATE_LIMIT} per ${RATE_WINDOW_MS / 1000} s)`,
      table,
    );
    const [quiet, drift, again] = table;
    const summary = {
      sellers: SELLERS,
      listings: rows.length,
      requestsPerSeller: quiet['requests/seller'],
      runSeconds: quiet['run s'],
      requestsPerSecond: quiet['requests/s'],
      shareRequestsPerSecond: quiet['share requests/s'],
      anymarketCallsNothingChanged: quiet['ANYMARKET calls'] + again['ANYMARKET calls'],
      listingsEdited: drift['listings edited'],
      driftedListings: drift['drifted listings'],
      anymarketCallsDrifted: drift['ANYMARKET calls'],
      targets: { anymarketCallsNothingChanged: 0, anymarketCallsDrifted: drift['drifted listings'], requestsPerSecondAtMost: quiet['share requests/s'] },
    };
    printSummary('reconciliation', summary);
  } finally {
    await connector?.stop();
    await sim?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
