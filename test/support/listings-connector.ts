import { ANYMARKET_TOKEN_HEADER, signAnymarketToken, type SkuMarketplace } from '#anymarket';
import { eventually } from '#common/testing';
import { callRemote } from '../../apps/simulator/src/remote-caller/call-remote.js';
import { REMOTES } from '../../apps/simulator/src/remote-caller/remotes.js';
import { newPublicationNotice, remoteExample } from './connector/products/spec-examples.js';
import type { ListingsSimulator } from './listings-simulator.js';
import { http, type ConnectorUnderTest } from './stack.js';

/** An ANYMARKET account activated on the connector, with the seller it is linked to. */
export interface ActivatedAccount {
  /** The connector's account id (the adverts job's account key). */
  id: number;
  oi: string;
  idAccount: number;
  sellerId: string;
  /** The seller's ANYMARKET token (registered in the simulated ANYMARKET). */
  token: string;
  /** What the seller typed on the module screen (store id and integration secret). */
  credentials: { storeId: string; password: string };
}

export interface ListingView {
  id: number;
  idSkuMarketplace: string;
  state: string;
  advertId: string | null;
  variantId: string | null;
  publicationStatus: string | null;
  transmissionStatus: string | null;
  lastError: string | null;
}

export interface SyncRunView {
  id: number;
  accountKey: string;
  trigger: string;
  outcome: string;
  pages: number;
  itemsSeen: number;
  itemsChanged: number;
  itemsFailed: number;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface SyncStateView {
  accountKey: string;
  watermark: string | null;
  scanInProgress: boolean;
  running: boolean;
}

/**
 * The connector as ANYMARKET and an operator use it over HTTP: seller links and module activation,
 * sendProduct with signed x-anymarket-tokens, the admin listings and sync APIs.
 */
export class ListingsConnector {
  constructor(
    readonly connector: ConnectorUnderTest,
    private readonly simulator: ListingsSimulator,
  ) {}

  /**
   * Links `sellerId` (admin API), registers `token` in the simulated ANYMARKET and activates the
   * module as ANYMARKET would (testIntegration, then saveAccount with `user.token` and the settings).
   */
  async activate(sellerId: string, oi: string, idAccount: number, token: string, settings: Record<string, unknown> = {}): Promise<ActivatedAccount> {
    const link = await http<{ storeId: string; integrationSecret: string }>(`${this.connector.url}/admin/seller-links`, {
      method: 'POST',
      headers: this.connector.admin,
      body: { sellerId },
    });
    if (link.status !== 201) throw new Error(`seller link refused: ${link.status} ${JSON.stringify(link.body)}`);
    await this.simulator.registerToken(token, { id: idAccount, oi });
    const credentials = { storeId: link.body.storeId, password: link.body.integrationSecret };
    const tested = await callRemote({
      connectorUrl: this.connector.url,
      remote: 'testIntegration',
      body: REMOTES.testIntegration.exampleBody(credentials),
      claims: { oi },
    });
    if (tested.body !== true) throw new Error(`testIntegration answered ${JSON.stringify(tested)}`);
    const saved = await callRemote({
      connectorUrl: this.connector.url,
      remote: 'saveAccount',
      body: { ...REMOTES.saveAccount.exampleBody({ ...credentials, accountId: idAccount, sellerToken: token }), ...settings },
      claims: { oi },
    });
    if (saved.body !== true) throw new Error(`saveAccount answered ${JSON.stringify(saved)}`);
    const accounts = await http<Array<{ id: number; idAccount: string }>>(`${this.connector.url}/admin/accounts?oi=${encodeURIComponent(oi)}`, {
      headers: this.connector.admin,
    });
    const account = accounts.body.find((candidate) => candidate.idAccount === String(idAccount));
    if (!account) throw new Error(`account ${idAccount} of ${oi} not listed after saveAccount`);
    return { id: account.id, oi, idAccount, sellerId, token, credentials };
  }

