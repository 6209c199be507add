import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { availableDatabases, createTestDatabase, eventually, type TestDatabase } from '#common/testing';
import { startConnectorTestApp, TEST_ADMIN_TOKEN } from '#test-support/connector/connector-test-app';
import type { AnymarketAccountsReport } from '../apps/connector/src/system/contract/anymarket-accounts.check.js';
import type { WebhooksReport } from '../apps/connector/src/system/contract/marketplacer-webhooks.check.js';
import { ListingsConnector } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { OrdersSimulator, type SellableVariant } from './support/orders-simulator.js';
import { freePort } from './support/processes.js';
import { http, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';
import { webhookEvents, WebhooksSimulator } from './support/webhooks-simulator.js';

/**
 * Issue 21 §3 end to end: the live contract checks over the admin API, against the real simulator.
 * The simulated Marketplacer delivers through its registered webhooks (one per type it fires, to the
 * connector's PUBLIC_URL); one has Marketplacer's default query (no `id`), one type is missing, one
 * webhook points elsewhere. The repair fixes what is the connector's, and a delivery then names its
 * object. Scheduling is off.
 */
const databases = await availableDatabases();
const SLOW = 90_000;
const KEY = 'e2e-contract-webhook-key';
const DEFAULT_QUERY = 'query($id: ID!) { node(id: $id) { __typename } }';
const ELSEWHERE = 'https://erp.invalid/hooks';

interface SimulatedWebhook {
  id: string;
  type: string;
  url: string;
  enabled: boolean;
  queryString: string | null;
  hmacKeySet: boolean;
  eventName: string | null;
}

describe.each(databases)('Live contract checks end to end on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  let hooks: WebhooksSimulator;
  let listingsSim: ListingsSimulator;
  let sim: OrdersSimulator;
  let app: ListingsConnector;
  let receiver: string;
  let variants: SellableVariant[];

  /** The simulated instance's registered webhooks, as its control API shows them (never a key). */
  const registered = async (): Promise<SimulatedWebhook[]> =>
    (await http<{ webhooks: SimulatedWebhook[] }>(`${simulator.url}/_control/marketplacer/webhooks`)).body.webhooks;
  const admin = <T>(method: string, path: string) => http<T>(`${connector.url}/admin/system/contract${path}`, { method, headers: connector.admin });
  const typeOf = (report: WebhooksReport, handledType: string) => report.types.find((type) => type.handledType === handledType)!;
  /** A buyer's paid order made in Marketplacer (the simulator's quick orders): its one invoice. */
  async function sale(variant: SellableVariant): Promise<{ id: string }> {
    const made = await http<{ orders: Array<{ invoices: Array<{ id: string }> }> }>(`${simulator.url}/_control/marketplacer/orders`, {
      method: 'POST',
      body: { lines: [{ variantId: variant.id, quantity: 1 }], paid: true },
    });
    if (made.status >= 300) throw new Error(`quick order refused: ${made.status} ${JSON.stringify(made.body)}`);
    return made.body.orders[0].invoices[0];
  }

  beforeAll(async () => {
    simulator = await startSimulator({
      SIMULATOR_SEED_SELLERS: '5',
      SIMULATOR_SEED_ADVERTS: '30',
      SIMULATOR_SEED_INVOICES: '0',
      SIMULATOR_WEBHOOK_RETRY_BASE_MS: '100',
    });
    hooks = new WebhooksSimulator(simulator.url);
    listingsSim = new ListingsSimulator(simulator.url);
    sim = new OrdersSimulator(simulator.url);
    database = await createTestDatabase(kind, tmpdir());
    // PUBLIC_URL must be where the connector listens, so that the webhooks it registers deliver to it.
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const test = await startConnectorTestApp(database.target, {
      SIMULATOR_URL: simulator.url,
      PUBLIC_URL: publicUrl,
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      MARKETPLACER_WEBHOOK_HMAC_KEYS: KEY,
    });
    await test.app.listen(port, '127.0.0.1');
    connector = Object.assign(test, { url: publicUrl, admin: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    app = new ListingsConnector(connector, listingsSim);
    receiver = `${publicUrl}/webhooks/marketplacer`;
    [{ variants }] = await sim.stockedSellers(listingsSim, 2);
  }, SLOW);

  afterAll(async () => {
    await hooks?.configure({ url: null });
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  it(
    'flags a webhook whose query lacks id, repairs it and registers the missing types; a second repair changes nothing',
    async () => {
      // As an operator set it up: the simulator's webhooks (one per type it fires) to the connector, then the
      // Invoice one's query emptied in the portal (Marketplacer's default), and an ERP's webhook elsewhere.
      await hooks.configure({ url: receiver, hmacKey: KEY, enabled: true });
      const invoiceHook = (await registered()).find((webhook) => webhook.type === 'INVOICE' && webhook.url === receiver)!;
      await listingsSim.graphql(`mutation($input: WebhookUpdateMutationInput!) { webhookUpdate(input: $input) { errors { field messages } } }`, {
        input: { webhookId: invoiceHook.id, attributes: { queryString: DEFAULT_QUERY } },
      });
      await listingsSim.graphql(`mutation($input: WebhookCreateMutationInput!) { webhookCreate(input: $input) { errors { field messages } } }`, {
        input: { attributes: { type: 'ADVERT', url: ELSEWHERE, enabled: false } },
      });
      // ...and the Taxon one pointed at that ERP too: no Taxon webhook delivers to the connector any more.
      const taxonHook = (await registered()).find((webhook) => webhook.type === 'TAXON' && webhook.url === receiver)!;
      await listingsSim.graphql(`mutation($input: WebhookUpdateMutationInput!) { webhookUpdate(input: $input) { errors { field messages } } }`, {
        input: { webhookId: taxonHook.id, attributes: { url: ELSEWHERE } },
      });

      // A sale now: its Invoice delivery names no object, so the connector can only store it unusable.
      const unnamed = await sale(variants[0]);
      const blind = await eventually(
        () => webhookEvents(connector, '&type=Invoice'),
        (events) => events.some((event) => event.objectId === null),
        'an Invoice delivery without an object id stored',
      );
      expect(blind.filter((event) => event.type === 'Invoice').every((event) => event.objectId === null && event.state === 'ignored')).toBe(true);

      const checked = await admin<WebhooksReport>('GET', '/webhooks');
      expect(checked.status).toBe(200);
      expect(checked.body).toMatchObject({ ok: false, url: receiver, hmacKeyConfigured: true, error: null });
      expect(typeOf(checked.body, 'Invoice')).toMatchObject({ ok: false, registered: true, enabled: true });
      expect(typeOf(checked.body, 'Invoice').webhooks).toEqual([
        expect.objectContaining({ id: invoiceHook.id, queryString: DEFAULT_QUERY, queryOk: false, missingFields: ['id'] }),
      ]);
      // No Taxon webhook delivers here; Marketplacer has no webhook type for Prototype (nothing to register).
      expect(typeOf(checked.body, 'Taxon')).toMatchObject({ ok: false, registered: false, webhookType: 'TAXON' });
      expect(typeOf(checked.body, 'Prototype')).toMatchObject({ ok: true, webhookType: null });
      expect(checked.body.types.filter((type) => !type.ok).map((type) => type.handledType)).toEqual(['Invoice', 'Taxon']);
      expect(checked.body.elsewhere).toEqual([
        expect.objectContaining({ type: 'TAXON', url: ELSEWHERE, enabled: true }),
        expect.objectContaining({ type: 'ADVERT', url: ELSEWHERE, enabled: false }),
      ]);

      const repaired = await admin<WebhooksReport>('POST', '/webhooks/repair');
      expect(repaired.status).toBe(200);
      expect(repaired.body.repairs).toEqual([
        { action: 'updated', webhookType: 'INVOICE', webhookId: invoiceHook.id, changes: ['queryString'], error: null },
        { action: 'created', webhookType: 'TAXON', webhookId: expect.any(String), changes: ['registered'], error: null },
      ]);
      expect(repaired.body.ok).toBe(true);
      const after = await registered();
      expect(after.find((webhook) => webhook.id === invoiceHook.id)).toMatchObject({ queryString: 'query($id: ID!) { node(id: $id) { __typename id } }' });
      expect(after.find((webhook) => webhook.type === 'TAXON' && webhook.url === receiver)).toMatchObject({ enabled: true, hmacKeySet: true, eventName: null });
      expect(after.find((webhook) => webhook.type === 'ADVERT' && webhook.url === ELSEWHERE)).toMatchObject({ enabled: false, queryString: null });
      expect(after.find((webhook) => webhook.id === taxonHook.id)).toMatchObject({ url: ELSEWHERE });

      // The next sale's Invoice delivery names its invoice, and is processed as such.
      const named = await sale(variants[1]);
      await eventually(
        () => webhookEvents(connector, `&type=Invoice&objectId=${encodeURIComponent(named.id)}`),
        (events) => events.length > 0 && events.every((event) => event.state !== 'received'),
        'an Invoice delivery naming the invoice processed',
      );
      expect(await webhookEvents(connector, `&type=Invoice&objectId=${encodeURIComponent(unnamed.id)}`)).toEqual([]);

      const again = await admin<WebhooksReport>('POST', '/webhooks/repair');
      expect(again.status).toBe(200);
      expect(again.body.repairs).toEqual([]);
      expect(again.body.types).toEqual(repaired.body.types);
      expect(await registered()).toEqual(after);
    },
    SLOW,
  );

  it(
    'lists the account whose token ANYMARKET refuses as refused, the others ok, never showing a token',
    async () => {
      const sellers = await listingsSim.sellersWithoutVetting();
      const kept = await app.activate(sellers[0].id, '22449504.', 501, 'e2e-contract-token-kept');
      const dropped = await app.activate(sellers[1].id, '22449504.', 502, 'e2e-contract-token-dropped');
      // ANYMARKET forgets every token (the seller re-issued it, or deleted the integration); the first is issued again.
      expect((await http(`${simulator.url}/_control/anymarket/reset`, { method: 'POST' })).status).toBeLessThan(300);
      await listingsSim.registerToken(kept.token, { id: kept.idAccount, oi: kept.oi });

      const report = await admin<AnymarketAccountsReport>('GET', '/anymarket-accounts');
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({ ok: false, call: 'GET /configuration', counts: { ok: 1, refused: 1 } });
      expect(report.body.accounts).toEqual([
        expect.objectContaining({ accountId: kept.id, idAccount: '501', status: 'ok', message: null }),
        expect.objectContaining({
          accountId: dropped.id,
          idAccount: '502',
          status: 'refused',
          httpStatus: 401,
          message: expect.stringContaining('the seller must save the module again in ANYMARKET'),
        }),
      ]);
      const text = JSON.stringify(report.body) + connector.rawLogs();
      expect(text).not.toContain(kept.token);
      expect(text).not.toContain(dropped.token);
    },
    SLOW,
  );
});
