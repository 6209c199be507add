import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableDatabases, createTestDatabase, eventually, type TestDatabase } from '#common/testing';
import { CONTRACT_FEATURES } from '#marketplacer';
import { startConnectorTestApp, TEST_ADMIN_TOKEN } from '#test-support/connector/connector-test-app';
import type { ContractReport } from '../apps/connector/src/system/contract/contract-check.service.js';
import { ListingsConnector } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { OrdersConnector } from './support/orders-connector.js';
import { OrdersSimulator, type SellableVariant } from './support/orders-simulator.js';
import { freePort, startNode } from './support/processes.js';
import { http, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';
import { webhookEvents, WebhooksSimulator } from './support/webhooks-simulator.js';

/**
 * Issue 21 §3 end to end: the live contract check against the real simulator serving its schema less
 * some fields (SIMULATOR_MARKETPLACER_SCHEMA_DROP's run-time control). The check names the field and
 * the features it switches off; /health/ready says degraded naming them; the admin report, the sync jobs and webhook
 * processing show it; once the drop is lifted and the check run again, everything is ok. Then the
 * built `npm run doctor` against the same simulator: non-zero with the field named, 0 when clean.
 * Scheduling is off; every wait is for a state.
 */
const databases = await availableDatabases();
const SLOW = 120_000;
const KEY = 'e2e-contract-key';
const DROPPED = ['Invoice.shippingCostCents', 'LineItem.totalCents'];
const DOCTOR = 'dist/apps/connector/src/doctor/main.js';

interface Readiness {
  status: string;
  degraded: Array<{ component: string; reason: string }>;
}

/** What readiness says the live contract check switched off. */
const contractParts = (readiness: Readiness) => readiness.degraded.map((each) => each.component).filter((component) => component.startsWith('feature.'));

interface SyncJobView {
  name: string;
  contractFeature: string | null;
  switchedOff: { feature: string; reason: string; documents: string[] } | null;
}

describe.each(databases)('Live contract check end to end on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  let hooks: WebhooksSimulator;
  let sim: OrdersSimulator;
  let variants: SellableVariant[];
  let publicUrl: string;
  const encryptionKey = randomBytes(32).toString('hex');

  const admin = <T>(method: string, path: string) => http<T>(`${connector.url}${path}`, { method, headers: connector.admin });
  const check = async () => (await admin<ContractReport>('POST', '/admin/system/contract/check')).body;
  const dropFields = async (drop: string[]) => {
    const answer = await http(`${simulator.url}/_control/marketplacer/schema`, { method: 'PUT', body: { drop } });
    expect(answer.status).toBe(200);
  };
  const documentOf = (report: ContractReport, operation: string) => report.documents.find((document) => document.operation === operation);

  beforeAll(async () => {
    simulator = await startSimulator({ SIMULATOR_SEED_SELLERS: '4', SIMULATOR_SEED_ADVERTS: '20', SIMULATOR_SEED_INVOICES: '0' });
    hooks = new WebhooksSimulator(simulator.url);
    sim = new OrdersSimulator(simulator.url);
    database = await createTestDatabase(kind, tmpdir());
    // PUBLIC_URL is where the connector listens: the webhooks registered for it deliver to it.
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    const test = await startConnectorTestApp(database.target, {
      SIMULATOR_URL: simulator.url,
      PUBLIC_URL: publicUrl,
      ENCRYPTION_KEY: encryptionKey,
      MARKETPLACER_WEBHOOK_HMAC_KEYS: KEY,
      WEBHOOK_MAX_RETRIES: '0',
    });
    await test.app.listen(port, '127.0.0.1');
    connector = Object.assign(test, { url: publicUrl, admin: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    [{ variants }] = await sim.stockedSellers(new ListingsSimulator(simulator.url), 1);
    // The operator's webhooks to this connector, as the webhooks section wants them.
    await hooks.configure({ url: `${publicUrl}/webhooks/marketplacer`, hmacKey: KEY, enabled: true });
    expect((await admin('POST', '/admin/system/contract/webhooks/repair')).status).toBe(200);
  }, SLOW);

  afterAll(async () => {
    await hooks?.configure({ url: null });
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  it('checked every document at start, in the background, against the simulator: all accepted', async () => {
    const first = await eventually(
      () => admin<ContractReport>('GET', '/admin/system/contract'),
      (answer) => answer.status === 200,
      'the check made at start',
    );
    expect(first.body).toMatchObject({ trigger: 'start', endpoint: `${simulator.url}/graphql`, method: 'introspection', error: null, featuresOff: [] });
    expect(first.body.summary).toMatchObject({ failed: 0, notChecked: 0 });
    expect(first.body.documents.map((document) => document.operation)).toEqual(
      expect.arrayContaining(['InvoicesUpdatedSince', 'InvoiceLineTotals', 'ShipmentCreate']),
    );
  });

  it(
    'a field the live schema lacks: named with its features, health degraded, jobs and webhooks off; lifted: everything ok again',
    async () => {
      await dropFields(DROPPED);
      const failing = await check();
      expect(failing.ok).toBe(false);
      expect(documentOf(failing, 'InvoicesUpdatedSince')).toMatchObject({
        status: 'failed',
        problems: [expect.objectContaining({ kind: 'field', name: 'Invoice.shippingCostCents' })],
        features: ['orders.feed'],
      });
      expect(documentOf(failing, 'InvoiceLineTotals')).toMatchObject({
        status: 'failed',
        problems: [expect.objectContaining({ kind: 'field', name: 'LineItem.totalCents' })],
        features: ['orders.line-totals'],
        detail: true,
      });
      expect(documentOf(failing, 'Brands')?.status).toBe('ok');
      const off = failing.featuresOff.map((feature) => feature.feature);
      expect(off).toEqual(expect.arrayContaining(['orders.feed', 'orders.remotes', 'webhooks.orders', 'orders.line-totals']));
      expect(off).not.toContain('adverts.feed');
      expect(failing.featuresOff.find((feature) => feature.feature === 'orders.line-totals')).toMatchObject({ detail: true });

      // The admin report is the check just made.
      const last = await admin<ContractReport>('GET', '/admin/system/contract');
      expect(last.body).toMatchObject({ trigger: 'admin', checkedAt: failing.checkedAt, ok: false });

      // Readiness: degraded, still 200, each feature off and why.
      const health = await http<Readiness>(`${connector.url}/health/ready`);
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('degraded');
      expect(health.body.degraded).toEqual(
        expect.arrayContaining([
          {
            component: 'feature.orders.feed',
            reason: expect.stringContaining("orders.feed is off: Marketplacer's schema refuses InvoicesUpdatedSince (Invoice.shippingCostCents"),
          },
        ]),
      );

      // The invoices job does not run, and says why; the others do.
      const jobs = (await admin<SyncJobView[]>('GET', '/admin/sync/jobs')).body;
      // Every job that reads Marketplacer names its feature; the orders reconciliation reads only ANYMARKET.
      expect(jobs.filter((job) => job.contractFeature === null).map((job) => job.name)).toEqual(['orders-reconciliation']);
      for (const job of jobs) if (job.contractFeature !== null) expect(Object.keys(CONTRACT_FEATURES)).toContain(job.contractFeature);
      expect(jobs.find((job) => job.name === 'invoices')?.switchedOff).toMatchObject({ feature: 'orders.feed', documents: ['InvoicesUpdatedSince'] });
      expect(jobs.find((job) => job.name === 'adverts')?.switchedOff).toBeNull();
      const refused = await admin<{ error: { code: string; message: string } }>('POST', '/admin/sync/jobs/invoices/run');
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('MARKETPLACER_FEATURE_OFF');
      expect(refused.body.error.message).toContain('orders.feed is off');
      expect(refused.body.error.message).toContain('InvoicesUpdatedSince');

      // An Invoice webhook: stored, then failed at once naming its feature and the document, Marketplacer not asked.
      const made = await http<{ orders: Array<{ invoices: Array<{ id: string }> }> }>(`${simulator.url}/_control/marketplacer/orders`, {
        method: 'POST',
        body: { lines: [{ variantId: variants[0].id, quantity: 1 }], paid: true },
      });
      const invoiceId = made.body.orders[0].invoices[0].id;
      // (An older event of the same invoice may be ignored as superseded: the newest one is what is processed.)
      const events = await eventually(
        async () => (await webhookEvents(connector, '&type=Invoice')).filter((each) => each.objectId === invoiceId),
        (found) => found.length > 0 && found.every((each) => each.state !== 'received'),
        'the Invoice webhooks processed',
      );
      const event = events.find((each) => each.state !== 'ignored');
      expect(event).toMatchObject({ state: 'failed' });
      expect(`${event?.note ?? ''} ${event?.error ?? ''}`).toContain('MARKETPLACER_FEATURE_OFF');
      expect(`${event?.note ?? ''} ${event?.error ?? ''}`).toContain('webhooks.orders is off');
      expect(`${event?.note ?? ''} ${event?.error ?? ''}`).toContain('InvoiceById');

      // Lifted: the next check switches everything back on.
      await dropFields([]);
      const passing = await check();
      expect(passing).toMatchObject({ ok: true, error: null, featuresOff: [], summary: { failed: 0, notChecked: 0 } });
      // (Only what the contract switched off: the feeds this suite never schedules are readiness' other business.)
      expect(contractParts((await http<Readiness>(`${connector.url}/health`)).body)).toEqual([]);
      expect((await admin<SyncJobView[]>('GET', '/admin/sync/jobs')).body.every((job) => job.switchedOff === null)).toBe(true);
      const run = await admin<{ outcome: string }>('POST', '/admin/sync/jobs/invoices/run?wait=true');
      expect(run.status).toBeLessThan(300);
      expect(run.body.outcome).toBe('succeeded');
    },
    SLOW,
  );

  it(
    'an optional detail refused (LineItem.totalCents): health degraded, and a paid invoice still becomes one ANYMARKET order, its line totals shown left out',
    async () => {
      const listings = new ListingsSimulator(simulator.url);
      const orders = new OrdersConnector(connector, listings);
      const [seller] = await sim.stockedSellers(listings, 1);
      await new ListingsConnector(connector, listings).activate(seller.sellerId, '44660077.', 301, 'e2e-contract-orders-token', {
        initialDateForOrderImport: '2020-01-01',
      });
      await dropFields(['LineItem.totalCents']);
      try {
        const report = await check();
        expect(report.featuresOff.map((feature) => feature.feature)).toEqual(['orders.line-totals']);
        const health = await http<Readiness>(`${connector.url}/health`);
        expect({ status: health.status, body: health.body.status, off: contractParts(health.body) }).toEqual({
          status: 200,
          body: 'degraded',
          off: ['feature.orders.line-totals'],
        });

        const [invoice] = await sim.buy([{ variantId: seller.variants[0].id, quantity: 2 }]);
        await orders.pollInvoices();
        const order = await orders.settled(invoice.legacyId);
        expect(order.state).toBe('synced');
        const held = await sim.heldOrders(String(invoice.legacyId));
        expect(held).toHaveLength(1);
        expect(held[0].order.items?.[0]?.amount).toBe(2);
        const detail = (await orders.detail(order.id)) as unknown as { lineTotals: { available: boolean; reason: string | null; lines: unknown[] } };
        expect(detail.lineTotals).toEqual({ available: false, reason: expect.stringContaining('InvoiceLineTotals'), lines: [] });
      } finally {
        await dropFields([]);
        await check();
      }
    },
    SLOW,
  );

  it('refuses the contract routes without the admin token, and a malformed body, with a clear 4xx', async () => {
    expect((await http(`${connector.url}/admin/system/contract`)).status).toBe(401);
    expect((await http(`${connector.url}/admin/system/contract/check`, { method: 'POST' })).status).toBe(401);
    const malformed = await fetch(`${connector.url}/admin/system/contract/check`, {
      method: 'POST',
      headers: { ...connector.admin, 'content-type': 'application/json' },
      body: '{"not json',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBeDefined();
  });

  it(
    '`npm run doctor` (the built CLI) exits non-zero naming the field while it is dropped, and 0 once the schema is whole',
    async () => {
      const env = {
        SIMULATOR_URL: simulator.url,
        PUBLIC_URL: publicUrl,
        MARKETPLACER_WEBHOOK_HMAC_KEYS: KEY,
        ENCRYPTION_KEY: encryptionKey,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'doctor-')),
        DATABASE_URL: database.target.type === 'sqlite' ? `sqlite:${database.target.path ?? ''}` : database.target.url,
      };
      await dropFields(['LineItem.totalCents']);
      const failing = startNode(DOCTOR, env);
      expect(await failing.exited).toBe(1);
      expect(failing.output()).toMatch(/InvoiceLineTotals\s+\| FAIL\s+\| LineItem\.totalCents\s+\| orders\.line-totals \(detail\)/);

      await dropFields([]);
      const passing = startNode(DOCTOR, env);
      expect(await passing.exited).toBe(0);
      expect(passing.output()).toContain('OK: every check passes');
    },
    SLOW,
  );
});
