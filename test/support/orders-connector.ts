import { ANYMARKET_TOKEN_HEADER, signAnymarketToken } from '#anymarket';
import { eventually } from '#common/testing';
import { callRemote } from '../../apps/simulator/src/remote-caller/call-remote.js';
import { REMOTES } from '../../apps/simulator/src/remote-caller/remotes.js';
import type { ListingsSimulator } from './listings-simulator.js';
import { http, type ConnectorUnderTest } from './stack.js';

/** An order as `GET /admin/orders` lists it. */
export interface OrderView {
  id: number;
  accountId: number | null;
  state: string;
  anymarketStatus: string | null;
  targetStatus: string;
  marketPlaceId: string;
  anymarketOrderId: string | null;
  refunds: string;
  lastError: string | null;
  unlinkedSkus: string[];
  /** A tracking update ANYMARKET did not take (null: none). */
  trackingNotDelivered: { reason: string; tracking: { carrier?: string; number?: string; url?: string; shippedDate?: string }; at: string } | null;
}

/** `GET /admin/orders/{id}`: the order with its refund requests and timeline. */
export interface OrderDetail extends OrderView {
  refundRequests: Array<{ id: string; status: string; lines: Array<{ lineItemId: string | null; quantity: number | null }> }>;
  timeline: Array<{ source: string; action: string; outcome: string; detail: string | null }>;
  /** Changes from ANYMARKET and how they were applied (null: none came). */
  anymarketUpdate: {
    state: 'pending' | 'reported';
    reportedSuccess: boolean | null;
    reportedMessage: string | null;
    invoiceDocument: Record<string, unknown> | null;
  } | null;
  shipments: Array<{ origin: string; carrier: string; trackingNumber: string }>;
}

/** The module-screen credentials of a seller link (what the seller types into ANYMARKET). */
export interface LinkCredentials {
  storeId: string;
  password: string;
}

/** One ANYMARKET account of a seller, to activate or save again. */
export interface AccountToSave {
  idAccount: number;
  token: string;
  settings?: Record<string, unknown>;
}

/** A remote's answer: status and parsed body. */
export type RemoteAnswer<T = unknown> = { status: number; body: T };

/**
 * The connector's Orders side over HTTP, as an operator and ANYMARKET use it: the feeds' admin
 * triggers, the admin orders API, and the order remotes signed as ANYMARKET signs them. Waits are
 * for the connector to finish (a run ending, no order left pending), never for time to pass.
 */
export class OrdersConnector {
  constructor(
    readonly connector: ConnectorUnderTest,
    private readonly simulator: ListingsSimulator,
  ) {}

  /** Runs the invoices feed now and waits until it ended and the order work it queued is done. */
  pollInvoices(): Promise<void> {
    return this.runFeed('invoices');
  }

  /** Runs the refund-requests feed now and waits until it ended and the order work it queued is done. */
  pollRefunds(): Promise<void> {
    return this.runFeed('refund-requests');
  }

  /** Runs the orders reconciliation with ANYMARKET now and waits until it ended and the order work it queued is done. */
  reconcileOrders(): Promise<void> {
    return this.runFeed('orders-reconciliation');
  }

  private async runFeed(job: 'invoices' | 'refund-requests' | 'orders-reconciliation'): Promise<void> {
    const started = await http<{ id: number }>(`${this.connector.url}/admin/sync/jobs/${job}/run`, {
      method: 'POST',
      headers: this.connector.admin,
    });
    if (started.status !== 202) throw new Error(`${job} run refused: ${started.status} ${JSON.stringify(started.body)}`);
    const run = await eventually(
      async () => (await http<{ outcome: string }>(`${this.connector.url}/admin/sync/runs/${started.body.id}`, { headers: this.connector.admin })).body,
      (candidate) => candidate.outcome !== 'running',
      `${job} run ${started.body.id} ended`,
    );
    if (run.outcome !== 'succeeded') throw new Error(`${job} run did not succeed: ${JSON.stringify(run)}`);
    await this.noOrderPending();
  }

  /**
   * Waits until no order is pending: every order's work (and its ANYMARKET calls) is over. A feed run
   * records its orders as pending before it ends, so after the run this covers all it queued.
   */
  async noOrderPending(): Promise<void> {
    await eventually(
      () => this.orders({ state: 'pending', limit: 1 }),
      (pending) => pending.length === 0,
      'no order pending',
    );
  }

