import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '#common/testing';
import { globalId } from '../state/global-id.js';
import { SimulatorHarness } from '#test-support/simulator/simulator-harness';
import { WEBHOOK_QUERIES } from './webhook-queries.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local endpoint recording every POST; `answers` sets the HTTP status per path (200 otherwise). */
async function startReceiver(): Promise<{ url: string; received: Received[]; answers: Map<string, number>; close(): Promise<void> }> {
  const received: Received[] = [];
  const answers = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = answers.get(req.url ?? '') ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, answers, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const hmac = (key: string, body: string) => createHmac('sha256', key).update(body).digest('base64');

describe('Marketplacer simulator: webhooks registered through the Operator API', () => {
  let sim: SimulatorHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await SimulatorHarness.start({ SIMULATOR_WEBHOOK_HMAC_KEY: 'configured-key', SIMULATOR_WEBHOOK_RETRY_BASE_MS: '10' });
  });

  afterAll(async () => {
    await sim?.stop();
    await receiver?.close();
  });

  beforeEach(async () => {
    expect((await sim.control('POST', '/reset', {})).status).toBe(200);
    receiver.received.length = 0;
    receiver.answers.clear();
  });

  const create = async (attributes: Record<string, unknown>) => (await sim.run('WebhookCreate', { input: { attributes } })).webhookCreate;
  const update = async (webhookId: string, attributes: Record<string, unknown>) =>
    (await sim.run('WebhookUpdate', { input: { webhookId, attributes } })).webhookUpdate;
  const listed = async (variables: Record<string, unknown> = {}) => (await sim.run('Webhooks', variables)).webhooks;
  /** The sequence of the last delivery made so far (ids start again after a reset: later deliveries are this test's). */
  const lastSequence = async (): Promise<number> => (await sim.control('GET', '/webhooks')).body.lastSequence;
  const deliveriesTo = async (webhookId: string, after: number) =>
    ((await sim.control('GET', '/webhooks/deliveries?limit=1000')).body as any[]).filter((d) => d.webhookId === webhookId && d.sequence > after);
  const arrivedAt = (path: string, count = 1) =>
    eventually(
      () => receiver.received.filter((r) => r.path === path),
      (found) => found.length >= count,
      `${count} deliveries at ${path}`,
      10_000,
    );

  it('names the simulated operator as the API key principal', async () => {
    expect(await sim.run('ApiKeyPrincipal')).toEqual({
      apiKeyPrincipal: { emailAddress: 'operator@simulator.example', name: 'Simulator operator', username: 'simulator-operator' },
    });
  });

  it.each([
    [{ url: '' }, [{ field: 'url', messages: ["can't be blank"] }]],
    [{ url: 'ftp://receiver.test/hooks' }, [{ field: 'url', messages: ['is invalid'] }]],
    [{ url: 'not a url' }, [{ field: 'url', messages: ['is invalid'] }]],
    [
      { url: 'https://receiver.test/hooks', maxRetries: 51, concurrentSendLimit: 0 },
      [
        { field: 'maxRetries', messages: ['must be less than or equal to 50'] },
        { field: 'concurrentSendLimit', messages: ['must be greater than or equal to 1'] },
      ],
    ],
    [
      { url: 'https://receiver.test/hooks', maxRetries: -1, concurrentSendLimit: 201 },
      [
        { field: 'maxRetries', messages: ['must be greater than or equal to 0'] },
        { field: 'concurrentSendLimit', messages: ['must be less than or equal to 200'] },
      ],
    ],
  ])('webhookCreate refuses %j with status 422 and field errors', async (attributes, errors) => {
    expect(await create({ type: 'ADVERT', ...attributes })).toEqual({ status: 422, errors, webhook: null });
    expect((await listed()).totalCount).toBe(0);
  });

  it('webhookCreate needs a type (the schema says so) and a seller that exists', async () => {
    const untyped = await sim.graphql(sim.operations.get('WebhookCreate')!.text, { input: { attributes: { url: 'https://receiver.test/hooks' } } });
    expect(untyped.body.errors?.[0].message).toContain('Field "type" of required type "WebhookKlassEnum!" was not provided.');
    const unknownSeller = globalId('Seller', 999_999);
    expect(await create({ type: 'SELLER', url: 'https://receiver.test/hooks', sellerId: unknownSeller })).toEqual({
      status: 404,
      errors: [{ field: 'sellerId', messages: [`No object found for sellerId: ${unknownSeller}`] }],
      webhook: null,
    });
  });

  it("registers webhooks with Marketplacer's defaults, pages them, finds one by node(id), and never shows an HMAC key", async () => {
    const created = await create({ type: 'ADVERT', url: `${receiver.url}/advert`, hmacKey: 'own-key' });
    expect(created).toEqual({
      status: 200,
      errors: [],
      webhook: {
        __typename: 'Webhook',
        id: expect.any(String),
        type: 'ADVERT',
        eventName: null,
        url: `${receiver.url}/advert`,
        enabled: true,
        queryString: null,
        maxRetries: 25,
      },
    });
    const second = (await create({ type: 'SELLER', eventName: 'DESTROY', url: `${receiver.url}/seller`, maxRetries: 0, concurrentSendLimit: 200 })).webhook;

    const node = await sim.graphql('query($id: ID!) { node(id: $id) { __typename id ... on Webhook { type concurrentSendLimit allowSkip } } }', {
      id: created.webhook.id,
    });
    expect(node.body).toEqual({
      data: { node: { __typename: 'Webhook', id: created.webhook.id, type: 'ADVERT', concurrentSendLimit: 100, allowSkip: false } },
    });

    const first = await listed({ first: 1 });
    expect(first).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ id: created.webhook.id }] });
    const rest = await listed({ first: 1, after: first.pageInfo.endCursor });
    expect(rest).toMatchObject({ pageInfo: { hasNextPage: false }, nodes: [{ id: second.id, type: 'SELLER', eventName: 'DESTROY', maxRetries: 0 }] });

    const secret = await sim.graphql('{ webhooks { nodes { hmacKey } } }');
    expect(secret.body.errors?.map((e) => e.message)).toEqual([expect.stringMatching(/^Cannot query field "hmacKey" on type "Webhook"\./)]);
    expect(JSON.stringify((await sim.control('GET', '/webhooks')).body)).not.toContain('own-key');
  });

  it("delivers per the registry: the default query gives only __typename, signed with the webhook's own key or the configured one", async () => {
    const advertHook = (await create({ type: 'ADVERT', url: `${receiver.url}/advert`, hmacKey: 'own-key' })).webhook;
    const sellerHook = (
      await create({ type: 'SELLER', eventName: 'DESTROY', url: `${receiver.url}/seller`, queryString: 'query($id: ID!) { node(id: $id) { __typename id } }' })
    ).webhook;
    const after = await lastSequence();

    expect((await sim.control('POST', '/adverts/100001/unpublish')).status).toBe(200);
    const [advertDelivery] = await arrivedAt('/advert');
    expect(JSON.parse(advertDelivery.body)).toEqual({ id: expect.any(String), event_name: 'update', payload: { data: { node: { __typename: 'Advert' } } } });
    expect(advertDelivery.headers['marketplacer-hmac-256']).toBe(hmac('own-key', advertDelivery.body));

    // An update is not a destroy: the SELLER webhook (eventName DESTROY) gets nothing (deliveries are made as the change happens).
    expect((await sim.control('PATCH', '/sellers/2', { online: false })).status).toBe(200);
    expect(await deliveriesTo(sellerHook.id, after)).toEqual([]);
    expect((await sim.control('PATCH', '/sellers/2', { deleted: true })).status).toBe(200);
    const [sellerDelivery] = await arrivedAt('/seller');
    expect(JSON.parse(sellerDelivery.body)).toMatchObject({
      event_name: 'destroy',
      payload: { data: { node: { __typename: 'DeletedSeller', id: globalId('Seller', 2) } } },
    });
    expect(sellerDelivery.headers['marketplacer-hmac-256']).toBe(hmac('configured-key', sellerDelivery.body));
    expect((await deliveriesTo(advertHook.id, after)).map((d) => [d.nodeId, d.status])).toEqual([[globalId('Advert', 100001), 'sent']]);
  });

  it('webhookUpdate changes what is given; a disabled webhook gets nothing; unknown ids and bad values are refused', async () => {
    const webhook = (await create({ type: 'ADVERT', url: `${receiver.url}/advert` })).webhook;
    expect(await update(webhook.id, { enabled: false })).toMatchObject({ status: 200, errors: [], webhook: { id: webhook.id, enabled: false } });
    const skipped = (await sim.control('GET', '/webhooks')).body.skippedWhileDisabled;
    const after = await lastSequence();
    expect((await sim.control('POST', '/adverts/100001/unpublish')).status).toBe(200);
    expect(await deliveriesTo(webhook.id, after)).toEqual([]);
    expect((await sim.control('GET', '/webhooks')).body.skippedWhileDisabled).toBe(skipped + 1);

    const query = 'query($id: ID!) { node(id: $id) { id } }';
    expect(await update(webhook.id, { enabled: true, eventName: 'DESTROY', maxRetries: 0, queryString: query, url: `${receiver.url}/other` })).toEqual({
      status: 200,
      errors: [],
      webhook: {
        __typename: 'Webhook',
        id: webhook.id,
        type: 'ADVERT',
        eventName: 'DESTROY',
        url: `${receiver.url}/other`,
        enabled: true,
        queryString: query,
        maxRetries: 0,
      },
    });

    const unknown = globalId('Webhook', 999);
    expect(await update(unknown, { enabled: true })).toEqual({
      status: 404,
      errors: [{ field: 'webhookId', messages: [`No object found for webhookId: ${unknown}`] }],
      webhook: null,
    });
    expect(await update(webhook.id, { url: 'nope', maxRetries: 60, type: null })).toEqual({
      status: 422,
      errors: [
        { field: 'url', messages: ['is invalid'] },
        { field: 'type', messages: ["can't be blank"] },
        { field: 'maxRetries', messages: ['must be less than or equal to 50'] },
      ],
      webhook: null,
    });
    expect((await listed()).nodes).toEqual([expect.objectContaining({ url: `${receiver.url}/other`, maxRetries: 0, type: 'ADVERT' })]);
  });

  it('disables a webhook whose endpoint refuses a delivery with a 4xx, and only that one, until webhookUpdate re-enables it', async () => {
    receiver.answers.set('/refusing', 410);
    const refusing = (await create({ type: 'ADVERT', url: `${receiver.url}/refusing` })).webhook;
    const fine = (await create({ type: 'ADVERT', url: `${receiver.url}/fine` })).webhook;
    expect((await sim.control('POST', '/adverts/100001/unpublish')).status).toBe(200);
    await arrivedAt('/fine');
    const disabled = await eventually(
      () => listed(),
      (webhooks) => webhooks.nodes.some((w: any) => w.id === refusing.id && w.enabled === false),
      'the refusing webhook disabled',
    );
    expect(disabled.nodes.map((w: any) => [w.id, w.enabled])).toEqual([
      [refusing.id, false],
      [fine.id, true],
    ]);
    expect((await update(refusing.id, { enabled: true })).webhook.enabled).toBe(true);
  });

  it('forgets the webhooks made through webhookCreate on reset', async () => {
    await create({ type: 'ADVERT', url: `${receiver.url}/advert` });
    expect((await listed()).totalCount).toBe(1);
    expect((await sim.control('POST', '/reset', {})).status).toBe(200);
    expect((await listed()).totalCount).toBe(0);
  });
});

