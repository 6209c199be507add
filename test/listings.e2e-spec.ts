import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import type { SkuMarketplace } from '#anymarket';
import { DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY } from '#marketplacer';
import { availableDatabases, createTestDatabase, eventually, type TestDatabase } from '#common/testing';
import { DataSource } from 'typeorm';
import { SyncService } from '../apps/connector/src/sync/sync.service.js';
import { ListingsConnector, type ActivatedAccount } from './support/listings-connector.js';
import { isPutOf, ListingsSimulator, type SimulatedAdvert, type SimulatedCatalogue, type SimulatedSeller } from './support/listings-simulator.js';
import { http, startCheckEnded, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';
import { webhookEvents, WebhooksSimulator } from './support/webhooks-simulator.js';

/**
 * Issue 5 end to end: ANYMARKET's sendProduct turned into a Marketplacer advert and reported back,
 * and Marketplacer-side changes reported through the adverts poll, with the real connector and the
 * real simulator (both halves) over HTTP, nothing faked. Demo mode: the connector trusts the
 * development key that signs the x-anymarket-tokens here.
 */
const databases = await availableDatabases();

/** The spec's example transmissions, seeded by the simulated ANYMARKET. */
const SIMPLE = 61234;
const VARIATION = 61233;
const NEW_PUBLICATION = {
  publicationStatus: 'UNPUBLISHED',
  marketplaceStatus: 'O Marketplace está processando a atualização',
  transmissionStatus: 'WAITING_SYNC',
};
/** The main account's price rule: the SKU's price × 1.5, then 10 % off. */
const PRICE_RULE = { priceFactor: 1.5, discountType: 'PERCENT', discountValue: 10 };
const SLOW = 60_000;

describe.each(databases)('listings end to end on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  let sim: ListingsSimulator;
  let app: ListingsConnector;
  let catalogue: SimulatedCatalogue;
  let spec: { simple: SkuMarketplace; variation: SkuMarketplace };
  let sellers: SimulatedSeller[];
  let main: ActivatedAccount;
  const suiteStart = new Date();
  /** Shared by every connector process of the suite, so each can read the ANYMARKET tokens the others stored. */
  const env = {
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    ANYMARKET_RATE_LIMIT_PER_SECOND: '500',
    // Short retries: a listing retried when it should not be shows up in seconds, not minutes.
    LISTING_MAX_ATTEMPTS: '3',
    LISTING_RETRY_BASE_MS: '20',
    // One account at a time per process, so two processes ticking together share the accounts out.
    SYNC_CONCURRENCY: '1',
  };

  beforeAll(async () => {
    // Enough seeded adverts to make one account's change feed span two pages of 500 (last test).
    simulator = await startSimulator({ SIMULATOR_SEED_SELLERS: '8', SIMULATOR_SEED_ADVERTS: '600', SIMULATOR_ANYMARKET_RATE_LIMIT_PER_SECOND: '1000' });
    sim = new ListingsSimulator(simulator.url);
    database = await createTestDatabase(kind, tmpdir());
    connector = await startConnector(database.target, simulator.url, env);
    app = new ListingsConnector(connector, sim);
    const refreshed = await fetch(`${connector.url}/admin/taxonomy/refresh`, { method: 'POST', headers: connector.admin });
    expect(refreshed.status).toBe(200);
    catalogue = await sim.catalogue();
    spec = { simple: await sim.transmission(SIMPLE), variation: await sim.transmission(VARIATION) };
    sellers = await sim.sellersWithoutVetting();
    expect(sellers.length).toBeGreaterThanOrEqual(5);
    main = await app.activate(sellers[0].id, '22449504.', 127, 'e2e-listings-token-main', PRICE_RULE);
  }, SLOW);

  afterAll(async () => {
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  /** The transmission with ANYMARKET's category, brand and variation codes mapped to the simulated Marketplacer's ids. */
  function mapped(transmission: SkuMarketplace, account: ActivatedAccount): SkuMarketplace {
    const t = structuredClone(transmission);
    t.idAccount = account.idAccount;
    t.sku.product.category = { ...t.sku.product.category!, idInMarketplace: catalogue.leafTaxonId };
    t.sku.product.brand = { ...t.sku.product.brand!, idInMarketplace: catalogue.brandId };
    t.sku.variations = t.sku.variations?.map((variation) => ({
      ...variation,
      idInMarketplace: catalogue.colour.blue.id,
      type: { ...variation.type, idInMarketplace: catalogue.colour.typeId },
    }));
    return t;
  }

  /** Another simple product (its own ANYMARKET product, SKU and transmission id), mapped. */
  function simpleProduct(id: number, account: ActivatedAccount): SkuMarketplace {
    const t = mapped(spec.simple, account);
    t.id = id;
    t.title = `Produto e2e ${id}`;
    t.skuInMarketplace = `E2E-${id}`;
    t.sku = { ...t.sku, id: 1_900_000 + id, partnerId: `E2E-${id}`, product: { ...t.sku.product, id: 2_900_000 + id } };
    return t;
  }

  /** Puts the transmission into the simulated ANYMARKET, sends it, and waits for the connector's work on it to end. */
  async function publish(account: ActivatedAccount, transmission: SkuMarketplace) {
    await sim.putTransmission(transmission);
    const answer = await app.sendProduct(account, transmission);
    expect(answer).toEqual({ status: 200, body: NEW_PUBLICATION });
    return app.settled((await app.listingOf(account, transmission.id)).id);
  }

  /** The listings of `ids` once their work ended, all synced. */
  async function publishAll(account: ActivatedAccount, ids: number[]) {
    const listings = [];
    for (const id of ids) listings.push(await publish(account, simpleProduct(id, account)));
    expect(listings.map((listing) => listing.state)).toEqual(ids.map(() => 'synced'));
    return listings;
  }

  const advertWithSku = (adverts: SimulatedAdvert[], sku: string) => adverts.find((advert) => advert.variants.nodes.some((variant) => variant.sku === sku));
  const callCount = async () => (await sim.calls()).length;
  /** The `PUT /skumarketplace/{id}` calls received since `from` (an index into the calls log), per transmission. */
  async function putsSince(from: number, ids: number[]) {
    const calls = (await sim.calls()).slice(from);
    return Object.fromEntries(ids.map((id) => [id, calls.filter((call) => isPutOf(call, id)).map((call) => call.body as Record<string, unknown>)]));
  }

  it("publishes the spec's simple and variation products in Marketplacer and reports them ACTIVE", async () => {
    const simple = mapped(spec.simple, main);
    const variation = mapped(spec.variation, main);
    const callsBefore = await callCount();

    const simpleListing = await publish(main, simple);
    const variationListing = await publish(main, variation);
    expect(simpleListing).toMatchObject({ state: 'synced', publicationStatus: 'ACTIVE', transmissionStatus: 'OK' });
    expect(variationListing).toMatchObject({ state: 'synced', publicationStatus: 'ACTIVE', transmissionStatus: 'OK' });

    const adverts = await sim.advertsOf(main.sellerId);
    const simpleAdvert = advertWithSku(adverts, simple.skuInMarketplace)!;
    expect(simpleAdvert).toMatchObject({
      title: simple.title,
      published: true,
      vetted: true,
      brand: { id: catalogue.brandId },
      taxonNullable: { id: catalogue.leafTaxonId },
      seller: { id: main.sellerId },
    });
    // sku.price 10 × 1.5 = 15, then 10 % off = 13.5 (Marketplacer prints decimals as Ruby BigDecimals: "15.0");
    // stock = the transmission's availableAmount.
    expect(simpleAdvert.variants.nodes).toEqual([
      expect.objectContaining({
        sku: 'testeAny',
        barcode: '8212345678910',
        countOnHand: 10,
        published: true,
        editablePrice: '15.0',
        editableSalePrice: '13.5',
      }),
    ]);

    const variationAdvert = advertWithSku(adverts, variation.skuInMarketplace)!;
    // One advert per ANYMARKET product, named after the product (the transmission title names one SKU).
    expect(variationAdvert).toMatchObject({ title: variation.sku.product.title, published: true, taxonNullable: { id: catalogue.leafTaxonId } });
    // sku.price 20 × 1.5 = 30, then 10 % off = 27.
    expect(variationAdvert.variants.nodes).toEqual([
      expect.objectContaining({
        sku: 'COMVARIAOAZUL',
        countOnHand: 10,
        editablePrice: '30.0',
        editableSalePrice: '27.0',
        optionValues: { nodes: [{ id: catalogue.colour.blue.id, name: 'Blue', optionType: { id: catalogue.colour.typeId, name: 'Colour' } }] },
      }),
    ]);

    // ANYMARKET was read, then told the real status once per transmission.
    const puts = await putsSince(callsBefore, [SIMPLE, VARIATION]);
    expect(puts[SIMPLE]).toEqual([
      {
        idInMarketplace: simpleAdvert.id,
        idInSite: String(simpleAdvert.legacyId),
        skuInMarketplace: 'testeAny',
        marketplaceStatus: 'ATIVO - estoque: 10, preço: 15.0, promoção: 13.5',
        idSku: simple.sku.id,
        transmissionStatus: 'OK',
        errorMsg: '',
        status: 'ACTIVE',
      },
    ]);
    expect(puts[VARIATION]).toEqual([
      expect.objectContaining({
        idInMarketplace: variationAdvert.id,
        skuInMarketplace: 'COMVARIAOAZUL',
        idSku: variation.sku.id,
        transmissionStatus: 'OK',
        status: 'ACTIVE',
        errorMsg: '',
      }),
    ]);
    const reads = (await sim.calls())
      .slice(callsBefore)
      .filter((call) => call.method === 'GET')
      .map((call) => call.path);
    expect(reads).toEqual([`/anymarket/marketplace/api/skumarketplace/${SIMPLE}`, `/anymarket/marketplace/api/skumarketplace/${VARIATION}`]);
  });

  it("reports Marketplacer's refusal to ANYMARKET as ERROR with Marketplacer's message", async () => {
    const onParent = simpleProduct(62001, main);
    onParent.sku.product.category = { ...onParent.sku.product.category!, idInMarketplace: catalogue.parentTaxon.id };
    const callsBefore = await callCount();

    const listing = await publish(main, onParent);

    expect(listing).toMatchObject({ state: 'error', advertId: null, publicationStatus: 'UNPUBLISHED', transmissionStatus: 'ERROR' });
    const puts = await putsSince(callsBefore, [62001]);
    expect(puts[62001]).toEqual([
      expect.objectContaining({
        status: 'UNPUBLISHED',
        transmissionStatus: 'ERROR',
        errorMsg: expect.stringContaining(`taxonId: ${catalogue.parentTaxon.displayName} has sub-categories; choose one of them`),
      }),
    ]);
    expect(advertWithSku(await sim.advertsOf(main.sellerId), onParent.skuInMarketplace)).toBeUndefined();
  });

  it('creates one advert when Marketplacer made it but its answer was lost, and reports it ACTIVE', async () => {
    const product = simpleProduct(62010, main);
    const createsBefore = await sim.operationCount('AdvertUpsert');
    await sim.loseNextAnswerOf('AdvertUpsert');

    const listing = await publish(main, product);

    const adverts = (await sim.advertsOf(main.sellerId)).filter((advert) => advert.variants.nodes.some((variant) => variant.sku === product.skuInMarketplace));
    expect(adverts).toHaveLength(1);
    expect(adverts[0].variants.nodes).toHaveLength(1);
    expect(listing).toMatchObject({ state: 'synced', advertId: adverts[0].id, variantId: adverts[0].variants.nodes[0].id, lastError: null });
    // The lost create, then one update of the advert it made (found by its external id); no second create.
    expect((await sim.operationCount('AdvertUpsert')) - createsBefore).toBe(2);
    expect(await sim.operationCount('AdvertsByExternalId')).toBeGreaterThanOrEqual(1);
    expect((await sim.putsFor(62010)).at(-1)).toMatchObject({ status: 'ACTIVE', transmissionStatus: 'OK' });
  });

  it("reports an unknown brand at once as ERROR with Marketplacer's message, without retrying what cannot pass", async () => {
    const unknownBrand = Buffer.from('Brand-99999').toString('base64');
    const product = simpleProduct(62002, main);
    product.sku.product.brand = { ...product.sku.product.brand!, idInMarketplace: unknownBrand };
    const callsBefore = await callCount();
    const upsertsBefore = await sim.operationCount('AdvertUpsert');

    const listing = await publish(main, product);

    // Marketplacer refused the advert itself, which no retry changes: one attempt, reported with its field message.
    expect({
      advertUpserts: (await sim.operationCount('AdvertUpsert')) - upsertsBefore,
      listing: { state: listing.state, advertId: listing.advertId, transmissionStatus: listing.transmissionStatus },
      puts: (await putsSince(callsBefore, [62002]))[62002],
    }).toEqual({
      advertUpserts: 1,
      listing: { state: 'error', advertId: null, transmissionStatus: 'ERROR' },
      puts: [
        expect.objectContaining({ status: 'UNPUBLISHED', transmissionStatus: 'ERROR', errorMsg: `brandId: No object found for brandId: ${unknownBrand}` }),
      ],
    });
  });

  it('keeps a published listing on its advert when an update is refused for an unknown brand', async () => {
    const product = simpleProduct(62003, main);
    const published = await publish(main, product);
    expect(published).toMatchObject({ state: 'synced', advertId: expect.any(String) });

    // The seller maps a brand Marketplacer does not know and sends an update: refused.
    const badBrand = structuredClone(product);
    badBrand.sku.product.brand = { ...badBrand.sku.product.brand!, idInMarketplace: Buffer.from('Brand-99998').toString('base64') };
    await sim.putTransmission(badBrand);
    expect((await app.sendProduct(main, badBrand, { status: 'ACTIVE' })).status).toBe(200);
    const refused = await app.settled(published.id);

    // Fixed and sent again: the same advert is updated, no second advert appears.
    await sim.putTransmission(product);
    expect((await app.sendProduct(main, product, { status: 'ACTIVE' })).status).toBe(200);
    const fixed = await app.settled(published.id);
    const adverts = (await sim.advertsOf(main.sellerId)).filter((advert) => advert.variants.nodes.some((variant) => variant.sku === product.skuInMarketplace));

    expect({
      refused: [refused.state, refused.advertId],
      fixed: [fixed.state, fixed.advertId],
      advertsWithTheSku: adverts.map((advert) => ({ id: advert.id, published: advert.published })),
    }).toEqual({
      refused: ['error', published.advertId],
      fixed: ['synced', published.advertId],
      advertsWithTheSku: [{ id: published.advertId, published: true }],
    });
  });

  it('reports an unpublish, a vetting rejection and stock edits made in Marketplacer through the poll, once', async () => {
    const [unpublished, rejected, sold, restocked] = await publishAll(main, [63001, 63002, 63003, 63004]);
    // Nothing changed in Marketplacer since the sendProducts: nothing to report.
    expect(await app.poll()).toMatchObject({ outcome: 'succeeded', itemsChanged: 0, itemsFailed: 0 });

    await sim.unpublish(unpublished.advertId!);
    await sim.rejectVetting(rejected.advertId!, 'Imagens fora do padrão do marketplace');
    await sim.editVariant(sold.variantId!, { countOnHand: 0 });
    // Marketplacer's updatedAt has whole seconds and the next scan re-reads the newest second; the last
    // change lands in a later second than the unpublish, whose re-read would cost a details request.
    await sim.advanceClock(1000);
    await sim.editVariant(restocked.variantId!, { countOnHand: 7 });
    const callsBefore = await callCount();

    const run = await app.poll();

    expect(run).toMatchObject({ outcome: 'succeeded', itemsChanged: 4, itemsFailed: 0 });
    const calls = (await sim.calls()).slice(callsBefore);
    expect(calls.map((call) => call.method)).toEqual(['PUT', 'PUT', 'PUT', 'PUT']);
    const puts = await putsSince(callsBefore, [63001, 63002, 63003, 63004]);
    expect(puts[63001]).toEqual([
      expect.objectContaining({ status: 'PAUSED', transmissionStatus: 'OK', marketplaceStatus: 'PAUSADO - anúncio despublicado no marketplace', errorMsg: '' }),
    ]);
    expect(puts[63002]).toEqual([
      expect.objectContaining({ status: 'UNPUBLISHED', transmissionStatus: 'ERROR', errorMsg: 'Imagens fora do padrão do marketplace' }),
    ]);
    expect(puts[63003]).toEqual([
      expect.objectContaining({ status: 'WITHOUT_STOCK', transmissionStatus: 'OK', marketplaceStatus: 'SEM ESTOQUE, preço: 15.0, promoção: 13.5' }),
    ]);
    expect(puts[63004]).toEqual([
      expect.objectContaining({ status: 'ACTIVE', transmissionStatus: 'OK', marketplaceStatus: 'ATIVO - estoque: 7, preço: 15.0, promoção: 13.5' }),
    ]);

    // A second poll with nothing changed: no ANYMARKET call, one Marketplacer request (the change feed).
    const quietCalls = await callCount();
    const quietRequests = await sim.requestCount();
    expect(await app.poll()).toMatchObject({ outcome: 'succeeded', itemsChanged: 0, itemsFailed: 0 });
    expect(await sim.requestCount()).toBe(quietRequests + 1);
    expect(await callCount()).toBe(quietCalls);
  });

  it(
    "stops a seller's account after the directory poll sees it offline, without a Marketplacer request per activation, and catches its listings up once it is back",
    async () => {
      const [listing] = await publishAll(main, [63101]);
      expect(await app.poll('sellers')).toMatchObject({ outcome: 'succeeded', itemsFailed: 0 });

      // A fresh directory answers activation: no Marketplacer request per call.
      const quiet = await sim.requestCount();
      for (let call = 0; call < 3; call++) expect(await app.testIntegration(main)).toEqual({ status: 200, body: true });
      expect(await sim.requestCount()).toBe(quiet);

      await sim.editSeller(main.sellerId, { online: false });
      expect(await app.poll('sellers')).toMatchObject({ outcome: 'succeeded', itemsChanged: 1, itemsFailed: 0 });
      expect(await app.accountView(main)).toMatchObject({ active: false, inactiveReason: 'the seller is offline in Marketplacer' });
      const offline = await sim.requestCount();
      expect(await app.testIntegration(main)).toEqual({ status: 401, body: false });
      expect(await sim.requestCount()).toBe(offline);

      // Its listings stop: ANYMARKET's new publications are refused, Marketplacer's changes are not reported.
      const refused = await app.sendProduct(main, simpleProduct(63102, main));
      expect(refused).toMatchObject({ status: 404, body: { code: 'ANYMARKET_ACCOUNT_NOT_FOUND' } });
      await sim.editVariant(listing.variantId!, { countOnHand: 0 });
      const callsWhileOffline = await callCount();
      expect(await app.poll()).toMatchObject({ outcome: 'succeeded', itemsFailed: 0 });
      expect(await callCount()).toBe(callsWhileOffline);

      // Back online: the account resumes and the listing is read again and reported as it is now.
      await sim.editSeller(main.sellerId, { online: true });
      expect(await app.poll('sellers')).toMatchObject({ outcome: 'succeeded', itemsChanged: 1, itemsFailed: 0 });
      expect(await app.accountView(main)).toMatchObject({ active: true, inactiveReason: null });
      expect(await app.testIntegration(main)).toEqual({ status: 200, body: true });
      const puts = await eventually(
        () => putsSince(callsWhileOffline, [63101]),
        (found) => found[63101].length > 0,
        "the resumed account's listing reported",
      );
      expect(puts[63101]).toEqual([expect.objectContaining({ status: 'WITHOUT_STOCK', transmissionStatus: 'OK' })]);
    },
    SLOW,
  );

  it(
    'reports a stock edit through the Advert and Variant webhooks at once, with one PUT, and the poll after them sends nothing more',
    async () => {
      const [listing] = await publishAll(main, [63201]);
      expect(await app.poll()).toMatchObject({ outcome: 'succeeded', itemsFailed: 0 });
      const hooks = new WebhooksSimulator(simulator.url);
      // Demo mode: the connector accepts deliveries signed with the demo key.
      await hooks.configure({ url: `${connector.url}/webhooks/marketplacer`, hmacKey: DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY, enabled: true });
      try {
        const before = await callCount();
        const pollsBefore = (await app.runsOf()).length;
        await sim.editVariant(listing.variantId!, { countOnHand: 0 });
        const puts = await eventually(
          () => putsSince(before, [63201]),
          (found) => found[63201].length > 0,
          'the stock edit reported through a webhook',
        );
        const delivered = await hooks.settled();
        expect(delivered.filter((delivery) => delivery.status === 'sent').map((delivery) => delivery.entity)).toEqual(
          expect.arrayContaining(['Advert', 'Variant']),
        );
        await eventually(
          () => webhookEvents(connector),
          (events) => events.length > 0 && events.every((event) => event.state !== 'received'),
          'every delivery processed',
        );
        expect(await putsSince(before, [63201])).toEqual({ 63201: [expect.objectContaining({ status: 'WITHOUT_STOCK', transmissionStatus: 'OK' })] });
        expect(puts[63201]).toHaveLength(1);
        expect((await app.runsOf()).length).toBe(pollsBefore);

        const afterWebhooks = await callCount();
        expect(await app.poll()).toMatchObject({ outcome: 'succeeded', itemsChanged: 0, itemsFailed: 0 });
        expect(await callCount()).toBe(afterWebhooks);

        // A delete too: the Advert destroy event re-reads the advert (now a DeletedAdvert) and reports it closed.
        await sim.deleteAdvert(listing.advertId!);
        const closed = await eventually(
          () => putsSince(afterWebhooks, [63201]),
          (found) => found[63201].length > 0,
          'the delete reported through a webhook',
        );
        expect(closed[63201]).toEqual([expect.objectContaining({ status: 'CLOSED', marketplaceStatus: 'FECHADO - anúncio excluído no marketplace' })]);
        expect((await app.runsOf()).length).toBe(pollsBefore + 1);
      } finally {
        await hooks.configure({ url: null });
      }
    },
    SLOW,
  );

  it(
    "vets an advert through the admin route with Marketplacer's vetting mutations: each decision reported once, webhooks and the poll sending nothing more",
    async () => {
      const [listing] = await publishAll(main, [63301]);
      expect(await app.poll()).toMatchObject({ outcome: 'succeeded', itemsFailed: 0 });
      const hooks = new WebhooksSimulator(simulator.url);
      await hooks.configure({ url: `${connector.url}/webhooks/marketplacer`, hmacKey: DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY, enabled: true });
      const vet = (body: unknown) =>
        http<{ error?: { code: string } }>(`${connector.url}/admin/listings/${listing.id}/vet`, { method: 'POST', headers: connector.admin, body });
      /** The decision's Advert webhook delivered and processed, then a poll: neither reports anything again. */
      const settle = async () => {
        await hooks.settled();
        await eventually(
          () => webhookEvents(connector),
          (events) => events.every((event) => event.state !== 'received'),
          'every delivery processed',
        );
        expect(await app.poll()).toMatchObject({ outcome: 'succeeded', itemsChanged: 0, itemsFailed: 0 });
      };
      try {
        const before = await callCount();
        const requestsBefore = await sim.requestCount();
        for (const bad of [{ approved: false }, { approved: false, reason: ' ' }, { approved: 'yes' }]) expect((await vet(bad)).status).toBe(400);
        expect(await sim.requestCount()).toBe(requestsBefore);

        expect((await vet({ approved: false, reason: 'Imagens fora do padrão do marketplace' })).status).toBe(200);
        expect(await sim.vettingOf(listing.advertId!)).toEqual({
          requiresVetting: false,
          vetted: false,
          vettingRejected: true,
          vettingRejectedReason: 'Imagens fora do padrão do marketplace',
        });
        await settle();
        expect(await putsSince(before, [63301])).toEqual({
          63301: [expect.objectContaining({ status: 'UNPUBLISHED', transmissionStatus: 'ERROR', errorMsg: 'Imagens fora do padrão do marketplace' })],
        });

        const afterReject = await callCount();
        expect((await vet({ approved: true })).status).toBe(200);
        expect(await sim.vettingOf(listing.advertId!)).toMatchObject({ vetted: true, vettingRejected: false, vettingRejectedReason: null });
        await settle();
        expect(await putsSince(afterReject, [63301])).toEqual({
          63301: [expect.objectContaining({ status: 'ACTIVE', transmissionStatus: 'OK', errorMsg: '' })],
        });
      } finally {
        await hooks.configure({ url: null });
      }
    },
    SLOW,
  );

  (kind === 'postgres' ? it : it.skip)(
    'two processes receiving sibling SKUs of one product at the same moment make one advert with both',
    async () => {
      const second = await startConnector(database.target, simulator.url, env);
      try {
        const account = await app.activate(sellers[4].id, '22449508.', 203, 'e2e-listings-token-203');
        const [first, sibling] = [simpleProduct(66001, account), simpleProduct(66002, account)];
        sibling.sku.product = { ...sibling.sku.product, id: first.sku.product.id };
        await sim.putTransmission(first);
        await sim.putTransmission(sibling);
        const other = new ListingsConnector(second, sim);
        // ANYMARKET sends a product's SKUs together; a load balancer hands them to different replicas.
        const answers = await Promise.all([app.sendProduct(account, first), other.sendProduct(account, sibling)]);
        expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
        const listings = [await app.settled((await app.listingOf(account, 66001)).id), await app.settled((await app.listingOf(account, 66002)).id)];
        expect(listings.map((listing) => listing.state)).toEqual(['synced', 'synced']);
        expect(listings[1].advertId).toBe(listings[0].advertId);
        const adverts = (await sim.advertsOf(sellers[4].id)).filter((advert) => advert.variants.nodes.some((variant) => variant.sku?.startsWith('E2E-6600')));
        expect(adverts).toHaveLength(1);
        expect(adverts[0].variants.nodes.map((variant) => variant.sku).sort()).toEqual(['E2E-66001', 'E2E-66002']);
      } finally {
        await second.close();
      }
    },
    SLOW,
  );

  (kind === 'postgres' ? it : it.skip)(
    'two processes polling the same accounts at once report every changed listing exactly once',
    async () => {
      const second = await startConnector(database.target, simulator.url, env);
      try {
        const accounts = [
          await app.activate(sellers[1].id, '22449505.', 201, 'e2e-listings-token-201'),
          await app.activate(sellers[2].id, '22449506.', 202, 'e2e-listings-token-202'),
        ];
        const ids = [
          [64001, 64002, 64003],
          [64101, 64102, 64103],
        ];
        const listings = [...(await publishAll(accounts[0], ids[0])), ...(await publishAll(accounts[1], ids[1]))];
        for (const listing of listings) await sim.editVariant(listing.variantId!, { countOnHand: 3 });
        const callsBefore = await callCount();

        // Both processes' schedulers fire together on the marketplace's due adverts pair (one feed for both accounts).
        await connector.app.get(DataSource).query(`UPDATE sync_state SET next_run_at = '2000-01-01 00:00:00' WHERE job = 'adverts'`);
        const scheduledBefore = (await app.runsOf()).filter((run) => run.trigger === 'schedule').length;
        await Promise.all([connector.app.get(SyncService).tick('adverts'), second.app.get(SyncService).tick('adverts')]);

        const puts = await putsSince(callsBefore, ids.flat());
        for (const id of ids.flat()) {
          expect({ id, puts: puts[id] }).toEqual({
            id,
            puts: [expect.objectContaining({ status: 'ACTIVE', marketplaceStatus: 'ATIVO - estoque: 3, preço: 10.0' })],
          });
        }
        expect((await sim.calls()).slice(callsBefore).filter((call) => call.method === 'PUT')).toHaveLength(ids.flat().length);
        // One scheduled run for the marketplace (the other process found it leased), with both accounts' changes.
        const runs = (await app.runsOf()).filter((run) => run.trigger === 'schedule');
        expect(runs.slice(0, runs.length - scheduledBefore)).toEqual([expect.objectContaining({ trigger: 'schedule', outcome: 'succeeded', itemsChanged: 6 })]);
      } finally {
        await second.close();
      }
    },
    SLOW,
  );

  it(
    'a poll whose process dies between pages is resumed by another process: every change reported once, none lost',
    async () => {
      const account = await app.activate(sellers[3].id, '22449507.', 301, 'e2e-listings-token-301');
      const ids = Array.from({ length: 12 }, (_, i) => 65001 + i);
      const listings = await publishAll(account, ids);
      expect(await app.poll()).toMatchObject({ outcome: 'succeeded', itemsChanged: 0 });

      // Six changes, then 500 other adverts changed in the marketplace, then six more: the account's
      // change feed (Marketplacer's, 500 adverts a page) now spans two pages with changes on both.
      for (const listing of listings.slice(0, 6)) await sim.editVariant(listing.variantId!, { countOnHand: 4 });
      const others = await sim.advertIdsUnchangedSince(suiteStart, 500);
      for (let start = 0; start < others.length; start += 25) await Promise.all(others.slice(start, start + 25).map((id) => sim.publish(id)));
      for (const listing of listings.slice(6)) await sim.editVariant(listing.variantId!, { countOnHand: 4 });
      const callsBefore = await callCount();

      // A process that gives up at Marketplacer's first refusal; Marketplacer serves its first page and refuses the next.
      const dying = await startConnector(database.target, simulator.url, { ...env, MARKETPLACER_MAX_ATTEMPTS: '1' });
      let died;
      try {
        await startCheckEnded(dying);
        await sim.setRateLimit(1, 600_000);
        died = await new ListingsConnector(dying, sim).poll();
      } finally {
        await sim.setRateLimit(750, 10_000);
        await dying.close();
      }
      expect(died).toMatchObject({ outcome: 'failed', pages: 1, itemsChanged: 6, errorCode: 'MARKETPLACER_RATE_LIMITED' });
      expect(await app.syncState()).toMatchObject({ scanInProgress: true, running: false });

      // Another process takes the account over and carries on from the committed page.
      const resumed = await app.poll();
      expect(resumed).toMatchObject({ outcome: 'succeeded', pages: 1, itemsChanged: 6, itemsFailed: 0 });
      expect(await app.syncState()).toMatchObject({ scanInProgress: false });

      const puts = await putsSince(callsBefore, ids);
      for (const id of ids) {
        expect({ id, puts: puts[id] }).toEqual({
          id,
          puts: [expect.objectContaining({ status: 'ACTIVE', marketplaceStatus: expect.stringMatching(/^ATIVO - estoque: 4,/) })],
        });
      }
      expect((await sim.calls()).slice(callsBefore).filter((call) => call.method === 'PUT')).toHaveLength(ids.length);
      // And once caught up, nothing more.
      const caughtUp = await callCount();
      expect(await app.poll()).toMatchObject({ outcome: 'succeeded', itemsChanged: 0 });
      expect(await callCount()).toBe(caughtUp);
    },
    SLOW,
  );
});