  async orders(filter: Record<string, string | number> = {}): Promise<OrderView[]> {
    const query = new URLSearchParams(Object.entries({ limit: 200, ...filter }).map(([key, value]): [string, string] => [key, String(value)]));
    const res = await http<OrderView[]>(`${this.connector.url}/admin/orders?${query}`, { headers: this.connector.admin });
    if (res.status !== 200) throw new Error(`GET /admin/orders: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** The order made of the invoice `marketPlaceId` (its legacy id), whatever its account; undefined when none. */
  async orderOf(marketPlaceId: string | number): Promise<OrderView | undefined> {
    return (await this.orders()).find((order) => order.marketPlaceId === String(marketPlaceId));
  }

  /** Waits for the order of `marketPlaceId` to exist and be done with (not pending), and answers its detail. */
  async settled(marketPlaceId: string | number): Promise<OrderDetail> {
    const order = await eventually(
      () => this.orderOf(marketPlaceId),
      (found) => found !== undefined && found.state !== 'pending',
      `order ${marketPlaceId} settled`,
    );
    return this.detail(order!.id);
  }

  async detail(id: number): Promise<OrderDetail> {
    const res = await http<OrderDetail>(`${this.connector.url}/admin/orders/${id}`, { headers: this.connector.admin });
    if (res.status !== 200) throw new Error(`GET /admin/orders/${id}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  repush(id: number): Promise<RemoteAnswer<OrderDetail>> {
    return http<OrderDetail>(`${this.connector.url}/admin/orders/${id}/repush`, { method: 'POST', headers: this.connector.admin });
  }

  /** An order remote as ANYMARKET calls it: `path` below the connector (query included), signed for organisation `oi`. */
  remote<T = unknown>(method: 'GET' | 'POST' | 'PUT', path: string, oi: string, body?: unknown): Promise<RemoteAnswer<T>> {
    return http<T>(`${this.connector.url}${path}`, { method, headers: { [ANYMARKET_TOKEN_HEADER]: signAnymarketToken({ oi }) }, body });
  }

  /**
   * Links `sellerId` and activates several ANYMARKET accounts of one organisation on it (testIntegration
   * once, then saveAccount per account, each token registered in the simulated ANYMARKET), as a seller
   * with more than one account does. Answers the link's credentials, to save an account again later.
   */
  async activateAccounts(sellerId: string, oi: string, accounts: AccountToSave[]): Promise<LinkCredentials> {
    const link = await http<{ storeId: string; integrationSecret: string }>(`${this.connector.url}/admin/seller-links`, {
      method: 'POST',
      headers: this.connector.admin,
      body: { sellerId },
    });
    if (link.status !== 201) throw new Error(`seller link refused: ${link.status} ${JSON.stringify(link.body)}`);
    const credentials = { storeId: link.body.storeId, password: link.body.integrationSecret };
    const tested = await callRemote({
      connectorUrl: this.connector.url,
      remote: 'testIntegration',
      body: REMOTES.testIntegration.exampleBody!(credentials),
      claims: { oi },
    });
    if (tested.body !== true) throw new Error(`testIntegration answered ${JSON.stringify(tested)}`);
    for (const account of accounts) {
      await this.simulator.registerToken(account.token, { id: account.idAccount, oi });
      await this.saveAccount(oi, credentials, account);
    }
    return credentials;
  }

  /** saveAccount as ANYMARKET sends it (the documented example) with this account's id, token and settings. */
  async saveAccount(oi: string, credentials: LinkCredentials, account: AccountToSave): Promise<void> {
    const saved = await callRemote({
      connectorUrl: this.connector.url,
      remote: 'saveAccount',
      body: {
        ...REMOTES.saveAccount.exampleBody!({ ...credentials, accountId: account.idAccount, sellerToken: account.token }),
        ...account.settings,
      },
      claims: { oi },
    });
    if (saved.body !== true) throw new Error(`saveAccount answered ${JSON.stringify(saved)}`);
  }

  /** An operator's call to the admin API's Marketplacer operations: `path` below `/admin/marketplacer` (query included). */
  marketplacerAdmin<T = unknown>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<RemoteAnswer<T>> {
    return http<T>(`${this.connector.url}/admin/marketplacer${path}`, { method, headers: this.connector.admin, body });
  }
}