  /** POST /sendProduct for a new publication, shaped like the spec's example. */
  sendProduct(account: ActivatedAccount, transmission: SkuMarketplace, overrides: Record<string, unknown> = {}) {
    const body = { ...remoteExample('POST /sendProduct'), ...newPublicationNotice(transmission, account.idAccount), ...overrides };
    // The remote caller knows only the activation remotes: sendProduct is signed here the same way.
    return http<Record<string, unknown>>(`${this.connector.url}/sendProduct`, {
      method: 'POST',
      headers: { [ANYMARKET_TOKEN_HEADER]: signAnymarketToken({ oi: account.oi }) },
      body,
    });
  }

  async listingOf(account: ActivatedAccount, transmissionId: number): Promise<ListingView> {
    const res = await http<Array<ListingView>>(`${this.connector.url}/admin/listings?accountId=${account.id}&limit=500`, { headers: this.connector.admin });
    const listing = res.body.find((candidate) => candidate.idSkuMarketplace === String(transmissionId));
    if (!listing) throw new Error(`no listing for transmission ${transmissionId} on account ${account.id}`);
    return listing;
  }

  /** Waits until the listing's work is done (synced or given up), over the admin API. */
  async settled(listingId: number): Promise<ListingView> {
    return eventually(
      async () => (await http<ListingView>(`${this.connector.url}/admin/listings/${listingId}`, { headers: this.connector.admin })).body,
      (listing) => listing.state === 'synced' || listing.state === 'error',
      `listing ${listingId} settled`,
    );
  }

  /** Runs a marketplace feed now (admin trigger; by default the adverts poll: one feed for every account) and waits for the run to end. */
  async poll(job = 'adverts'): Promise<SyncRunView> {
    const started = await http<SyncRunView>(`${this.connector.url}/admin/sync/jobs/${job}/run`, {
      method: 'POST',
      headers: this.connector.admin,
    });
    if (started.status !== 202) throw new Error(`${job} run refused: ${started.status} ${JSON.stringify(started.body)}`);
    return this.runEnded(started.body.id);
  }

  /** testIntegration as ANYMARKET calls it for the account's organisation, with the seller's module-screen credentials. */
  testIntegration(account: ActivatedAccount) {
    return callRemote({
      connectorUrl: this.connector.url,
      remote: 'testIntegration',
      body: REMOTES.testIntegration.exampleBody(account.credentials),
      claims: { oi: account.oi },
    });
  }

  /** The account as admins see it. */
  async accountView(account: ActivatedAccount): Promise<{ active: boolean; inactiveReason: string | null }> {
    return (
      await http<{ active: boolean; inactiveReason: string | null }>(`${this.connector.url}/admin/accounts/${account.id}`, { headers: this.connector.admin })
    ).body;
  }

  async runEnded(runId: number): Promise<SyncRunView> {
    return eventually(
      async () => (await http<SyncRunView>(`${this.connector.url}/admin/sync/runs/${runId}`, { headers: this.connector.admin })).body,
      (run) => run.outcome !== 'running',
      `sync run ${runId} ended`,
    );
  }

  /** A marketplace feed's runs (the adverts poll's by default), newest first. */
  async runsOf(job = 'adverts'): Promise<SyncRunView[]> {
    return (await http<SyncRunView[]>(`${this.connector.url}/admin/sync/runs?job=${job}&accountKey=marketplace&limit=500`, { headers: this.connector.admin }))
      .body;
  }

  /** The adverts poll's one pair: the marketplace's. */
  async syncState(): Promise<SyncStateView> {
    const res = await http<SyncStateView[]>(`${this.connector.url}/admin/sync/states?job=adverts`, { headers: this.connector.admin });
    if (res.body.length !== 1 || res.body[0].accountKey !== 'marketplace')
      throw new Error(`expected the marketplace's adverts state only, got ${JSON.stringify(res.body)}`);
    return res.body[0];
  }
}
