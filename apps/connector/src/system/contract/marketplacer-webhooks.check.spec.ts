import { Logger } from '@nestjs/common';
import { DomainError } from '#common';
import { MarketplacerError, type MarketplacerWebhook, type MarketplacerWebhookCreate, type MarketplacerWebhooks } from '#marketplacer';
import { ApolloMarketplacerWebhooks } from '../../../../../libs/marketplacer/src/adapters/apollo-marketplacer-webhooks.js';
import { MarketplacerClient } from '../../../../../libs/marketplacer/src/client/marketplacer-client.js';
import { FakeTiming, testConnection } from '../../../../../libs/marketplacer/src/testing/index.js';
import type { FaultSettings } from '../../../../simulator/src/marketplacer/http/fault-injector.js';
import { SimulatedMarketplacer } from '../../../../simulator/src/marketplacer/simulated-marketplacer.js';
import { SimulatorHarness } from '#test-support/simulator/simulator-harness';
import type { ConnectorConfig } from '../../config/connector.config.js';
import { WebhookHandlers } from '../../webhooks/webhook-handlers.js';
import type { WorkQueue } from '../../work/work-queue.js';
import { MarketplacerWebhooksCheck, normalisedUrl, webhookTypeOf, type WebhooksReport } from './marketplacer-webhooks.check.js';
import { CONNECTOR_WEBHOOK_QUERY } from './webhook-query.js';

/** The types the connector's contexts register handlers for (orders, products, sellers, categorization). */
const HANDLED = ['Advert', 'Variant', 'Invoice', 'Shipment', 'RefundRequest', 'Seller', 'RemittanceAdvice', 'OptionType', 'OptionValue', 'Taxon', 'Prototype'];
const PUBLIC_URL = 'https://connector.example.com';
const OURS = `${PUBLIC_URL}/webhooks/marketplacer`;
const KEY = 'webhook-key-new';

function configOf(overrides: Partial<ConnectorConfig> = {}): ConnectorConfig {
  return {
    publicUrl: PUBLIC_URL,
    port: 3000,
    marketplacerApiUrl: 'https://instance.example.com/graphql',
    marketplacerWebhookHmacKeys: `${KEY}, webhook-key-old`,
    ...overrides,
  } as ConnectorConfig;
}

function handlers(types = HANDLED): WebhookHandlers {
  const registry = new WebhookHandlers();
  registry.register(types, () => Promise.resolve({ applied: true, note: '' }));
  return registry;
}

/** The repairs here run one after the other: the WorkQueue's keyed run has nothing to wait for. */
const runsAtOnce = { runKeyed: (_scope: string, _key: string, work: () => Promise<unknown>) => work() } as unknown as WorkQueue;

const typeOf = (report: WebhooksReport, handledType: string) => report.types.find((type) => type.handledType === handledType)!;