describe('Marketplacer simulator: the configured webhook URL in the registry (demo mode)', () => {
  let sim: SimulatorHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await SimulatorHarness.start({ SIMULATOR_WEBHOOK_URL: `${receiver.url}/hooks` });
  });

  afterAll(async () => {
    await sim?.stop();
    await receiver?.close();
  });

  const listed = async () => (await sim.run('Webhooks', { first: 50 })).webhooks;
  const TYPES: Record<string, string> = {
    Advert: 'ADVERT',
    Variant: 'VARIANT',
    Seller: 'SELLER',
    Invoice: 'INVOICE',
    Shipment: 'SHIPMENT',
    RefundRequest: 'REFUND_REQUEST',
    RemittanceAdvice: 'REMITTANCE_ADVICE',
    OptionType: 'OPTION_TYPE',
    OptionValue: 'OPTION_VALUE',
    Taxon: 'TAXON',
  };

  it('lists one enabled webhook per type the simulator delivers, to SIMULATOR_WEBHOOK_URL with its query; they follow the control API', async () => {
    const expected = Object.entries(WEBHOOK_QUERIES).map(([entity, queryString]) =>
      expect.objectContaining({ type: TYPES[entity], eventName: null, url: `${receiver.url}/hooks`, enabled: true, queryString, maxRetries: 5 }),
    );
    const webhooks = await listed();
    expect(webhooks).toMatchObject({ totalCount: 10, pageInfo: { hasNextPage: false } });
    expect(webhooks.nodes).toEqual(expected);

    expect((await sim.control('POST', '/adverts/100001/unpublish')).status).toBe(200);
    const advertHook = webhooks.nodes.find((w: any) => w.type === 'ADVERT').id;
    const [delivery] = ((await sim.control('GET', '/webhooks/deliveries?limit=10')).body as any[]).filter((d) => d.entity === 'Advert');
    expect(delivery).toMatchObject({ webhookId: advertHook, url: `${receiver.url}/hooks` });
    await eventually(
      () => receiver.received,
      (found) => found.length >= 1,
      'the advert delivery',
    );

    expect((await sim.control('PUT', '/webhooks', { url: null })).status).toBe(200);
    expect((await listed()).totalCount).toBe(0);
    expect((await sim.control('PUT', '/webhooks', { url: `${receiver.url}/elsewhere` })).status).toBe(200);
    expect((await listed()).nodes.map((w: any) => w.url)).toEqual(Array(10).fill(`${receiver.url}/elsewhere`));
    expect((await sim.control('POST', '/reset', {})).status).toBe(200);
    expect((await listed()).nodes.map((w: any) => [w.type, w.url])).toEqual(Object.values(TYPES).map((type) => [type, `${receiver.url}/elsewhere`]));
  });
});
