import { signAnymarketToken, type SkuMarketplace } from '#anymarket';
import { callRemote } from '../../apps/simulator/src/remote-caller/call-remote.js';
import { REMOTES } from '../../apps/simulator/src/remote-caller/remotes.js';

/** What the benchmarks need from a running connector + simulator pair, done through their HTTP APIs. */
export interface Endpoints {
  connectorUrl: string;
  simulatorUrl: string;
  /** The simulated ANYMARKET when it runs in a simulator process of its own (the orders stack); else the simulator's half. */
  anymarketSimulatorUrl?: string;
  adminToken: string;
}

export const BENCH_OI = '22449504.';
export const DEMO_ANYMARKET_TOKEN = 'demo-anymarket-token';

async function json<T>(url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<T> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(init.headers ?? {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} -> ${res.status}: ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export const admin = (e: Endpoints) => ({ Authorization: `Bearer ${e.adminToken}` });
export const adminGet = <T>(e: Endpoints, path: string) => json<T>(`${e.connectorUrl}${path}`, { headers: admin(e) });
export const adminPost = <T>(e: Endpoints, path: string, body?: unknown) => json<T>(`${e.connectorUrl}${path}`, { method: 'POST', headers: admin(e), body });
/** A simulator control call; `/_control/anymarket/…` goes to the simulated ANYMARKET wherever it runs. */
export const simulator = <T>(e: Endpoints, path: string, init: { method?: string; body?: unknown } = {}) =>
  json<T>(`${path.startsWith('/_control/anymarket/') ? (e.anymarketSimulatorUrl ?? e.simulatorUrl) : e.simulatorUrl}${path}`, init);
export const remoteGet = <T>(e: Endpoints, path: string) =>
  json<T>(`${e.connectorUrl}${path}`, { headers: { 'x-anymarket-token': signAnymarketToken({ oi: BENCH_OI }) } });

/** A seller's module credentials, as the module screen shows them after its link and `testIntegration`. */
export interface SellerCredentials {
  storeId: string;
  password: string;
  /** The seller's global id. */
  sellerId: string;
}

/** Links a Marketplacer seller (admin API) and runs `testIntegration` with its credentials, as ANYMARKET customer `oi`. */
export async function linkSeller(e: Endpoints, sellerLegacyId: number, oi = BENCH_OI): Promise<SellerCredentials> {
  const link = await adminPost<{ integrationSecret: string; storeId: string; sellerId: string }>(e, '/admin/seller-links', {
    sellerId: String(sellerLegacyId),
  });
  const credentials = { storeId: link.storeId, password: link.integrationSecret };
  const test = await callRemote({
    connectorUrl: e.connectorUrl,
    remote: 'testIntegration',
    claims: { oi },
    body: { ...(REMOTES.testIntegration.exampleBody!({}) as object), ...credentials },
  });
  if (test.body !== true) throw new Error(`testIntegration answered ${test.status} ${JSON.stringify(test.body)}`);
  return { ...credentials, sellerId: link.sellerId };
}

/** An ANYMARKET customer (`oi`) and the seller token the account is saved with. */
export interface AnymarketTenant {
  oi: string;
  token: string;
}

/** `saveAccount` of ANYMARKET account `id` with the seller's credentials, by default as the bench customer with the demo token. */
export async function saveAccount(
  e: Endpoints,
  seller: SellerCredentials,
  id: number,
  tenant: AnymarketTenant = { oi: BENCH_OI, token: DEMO_ANYMARKET_TOKEN },
): Promise<void> {
  const credentials = { storeId: seller.storeId, password: seller.password };
  const body = { ...(REMOTES.saveAccount.exampleBody!({}) as object), ...credentials, id, user: { token: tenant.token, country: 'BR' } };
  const saved = await callRemote({ connectorUrl: e.connectorUrl, remote: 'saveAccount', claims: { oi: tenant.oi }, body });
  if (saved.body !== true) throw new Error(`saveAccount ${id} answered ${saved.status} ${JSON.stringify(saved.body)}`);
}

/** Links the simulator's first online RETAILER and activates ANYMARKET accounts `accountIds` for it. */
export async function activateAccounts(e: Endpoints, accountIds: number[], concurrency = 4): Promise<void> {
  const state = await simulator<{ sellers: Array<{ legacyId: number; accountType: string; online: boolean; deleted: boolean }> }>(
    e,
    '/_control/marketplacer/state',
  );
  const seller = state.sellers.find((s) => s.accountType === 'RETAILER' && s.online && !s.deleted);
  if (!seller) throw new Error('the simulator has no online RETAILER seller');
  const linked = await linkSeller(e, seller.legacyId);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < accountIds.length) await saveAccount(e, linked, accountIds[next++]);
    }),
  );
}