/** The check on the library's real Webhooks adapter, against the simulated Marketplacer in-process. */
describe('MarketplacerWebhooksCheck', () => {
  let sim: SimulatorHarness;
  let client: MarketplacerClient;
  let port: MarketplacerWebhooks;

  const state = () => sim.app.get(SimulatedMarketplacer).state;
  const check = (config = configOf()) => new MarketplacerWebhooksCheck(port, handlers(), config, runsAtOnce);
  /** Every registered webhook as the simulator holds it (hmacKey included, which the API never shows). */
  const registered = () =>
    state()
      .webhooks.list()
      .map((webhook) => ({ ...webhook }));
  const setFaults = async (faults: Partial<FaultSettings>) => expect((await sim.control('PUT', '/faults', faults)).status).toBe(200);
  async function requestsOf(operationName: string): Promise<number> {
    const log = await sim.control<{ byOperation: Record<string, number> }>('GET', '/requests?limit=0');
    return log.body.byOperation[operationName] ?? 0;
  }
  const create = (input: Partial<MarketplacerWebhookCreate> & Pick<MarketplacerWebhookCreate, 'type'>): Promise<MarketplacerWebhook> =>
    port.createWebhook({ url: OURS, queryString: CONNECTOR_WEBHOOK_QUERY, enabled: true, hmacKey: 'operator-key', ...input });

  beforeAll(async () => {
    Logger.overrideLogger(false);
    sim = await SimulatorHarness.start();
    client = new MarketplacerClient(testConnection(`${sim.baseUrl}/graphql`, { maxAttempts: 3 }), {
      timing: new FakeTiming(),
      logger: { warn: () => undefined },
    });
    port = new ApolloMarketplacerWebhooks(client);
  });
  afterAll(async () => {
    client?.stop();
    await sim?.stop();
  });
  beforeEach(async () => {
    expect((await sim.control('POST', '/reset', {})).status).toBeLessThan(300);
  });

  it('maps each handled __typename to Marketplacer’s webhook type, and knows it has none for Prototype', () => {
    expect(Object.fromEntries(HANDLED.map((type) => [type, webhookTypeOf(type)]))).toEqual({
      Advert: 'ADVERT',
      Variant: 'VARIANT',
      Invoice: 'INVOICE',
      Shipment: 'SHIPMENT',
      RefundRequest: 'REFUND_REQUEST',
      Seller: 'SELLER',
      RemittanceAdvice: 'REMITTANCE_ADVICE',
      OptionType: 'OPTION_TYPE',
      OptionValue: 'OPTION_VALUE',
      Taxon: 'TAXON',
      Prototype: null,
    });
  });

  it('compares URLs normalised: case, default port, trailing slash, query', () => {
    const ours = normalisedUrl(OURS);
    for (const same of ['HTTPS://Connector.Example.com:443/webhooks/marketplacer/', 'https://connector.example.com/Webhooks/Marketplacer?x=1', ` ${OURS} `]) {
      expect(normalisedUrl(same)).toBe(ours);
    }
    for (const other of ['http://connector.example.com/webhooks/marketplacer', 'https://connector.example.com:8443/webhooks/marketplacer', `${OURS}/x`]) {
      expect(normalisedUrl(other)).not.toBe(ours);
    }
    expect(normalisedUrl('not a url')).toBeNull();
    expect(normalisedUrl('http://127.0.0.1:3000/webhooks/marketplacer')).toBe(normalisedUrl('http://localhost:3000/webhooks/marketplacer'));
    expect(normalisedUrl('http://[::1]:3000/webhooks/marketplacer')).toBe(normalisedUrl('http://localhost:3000/webhooks/marketplacer'));
    expect(normalisedUrl('http://127.0.0.1:3001/webhooks/marketplacer')).not.toBe(normalisedUrl('http://localhost:3000/webhooks/marketplacer'));
  });

  it('reports every handled type unregistered on an instance with no webhooks', async () => {
    const report = await check().run();
    expect(report).toMatchObject({ ok: false, url: OURS, hmacKeyConfigured: true, unhandled: [], elsewhere: [], error: null });
    expect(report.repairs).toBeUndefined();
    expect(report.types.map((type) => type.handledType)).toEqual([...HANDLED].sort());
    expect(typeOf(report, 'Invoice')).toEqual({
      handledType: 'Invoice',
      webhookType: 'INVOICE',
      ok: false,
      registered: false,
      enabled: false,
      missingEvents: ['CREATE', 'UPDATE', 'DESTROY'],
      problems: [`no INVOICE webhook delivers to ${OURS}`],
      note: null,
      webhooks: [],
    });
    expect(typeOf(report, 'Prototype')).toMatchObject({ webhookType: null, ok: true, note: expect.stringContaining('no webhook type for Prototype') });
  });

  it('flags a webhook without id in its query, a disabled one, an event filter; lists the others untouched', async () => {
    const invoice = await create({ type: 'INVOICE', queryString: null as unknown as string });
    const advert = await create({ type: 'ADVERT', queryString: 'query($id: ID!) { node(id: $id) { __typename ... on Advert { id title } } }' });
    const seller = await create({ type: 'SELLER', enabled: false, url: 'https://CONNECTOR.example.com/webhooks/marketplacer/' });
    await create({ type: 'VARIANT', eventName: 'UPDATE' });
    const broken = await create({ type: 'SHIPMENT', queryString: 'query($id: ID!) { node(id: $id) { __typename id }' });
    const elsewhere = await create({ type: 'INVOICE', url: 'https://erp.example.com/hooks', queryString: null as unknown as string });
    const promotion = await create({ type: 'PROMOTION' });

    const report = await check().run();
    expect(report.ok).toBe(false);
    expect(typeOf(report, 'Invoice')).toMatchObject({ ok: false, registered: true, enabled: true, missingEvents: [] });
    expect(typeOf(report, 'Invoice').webhooks).toEqual([
      expect.objectContaining({
        id: invoice.id,
        queryString: null,
        queryOk: false,
        missingFields: ['id'],
        queryProblems: [expect.stringMatching(/^no query/)],
      }),
    ]);
    expect(typeOf(report, 'Invoice').problems).toEqual([expect.stringMatching(new RegExp(`^webhook ${invoice.id}: no query: .*lacks id$`))]);
    expect(typeOf(report, 'Advert').webhooks[0]).toMatchObject({ id: advert.id, queryOk: false, missingFields: ['id'] });
    expect(typeOf(report, 'Seller')).toMatchObject({ ok: false, registered: true, enabled: false, problems: [`webhook ${seller.id} is disabled`] });
    expect(typeOf(report, 'Variant')).toMatchObject({
      ok: false,
      missingEvents: ['CREATE', 'DESTROY'],
      problems: [expect.stringContaining('leave out CREATE, DESTROY')],
      note: expect.stringContaining('portal'),
    });
    expect(typeOf(report, 'Shipment').problems).toEqual([expect.stringContaining('does not parse')]);
    expect(typeOf(report, 'Shipment').webhooks[0]).toMatchObject({ id: broken.id, missingFields: ['__typename', 'id'] });
    expect(report.elsewhere.map((webhook) => webhook.id)).toEqual([elsewhere.id]);
    expect(report.unhandled.map((webhook) => webhook.id)).toEqual([promotion.id]);
    expect(typeOf(report, 'RefundRequest')).toMatchObject({ registered: false, ok: false });
  });

  it('repairs: registers the missing types signed with the first key, fixes its own webhooks, touches nothing else; a second repair changes nothing', async () => {
    const invoice = await create({ type: 'INVOICE', queryString: null as unknown as string });
    const seller = await create({ type: 'SELLER', enabled: false });
    const variant = await create({ type: 'VARIANT', eventName: 'UPDATE' });
    const elsewhere = await create({ type: 'ADVERT', url: 'https://erp.example.com/hooks', queryString: null as unknown as string, enabled: false });
    const untouched = registered().find((webhook) => webhook.url === 'https://erp.example.com/hooks');

    const repaired = await check().repair();
    const created = (repaired.repairs ?? []).filter((action) => action.action === 'created');
    expect(created.map((action) => action.webhookType).sort()).toEqual(
      ['ADVERT', 'SHIPMENT', 'REFUND_REQUEST', 'REMITTANCE_ADVICE', 'OPTION_TYPE', 'OPTION_VALUE', 'TAXON'].sort(),
    );
    expect(repaired.repairs).toEqual(
      expect.arrayContaining([
        { action: 'updated', webhookType: 'INVOICE', webhookId: invoice.id, changes: ['queryString'], error: null },
        { action: 'updated', webhookType: 'SELLER', webhookId: seller.id, changes: ['enabled'], error: null },
      ]),
    );
    expect(repaired.repairs).toHaveLength(9);
    // The report is the list read again: every type right but the event filter, which is the operator's.
    expect(repaired.types.filter((type) => !type.ok).map((type) => type.handledType)).toEqual(['Variant']);
    expect(typeOf(repaired, 'Variant').webhooks[0]).toMatchObject({ id: variant.id, eventName: 'UPDATE' });
    expect(repaired.ok).toBe(false);

    const ours = registered().filter((webhook) => webhook.url === OURS);
    const made = ours.filter((webhook) => created.some((action) => action.webhookId?.length && webhook.type === action.webhookType));
    expect(made).toHaveLength(7);
    for (const webhook of made) expect(webhook).toMatchObject({ queryString: CONNECTOR_WEBHOOK_QUERY, enabled: true, hmacKey: KEY, eventName: null });
    // Existing webhooks keep their key (repair never sends one for them); the one elsewhere is exactly as it was.
    expect(ours.find((webhook) => webhook.type === 'INVOICE')).toMatchObject({ hmacKey: 'operator-key', queryString: CONNECTOR_WEBHOOK_QUERY });
    expect(registered().find((webhook) => webhook.url === 'https://erp.example.com/hooks')).toEqual(untouched);
    expect(repaired.elsewhere.map((webhook) => webhook.id)).toEqual([elsewhere.id]);

    const before = registered();
    const creates = await requestsOf('WebhookCreate');
    const updates = await requestsOf('WebhookUpdate');
    const again = await check().repair();
    expect(again.repairs).toEqual([]);
    expect(registered()).toEqual(before);
    expect(await requestsOf('WebhookCreate')).toBe(creates);
    expect(await requestsOf('WebhookUpdate')).toBe(updates);
    expect(again.types).toEqual(repaired.types);
  });

  it('repairs an instance with nothing into one where every type is ok, never logging the key', async () => {
    const lines: unknown[] = [];
    const keep = (...message: unknown[]) => void lines.push(message);
    Logger.overrideLogger({ log: keep, warn: keep, error: keep, debug: keep, verbose: keep, fatal: keep });
    let report: WebhooksReport;
    try {
      report = await check().repair();
    } finally {
      Logger.overrideLogger(false);
    }
    expect(lines.length).toBe(10);
    expect(JSON.stringify(lines)).not.toContain(KEY);
    expect(JSON.stringify(report)).not.toContain(KEY);
    expect(report.ok).toBe(true);
    expect(report.repairs).toHaveLength(10);
    expect(report.types.every((type) => type.ok)).toBe(true);
    await expect(check().run()).resolves.toMatchObject({ ok: true });
  });

  it('refuses to repair without a webhook HMAC key (409), calling nothing', async () => {
    const noKey = check(configOf({ marketplacerWebhookHmacKeys: undefined }));
    const error = (await noKey.repair().catch((caught: unknown) => caught)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'WEBHOOK_HMAC_KEY_MISSING', kind: 'conflict' });
    expect(await requestsOf('Webhooks')).toBe(0);
    await expect(noKey.run()).resolves.toMatchObject({ hmacKeyConfigured: false });
  });

  it('in demo mode (no Marketplacer URL, no key) signs with the demo key the receiver accepts', async () => {
    await check(configOf({ marketplacerApiUrl: undefined, marketplacerWebhookHmacKeys: undefined })).repair();
    expect(new Set(registered().map((webhook) => webhook.hmacKey))).toEqual(new Set(['demo-marketplacer-webhook-hmac-key']));
  });

  it('finds a webhook whose create answer was lost instead of making it twice', async () => {
    await setFaults({ loseNextAnswers: { count: 1, operationName: 'WebhookCreate' } });
    const report = await check().repair();
    expect(report.repairs?.filter((action) => action.action === 'created')).toHaveLength(10);
    expect(report.ok).toBe(true);
    const types = registered().map((webhook) => webhook.type);
    expect(types).toHaveLength(new Set(types).size);
    // Each create sent once (never repeated after the lost answer); the list read before, once after the loss, and for the report.
    expect(await requestsOf('WebhookCreate')).toBe(10);
    expect(await requestsOf('Webhooks')).toBe(3);
  });

  it('goes on when one change fails, and reports it', async () => {
    await create({ type: 'INVOICE', queryString: null as unknown as string });
    await setFaults({ failNextRequests: { count: 10, status: 502, operationName: 'WebhookUpdate' } });
    const report = await check().repair();
    expect(report.repairs?.find((action) => action.webhookType === 'INVOICE')).toMatchObject({
      action: 'failed',
      changes: ['queryString'],
      error: { code: 'MARKETPLACER_UNAVAILABLE' },
    });
    expect(report.repairs?.filter((action) => action.action === 'created')).toHaveLength(9);
    expect(typeOf(report, 'Invoice')).toMatchObject({ ok: false });
  });

  it('reports, rather than throws, when Marketplacer cannot be read; repair then fails with the coded error', async () => {
    await setFaults({ failNextRequests: { count: 100, status: 503, operationName: 'Webhooks' } });
    const report = await check().run();
    expect(report).toMatchObject({ ok: false, types: [], error: { code: 'MARKETPLACER_UNAVAILABLE' } });
    await expect(check().repair()).rejects.toBeInstanceOf(MarketplacerError);
  });
});