/**
 * Publishes the spec's simple product (transmission 61234 of the simulated ANYMARKET, mapped to a leaf
 * category and a brand of the simulated Marketplacer) for `idAccount`, and waits until it is synced.
 */
export async function publishOneListing(e: Endpoints, idAccount: number): Promise<{ listingId: number; accountId: number }> {
  const brands = await remoteGet<Array<{ codeInMarketplace: string }>>(e, '/brands');
  const leaf = await findLeafCategory(e);
  const transmission = await simulator<SkuMarketplace>(e, '/_control/anymarket/skumarketplace/61234');
  transmission.idAccount = idAccount;
  transmission.sku.product.category = { ...transmission.sku.product.category!, idInMarketplace: leaf };
  transmission.sku.product.brand = { ...transmission.sku.product.brand!, idInMarketplace: brands[0].codeInMarketplace };
  await simulator(e, '/_control/anymarket/skumarketplace/61234', { method: 'PUT', body: transmission });
  const notice = {
    idSkuMarketplace: 61234,
    idAccount,
    status: 'UNPUBLISHED',
    onlySync: false,
    idSku: transmission.sku.id,
    idProduct: transmission.sku.product.id,
    skuInMarketplace: transmission.skuInMarketplace,
  };
  await json(`${e.connectorUrl}/sendProduct`, { method: 'POST', headers: { 'x-anymarket-token': signAnymarketToken({ oi: BENCH_OI }) }, body: notice });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const listings = await adminGet<Array<{ id: number; accountId: number; state: string; lastError: string | null }>>(e, '/admin/listings');
    const listing = listings.find((l) => l.state === 'synced' || l.state === 'error');
    if (listing?.state === 'synced') return { listingId: listing.id, accountId: listing.accountId };
    if (listing?.state === 'error') throw new Error(`the listing failed: ${listing.lastError}`);
    if (Date.now() > deadline) throw new Error('the listing was not synced within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A selectable (leaf) category of the connector's taxonomy copy, found through the catalogue remotes. */
export async function findLeafCategory(e: Endpoints): Promise<string> {
  const queue = (await remoteGet<Array<{ codeInMarketplace: string }>>(e, '/categories')).map((c) => c.codeInMarketplace);
  while (queue.length) {
    const details = await remoteGet<{ codeInMarketPlace: string; canBeSelected: boolean; children: Array<{ codeInMarketplace: string }> }>(
      e,
      `/categories/${queue.shift()}`,
    );
    if (details.canBeSelected) return details.codeInMarketPlace;
    queue.push(...details.children.map((c) => c.codeInMarketplace));
  }
  throw new Error('no selectable category');
}

/** Triggers a job and waits for the run to end; returns the run. A read the busy connector drops (a reset connection) is made again. */
export async function runJob(e: Endpoints, job: string): Promise<SyncRun> {
  const started = await adminPost<SyncRun>(e, `/admin/sync/jobs/${job}/run`);
  for (let dropped = 0; ;) {
    let run: SyncRun;
    try {
      run = await adminGet<SyncRun>(e, `/admin/sync/runs/${started.id}`);
    } catch (error) {
      if (!String(error).includes('fetch failed') || ++dropped > 10) throw error;
      continue;
    }
    if (run.outcome !== 'running') {
      if (run.outcome !== 'succeeded') throw new Error(`run ${run.id} ${run.outcome}: ${run.errorCode} ${run.errorMessage}`);
      return run;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface SyncRun {
  id: number;
  job: string;
  accountKey: string;
  outcome: string;
  startedAt: string;
  finishedAt: string | null;
  pages: number;
  itemsSeen: number;
  itemsChanged: number;
  errorCode: string | null;
  errorMessage: string | null;
}
