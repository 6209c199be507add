import { availableDatabases, until } from '#common/testing';
import { ADVERT_REF_KEY } from './listing-advert-ref.js';
import { ADMIN, ListingsTestKit, type TestAccount } from '#test-support/connector/products/listings-test-kit';
import { tokenHint } from '#test-support/connector/products/simulated-anymarket';
import { variationTransmission } from '#test-support/connector/products/spec-examples';

const databases = await availableDatabases();

/** How long Marketplacer holds a request while a test acts in the middle of a run. */
const HELD_MS = 1500;

describe.each(databases)('listings: sendProduct and the listing remotes on %s', (kind) => {
  let kit: ListingsTestKit;
  let account: TestAccount;
  /** The name of one of the simulated Colour values. */
  const colour = (index: number) => kit.taxonomy.colour.values[index].name;
  /** Marketplacer's refusal of an advert whose taxon it does not have. */
  const BAD_TAXON_REFUSED = 'taxonId: No object found for taxonId: BAD-TAXON';

  beforeAll(async () => {
    kit = await ListingsTestKit.start(kind);
    account = await kit.activateAccount('22449504.', 25, { priceFactor: 1.1, discountType: 'PERCENT', discountValue: 10 });
  });

  afterAll(async () => {
    await kit?.stop();
  });

  beforeEach(() => kit.reset());

  it('answers the interim status at once, then upserts the advert and reports the real status', async () => {
    const transmission = await kit.transmission(1001, account, { price: 100, stock: 7 });
    const { res, listing } = await kit.sendAndWait(account, transmission);
    expect(res.body).toEqual({
      publicationStatus: 'UNPUBLISHED',
      marketplaceStatus: 'O Marketplace está processando a atualização',
      transmissionStatus: 'WAITING_SYNC',
    });

    const advert = kit.catalog.only();
    const upserts = await kit.catalog.upserts();
    expect(upserts).toHaveLength(1);
    expect(upserts[0]).toMatchObject({
      seller: account.sellerId,
      attributes: {
        title: 'Produto de Teste',
        taxonId: kit.taxonomy.leafTaxon,
        brandId: kit.taxonomy.brand,
        attemptAutoPublish: true,
        advertOptionValues: [{ optionValueId: kit.taxonomy.select.values[0].id }],
      },
    });
    expect(upserts[0].advertId).toBeUndefined();
    // Price × 1.1, then 10 % off.
    expect(advert.variants).toMatchObject([
      { sku: 'SKU-1001', barcode: '8212345678910', countOnHand: 7, price: '110.00', salePrice: '99.00', published: true },
    ]);

    expect(await kit.anymarket.putsFor(1001)).toEqual([
      {
        idInMarketplace: advert.id,
        idInSite: String(advert.legacyId),
        skuInMarketplace: 'SKU-1001',
        // Marketplacer's own decimal strings (its BigDecimal writes one place for whole amounts).
        marketplaceStatus: 'ATIVO - estoque: 7, preço: 110.0, promoção: 99.0',
        idSku: transmission.sku.id,
        transmissionStatus: 'OK',
        errorMsg: '',
        status: 'ACTIVE',
      },
    ]);
    expect((await kit.anymarket.puts())[0].tokenHint).toBe(tokenHint(account.token));
    expect(listing).toMatchObject({
      state: 'synced',
      advertId: advert.id,
      variantId: advert.variants[0].id,
      publicationStatus: 'ACTIVE',
      transmissionStatus: 'OK',
      lastError: null,
    });
  });

  it('updates on a re-send, never duplicates, and reads only price and stock when told so', async () => {
    const transmission = await kit.transmission(1002, account, { price: 50 });
    await kit.sendAndWait(account, transmission);
    const advert = kit.catalog.only();

    await kit.anymarket.put({ ...transmission, title: 'Novo título', price: 60, sku: { ...transmission.sku, price: 60 } });
    const { res } = await kit.sendAndWait(account, transmission, { status: 'ACTIVE' });
    expect(res.body).toEqual({
      publicationStatus: 'ACTIVE',
      marketplaceStatus: 'Ativo - O Marketplace está processando a atualização.',
      transmissionStatus: 'SYNCING',
    });
    expect(kit.catalog.adverts()).toHaveLength(1);
    const upserts = await kit.catalog.upserts();
    expect(upserts[1]).toMatchObject({ advertId: advert.id, attributes: { title: 'Novo título', variants: [{ id: advert.variants[0].id }] } });
    expect(upserts[1].attributes.attemptAutoPublish).toBeUndefined();
    expect(advert.variants).toHaveLength(1);
    expect(advert.variants[0].price).toBe('66.00');

    // /priceStock carries the transmission price, which already includes the factor (SKU 70 × 1.1).
    await kit.anymarket.put({ ...(await kit.anymarket.transmission(1002)), price: 77, stock: { ...transmission.stock!, availableAmount: 3 } });
    await kit.sendAndWait(account, transmission, {
      status: 'ACTIVE',
      onlySync: true,
      onlySyncPrice: true,
      onlySyncStock: true,
      onlySyncStatus: true,
      skuInMarketplace: null,
    });
    expect((await kit.anymarket.reads()).at(-1)).toEqual({ id: 1002, kind: 'priceStock' });
    expect((await kit.catalog.upserts())[2].attributes).toEqual({
      variants: [{ id: advert.variants[0].id, countOnHand: 3, price: '77.00', salePrice: '69.30', published: true }],
    });
    expect(await kit.anymarket.lastPut(1002)).toMatchObject({ status: 'ACTIVE', transmissionStatus: 'OK', skuInMarketplace: 'SKU-1002' });
    expect(await kit.anymarket.putsFor(1002)).toHaveLength(3);
  });

  it('a re-send that arrives while the first is being processed is processed after it, with the newer data', async () => {
    const transmission = await kit.transmission(1018, account, { price: 10 });
    // Marketplacer is slow: the first run's upsert is held there while the re-send arrives.
    await kit.catalog.setLatency(HELD_MS);
    await kit.sendProduct(account, transmission).expect(200);
    const listing = await kit.listingOf(account, 1018);
    await until(async () => (await kit.catalog.upsertsInFlight()) > 0, 'the first run to reach Marketplacer');

    await kit.anymarket.put({ ...transmission, price: 20, sku: { ...transmission.sku, price: 20 } });
    await kit.sendProduct(account, transmission, { status: 'ACTIVE' }).expect(200);
    await kit.catalog.setLatency(0);
    await kit.queue.whenIdle(listing.id);

    expect(kit.catalog.adverts()).toHaveLength(1);
    const upserts = await kit.catalog.upserts();
    expect(upserts).toHaveLength(2);
    expect(upserts[1].advertId).toBe(kit.catalog.only().id);
    expect(kit.catalog.only().variants).toMatchObject([{ price: '22.00' }]);
    expect(await kit.store.get(listing.id)).toMatchObject({ state: 'synced', requestSeq: 2 });
    expect(await kit.anymarket.putsFor(1018)).toHaveLength(2);
  });

  it('puts sibling SKUs of one product in one advert, even when they arrive together', async () => {
    const [blue, green] = [
      await kit.transmission(1003, account, { idProduct: 7001, colour: colour(0) }),
      await kit.transmission(1004, account, { idProduct: 7001, colour: colour(1) }),
    ];
    await Promise.all([kit.sendProduct(account, blue).expect(200), kit.sendProduct(account, green).expect(200)]);
    for (const id of [1003, 1004]) await kit.queue.whenIdle((await kit.listingOf(account, id)).id);

    const advert = kit.catalog.only();
    expect(advert.variants.map((variant) => variant.sku).sort()).toEqual(['SKU-1003', 'SKU-1004']);
    expect(advert.variants.map((variant) => variant.options)).toEqual(
      expect.arrayContaining([[{ optionValueId: kit.taxonomy.colour.values[0].id }], [{ optionValueId: kit.taxonomy.colour.values[1].id }]]),
    );
    // The second upsert updated the first's advert and kept its variant.
    const upserts = await kit.catalog.upserts();
    expect(upserts[1].advertId).toBe(advert.id);
    expect(upserts[1].attributes.variants).toHaveLength(2);
    expect(await kit.anymarket.lastPut(1003)).toMatchObject({ idInMarketplace: advert.id, transmissionStatus: 'OK' });
    expect(await kit.anymarket.lastPut(1004)).toMatchObject({ idInMarketplace: advert.id, transmissionStatus: 'OK' });
  });

  it("reports Marketplacer's validation messages as the listing's ERROR", async () => {
    const transmission = await kit.transmission(1005, account);
    transmission.sku.product.category!.idInMarketplace = 'BAD-TAXON';
    await kit.anymarket.put(transmission);
    const { listing } = await kit.sendAndWait(account, transmission);
    expect(kit.catalog.adverts()).toHaveLength(0);
    expect(await kit.anymarket.putsFor(1005)).toEqual([
      expect.objectContaining({ status: 'UNPUBLISHED', transmissionStatus: 'ERROR', errorMsg: BAD_TAXON_REFUSED, idInMarketplace: '' }),
    ]);
    expect(listing).toMatchObject({ state: 'error', lastError: BAD_TAXON_REFUSED, transmissionStatus: 'ERROR' });
    const admin = await kit.http.get(`/admin/listings?state=error&accountId=${account.id}`).set(ADMIN).expect(200);
    expect(admin.body.map((row: { idSkuMarketplace: string }) => row.idSkuMarketplace)).toContain('1005');
  });

  it('retries transient failures with back-off, then reports ERROR after the last attempt', async () => {
    await kit.catalog.failNextUpserts(1, 503);
    const recovered = await kit.sendAndWait(account, await kit.transmission(1006, account));
    expect(await kit.catalog.upserts()).toHaveLength(2);
    expect(recovered.listing).toMatchObject({ state: 'synced', attempts: 0, lastError: null });
    expect(await kit.anymarket.lastPut(1006)).toMatchObject({ transmissionStatus: 'OK' });

    await kit.catalog.failNextUpserts(3, 503);
    const failed = await kit.sendAndWait(account, await kit.transmission(1007, account));
    expect(await kit.catalog.upserts()).toHaveLength(5);
    expect(failed.listing).toMatchObject({ state: 'error', lastError: expect.stringMatching(/^MARKETPLACER_UNAVAILABLE: .*HTTP 503/) });
    expect(await kit.anymarket.lastPut(1007)).toMatchObject({
      status: 'UNPUBLISHED',
      transmissionStatus: 'ERROR',
      errorMsg: expect.stringContaining('HTTP 503'),
    });
  });

  it('deletePublication takes a sibling variant off sale, and unpublishes the advert with its last SKU', async () => {
    const blue = await kit.transmission(1008, account, { idProduct: 7002, colour: colour(0) });
    const green = await kit.transmission(1009, account, { idProduct: 7002, colour: colour(1) });
    await kit.sendAndWait(account, blue);
    await kit.sendAndWait(account, green);
    const advert = kit.catalog.only();

    // Answered once recorded, like sendProduct, even while Marketplacer has not answered the work.
    await kit.catalog.setLatency(HELD_MS);
    const first = await kit.remote('delete', '/deletePublication', account.oi).send({ idSkuMarketplace: blue.id, idAccount: account.idAccount });
    expect(first.status).toBe(200);
    expect((await kit.listingOf(account, blue.id)).requestedStatus).toBe('DELETED');
    await kit.catalog.setLatency(0);
    await kit.queue.whenIdle((await kit.listingOf(account, blue.id)).id);
    expect(advert.variants.find((v) => v.sku === 'SKU-1008')!.published).toBe(false);
    expect(advert.published).toBe(true);
    expect(await kit.catalog.publishCalls()).toEqual([]);

    await kit.deleteAndWait(account, green);
    expect(await kit.catalog.publishCalls()).toEqual([{ advertId: advert.id, published: false }]);
    expect(advert.published).toBe(false);
    expect((await kit.listingOf(account, 1009)).state).toBe('deleted');
    // Nothing is reported for a transmission ANYMARKET deleted.
    expect(await kit.anymarket.puts()).toHaveLength(2);

    // An unknown transmission is answered 200 as well.
    await kit
      .remote('delete', '/deletePublication', account.oi)
      .send({ idSkuMarketplace: 999999, onlySync: false, idSku: 1, skuInMarketplace: 'X' })
      .expect(200);
  });

  it('pauses a listing ANYMARKET paused (the advert goes off sale) and publishes it again', async () => {
    const transmission = await kit.transmission(1010, account);
    await kit.sendAndWait(account, transmission);
    const advert = kit.catalog.only();
    await kit.sendAndWait(account, transmission, { status: 'PAUSED' });
    expect(advert.published).toBe(false);
    expect(await kit.anymarket.lastPut(1010)).toMatchObject({ status: 'PAUSED', transmissionStatus: 'OK' });
    await kit.sendAndWait(account, transmission, { status: 'ACTIVE' });
    expect(advert.published).toBe(true);
    expect(await kit.anymarket.lastPut(1010)).toMatchObject({ status: 'ACTIVE', transmissionStatus: 'OK' });
  });

  it('reports values that make no sense as the listing error instead of publishing them', async () => {
    // A VALUE discount larger than the price would publish the item for free.
    const generous = await kit.activateAccount('22449505.', 26, { discountType: 'VALUE', discountValue: 500 });
    const { listing } = await kit.sendAndWait(generous, await kit.transmission(1101, generous, { price: 100 }));
    expect(listing).toMatchObject({ state: 'error', lastError: expect.stringContaining('sem valor a pagar') });
    expect(await kit.anymarket.lastPut(1101)).toMatchObject({
      status: 'UNPUBLISHED',
      transmissionStatus: 'ERROR',
      errorMsg: expect.stringMatching(/^O desconto da conta \(R\$ 500\)/),
    });

    const negative = await kit.sendAndWait(account, await kit.transmission(1102, account, { stock: -2 }), { availableAmount: 0 });
    expect(negative.listing.state).toBe('error');
    expect(await kit.anymarket.lastPut(1102)).toMatchObject({
      transmissionStatus: 'ERROR',
      errorMsg: 'Estoque inválido (-2): deve ser um número inteiro entre 0 e 2147483647',
    });
    expect(await kit.catalog.upserts()).toEqual([]);

    // sendProduct's own numbers are validated at the door.
    for (const availableAmount of [-1, 2.5]) {
      await kit.sendProduct(account, await kit.transmission(1103, account), { availableAmount }).expect(400);
    }
  });

  it('refuses remotes for accounts it does not know, and malformed bodies', async () => {
    const unknown = await kit.sendProduct({ ...account, idAccount: 4040 }, await kit.transmission(1011, account)).expect(404);
    // ANYMARKET's own error shape, as every ANYMARKET-facing answer.
    expect(unknown.body).toEqual({ code: 'ANYMARKET_ACCOUNT_NOT_FOUND', message: expect.stringContaining('No active ANYMARKET account 4040') });
    const malformed = await kit.remote('post', '/sendProduct', account.oi).send({ idAccount: account.idAccount }).expect(400);
    expect(malformed.body).toEqual({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^The request is invalid: idSkuMarketplace /) });
    const anonymous = await kit.http.post('/sendProduct').send({ idSkuMarketplace: 1, idAccount: 25 }).expect(401);
    expect(anonymous.body).toEqual({ code: 'UNAUTHENTICATED', message: 'A valid x-anymarket-token is required' });
  });

  it("canActive and canSave answer true, or 422 in ANYMARKET's PublicationValidationException shape", async () => {
    const good = await kit.transmission(1012, account);
    const ok = await kit.remote('post', '/canSave', account.oi).send(good).expect(200);
    expect(ok.text).toBe('true');

    const bad = variationTransmission();
    bad.attributes = {};
    bad.price = 0;
    bad.discountPrice = 0;
    const refused = await kit.remote('post', '/canSave', account.oi).send(bad).expect(422);
    expect(refused.body).toEqual({
      code: 'PublicationValidationException',
      httpStatus: 422,
      message: 'Erro ao validar publicação',
      details: ['A categoria "10" não existe no marketplace', 'A marca "2000016" não existe no marketplace', 'O anúncio não tem preço'].join('; '),
    });

    const sku = { ...good.sku, amount: 4, price: 10, sellPrice: 10 };
    expect((await kit.remote('post', '/canActive', account.oi).send(sku).expect(200)).text).toBe('true');
    const parent = { ...sku, product: { ...sku.product, category: { ...sku.product.category, idInMarketplace: kit.taxonomy.parentTaxon.id } } };
    const notLeaf = await kit.remote('post', '/canActive', account.oi).send(parent).expect(422);
    expect(notLeaf.body.details).toBe(`A categoria "${kit.taxonomy.parentTaxon.displayName}" tem subcategorias: vincule o produto a uma delas`);
  });

  it('getDefaultSkuFields answers the account defaults, with title and EAN of a known SKU', async () => {
    const transmission = await kit.transmission(1013, account);
    await kit.sendAndWait(account, transmission);
    const known = await kit.remote('get', `/getDefaultSkuFields/${transmission.sku.id}?idAccount=${account.idAccount}`, account.oi).expect(200);
    expect(known.body).toEqual({
      EAN: '8212345678910',
      title: 'Produto de Teste',
      DISCOUNT_VALUE: '10',
      DISCOUNT_TYPE: 'PERCENT',
      HAS_DISCOUNT: 'true',
      priceFactor: '1.1',
    });
    const unknown = await kit.remote('get', '/getDefaultSkuFields/123?idAccount=25', account.oi).expect(200);
    expect(unknown.body).toEqual({ DISCOUNT_VALUE: '10', DISCOUNT_TYPE: 'PERCENT', HAS_DISCOUNT: 'true', priceFactor: '1.1' });
  });

  it('/product/{partnerId} answers the Marketplacer listing with that SKU, or 404', async () => {
    const transmission = await kit.transmission(1014, account, { price: 100 });
    await kit.sendAndWait(account, transmission);
    const advert = kit.catalog.only();
    const found = await kit.remote('get', `/product/SKU-1014?idAccount=${account.idAccount}&definitionScope=SKU`, account.oi).expect(200);
    expect(found.body).toEqual({
      idInMarketplace: advert.id,
      publicationStatus: 'ACTIVE',
      // Marketplacer's own decimal strings (its BigDecimal writes one place for whole amounts).
      marketplaceStatus: 'ATIVO - estoque: 10, preço: 110.0, promoção: 99.0',
      skuInMarketplace: 'SKU-1014',
      title: 'Produto de Teste',
      ean: '8212345678910',
      priceFactor: 1.1,
      price: 110,
      discountPrice: 99,
    });
    const missing = await kit.remote('get', `/product/NOPE?idAccount=${account.idAccount}`, account.oi).expect(404);
    expect(missing.body).toMatchObject({ code: 'MARKETPLACER_PRODUCT_NOT_FOUND' });
  });

  it('admin: lists, shows, resyncs, enriches and vets listings', async () => {
    const transmission = await kit.transmission(1015, account);
    const { listing } = await kit.sendAndWait(account, transmission);
    const advert = kit.catalog.only();

    const shown = await kit.http.get(`/admin/listings/${listing.id}`).set(ADMIN).expect(200);
    expect(shown.body).toMatchObject({ id: listing.id, idSkuMarketplace: '1015', state: 'synced', advertId: advert.id, publicationStatus: 'ACTIVE' });
    await kit.http.get('/admin/listings/999999').set(ADMIN).expect(404);
    await kit.http.get('/admin/listings').expect(401);

    await kit.http.post(`/admin/listings/${listing.id}/resync`).set(ADMIN).expect(202);
    await kit.queue.whenIdle(listing.id);
    expect(await kit.catalog.upserts()).toHaveLength(2);
    expect((await kit.anymarket.reads()).at(-1)).toEqual({ id: 1015, kind: 'full' });

    await kit.http
      .post(`/admin/listings/${listing.id}/enrich`)
      .set(ADMIN)
      .send({ title: 'Camiseta premium', images: ['https://img.example/1.jpg'] })
      .expect(200);
    expect((await kit.catalog.upserts()).at(-1)).toEqual({
      seller: account.sellerId,
      advertId: advert.id,
      attributes: { title: 'Camiseta premium', images: [{ sourceUrl: 'https://img.example/1.jpg' }] },
    });
    await kit.http.post(`/admin/listings/${listing.id}/enrich`).set(ADMIN).send({}).expect(400);
    const unmatched = await kit.http
      .post(`/admin/listings/${listing.id}/enrich`)
      .set(ADMIN)
      .send({ attributes: { Tamanho: 'G' } })
      .expect(400);
    expect(unmatched.body.error.code).toBe('INVALID_INPUT');
    // A title Marketplacer refuses (blank): its field messages come back as they are.
    const refused = await kit.http.post(`/admin/listings/${listing.id}/enrich`).set(ADMIN).send({ title: '   ' }).expect(422);
    expect(refused.body.error).toMatchObject({ code: 'MARKETPLACER_VALIDATION_FAILED', details: [{ field: 'title', messages: ["can't be blank"] }] });

    // Vetting with Marketplacer's own mutations; bad input is a 400 that sends nothing.
    const vet = (body: object) => kit.http.post(`/admin/listings/${listing.id}/vet`).set(ADMIN).send(body);
    const putsOf1015 = async () => (await kit.anymarket.putsFor(1015)).length;
    const upsertsBefore = (await kit.catalog.upserts()).length;
    const putsBefore = await putsOf1015();
    for (const bad of [{ approved: false }, { approved: false, reason: '   ' }, { approved: 'no', reason: 'x' }, { reason: 'x' }]) await vet(bad).expect(400);
    expect(await kit.catalog.vettingCalls()).toEqual([]);

    const rejected = await vet({ approved: false, reason: 'Imagens fora do padrão' }).expect(200);
    expect(rejected.body).toMatchObject({ vettingRejectedReason: 'Imagens fora do padrão', transmissionStatus: 'ERROR' });
    expect(await kit.catalog.vettingCalls()).toEqual([{ operation: 'reject', advertIds: [advert.id], reason: 'Imagens fora do padrão' }]);
    expect(advert).toMatchObject({ vetting: 'rejected', vettingRejectedReason: 'Imagens fora do padrão', published: true });
    // No metadata, no unpublishing: Marketplacer's vetting itself keeps the advert from being displayed.
    expect(await kit.catalog.upserts()).toHaveLength(upsertsBefore);
    expect(await kit.catalog.publishCalls()).toEqual([]);
    expect(await putsOf1015()).toBe(putsBefore + 1);
    expect(await kit.anymarket.lastPut(1015)).toMatchObject({ status: 'UNPUBLISHED', transmissionStatus: 'ERROR', errorMsg: 'Imagens fora do padrão' });

    const approved = await vet({ approved: true }).expect(200);
    expect(approved.body).toMatchObject({ vettingRejectedReason: null, publicationStatus: 'ACTIVE', transmissionStatus: 'OK' });
    expect((await kit.catalog.vettingCalls()).at(-1)).toEqual({ operation: 'approve', advertIds: [advert.id] });
    expect(advert).toMatchObject({ vetting: 'approved', vettingRejectedReason: null, published: true });
    expect(await putsOf1015()).toBe(putsBefore + 2);
    expect(await kit.anymarket.lastPut(1015)).toMatchObject({ status: 'ACTIVE', transmissionStatus: 'OK', errorMsg: '' });

    // Rejected again, then sent again by the seller in full: the advert goes back to vetting, and waits for it.
    await vet({ approved: false, reason: 'Descrição incompleta' }).expect(200);
    await kit.sendAndWait(account, transmission);
    expect((await kit.catalog.vettingCalls()).at(-1)).toEqual({ operation: 'resubmit', advertIds: [advert.id] });
    expect(advert).toMatchObject({ vetting: 'pending', vettingRejectedReason: null });
    expect(await kit.anymarket.lastPut(1015)).toMatchObject({ status: 'UNPUBLISHED', transmissionStatus: 'OK', errorMsg: '' });
    expect((await kit.http.get(`/admin/listings/${listing.id}`).set(ADMIN).expect(200)).body.vettingRejectedReason).toBeNull();

    // Off-lined in Marketplacer meanwhile: the approval puts it back on sale, as ANYMARKET wants it.
    await kit.catalog.operator.unpublish(advert.id);
    await vet({ approved: true }).expect(200);
    expect(advert).toMatchObject({ vetting: 'approved', published: true });
    expect(await kit.catalog.publishCalls()).toEqual([{ advertId: advert.id, published: true }]);
    expect(await kit.anymarket.lastPut(1015)).toMatchObject({ status: 'ACTIVE', transmissionStatus: 'OK' });

    const unlinked = await kit.transmission(1016, account);
    unlinked.sku.product.category!.idInMarketplace = 'BAD-TAXON';
    await kit.anymarket.put(unlinked);
    const { listing: notLinked } = await kit.sendAndWait(account, unlinked);
    expect((await kit.http.post(`/admin/listings/${notLinked.id}/vet`).set(ADMIN).send({ approved: true }).expect(409)).body.error.code).toBe(
      'LISTING_NOT_LINKED',
    );
  });

  it('vetting is off while the live schema refuses its mutations: the route answers 503, a re-sent rejected product stays rejected, listings still publish', async () => {
    const transmission = await kit.transmission(1104, account);
    const { listing } = await kit.sendAndWait(account, transmission);
    const advert = kit.catalog.only();
    await kit.catalog.operator.reject(advert.id, 'Fora do padrão');
    const dropAndCheck = async (drop: string[]) => {
      await kit.simulator.api.control('PUT', '/_control/marketplacer/schema', { drop });
      await kit.http.post('/admin/system/contract/check').set(ADMIN).expect(200);
    };
    try {
      await dropAndCheck(['Mutation.advertVettingApprove', 'Mutation.advertVettingResubmit']);
      const refused = await kit.http.post(`/admin/listings/${listing.id}/vet`).set(ADMIN).send({ approved: true }).expect(503);
      expect(refused.body.error).toMatchObject({ code: 'MARKETPLACER_FEATURE_OFF', message: expect.stringContaining('listings.vetting is off') });
      // Sent again: the advert is upserted and reported as Marketplacer has it (still rejected); nothing refused is sent.
      await kit.sendAndWait(account, transmission);
      expect((await kit.store.get(listing.id))!.state).toBe('synced');
      expect(await kit.anymarket.lastPut(1104)).toMatchObject({ transmissionStatus: 'ERROR', errorMsg: 'Fora do padrão' });
      expect(await kit.catalog.vettingCalls()).toEqual([]);
    } finally {
      await dropAndCheck([]);
    }
    await kit.http.post(`/admin/listings/${listing.id}/vet`).set(ADMIN).send({ approved: true }).expect(200);
    expect(await kit.anymarket.lastPut(1104)).toMatchObject({ status: 'ACTIVE', transmissionStatus: 'OK' });
  });

  it('recovery picks up work a crashed process left queued', async () => {
    const transmission = await kit.transmission(1017, account);
    // As if the process died right after recording the request: the listing is queued, nobody works on it.
    const { listing } = await kit.store.recordRequest(
      {
        account: { id: account.id, oi: account.oi, idAccount: String(account.idAccount) },
        idSkuMarketplace: '1017',
        idProduct: String(transmission.sku.product.id),
        requestedStatus: 'UNPUBLISHED',
        readMode: 'full',
      },
      new Date(),
    );
    expect(await kit.catalog.upserts()).toHaveLength(0);
    expect(await kit.queue.recover()).toBeGreaterThanOrEqual(1);
    await kit.queue.whenIdle(listing.id);
    expect((await kit.store.get(listing.id))!.state).toBe('synced');
    expect(await kit.anymarket.lastPut(1017)).toMatchObject({ transmissionStatus: 'OK' });
  });
  it('a retry woken before its time (timers may fire a millisecond early) runs at its time instead of being dropped', async () => {
    const transmission = await kit.transmission(1018, account);
    const { listing } = await kit.store.recordRequest(
      {
        account: { id: account.id, oi: account.oi, idAccount: String(account.idAccount) },
        idSkuMarketplace: '1018',
        idProduct: String(transmission.sku.product.id),
        requestedStatus: 'UNPUBLISHED',
        readMode: 'full',
      },
      new Date(),
    );
    const dueAt = new Date(Date.now() + 300);
    await kit.store.finish(
      listing.id,
      listing.requestSeq,
      { state: 'queued', lastError: 'MARKETPLACER_UNAVAILABLE: earlier attempt', attempts: 1, nextAttemptAt: dueAt },
      new Date(),
    );
    await kit.queue.kick(listing.id);
    expect(await kit.catalog.upserts()).toHaveLength(0);
    await kit.queue.whenIdle(listing.id);
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt.getTime());
    expect((await kit.catalog.upserts()).length).toBeGreaterThan(0);
    expect((await kit.store.get(listing.id))!).toMatchObject({ state: 'synced', attempts: 0, lastError: null });
    expect(await kit.anymarket.lastPut(1018)).toMatchObject({ transmissionStatus: 'OK' });
  });
  it('finds the advert of a create whose answer was lost, and updates it instead of creating a second one', async () => {
    // Marketplacer makes the advert, and the connection drops before its answer.
    await kit.catalog.loseNextUpsertAnswer();
    const { listing } = await kit.sendAndWait(account, await kit.transmission(1019, account));
    const advert = kit.catalog.only();
    const upserts = await kit.catalog.upserts();
    const creates = upserts.filter((upsert) => upsert.advertId === undefined);
    expect(creates).toHaveLength(1);
    const [ref] = creates[0].attributes.externalIds ?? [];
    expect(ref).toMatchObject({ key: ADVERT_REF_KEY, value: expect.stringMatching(/^anymarket:25:\d+:[0-9a-f]{12}$/) });
    expect(await kit.catalog.externalIdLookups()).toEqual([ref]);
    expect(upserts.slice(1).every((upsert) => upsert.advertId === advert.id)).toBe(true);
    expect(advert.variants.map((variant) => variant.sku)).toEqual(['SKU-1019']);
    expect(listing).toMatchObject({ state: 'synced', advertId: advert.id, variantId: advert.variants[0].id, pendingAdvertRef: null });
    expect(await kit.anymarket.lastPut(1019)).toMatchObject({ transmissionStatus: 'OK' });

    // An ordinary create looks nothing up and leaves no reference behind.
    const lookups = (await kit.catalog.externalIdLookups()).length;
    const second = await kit.sendAndWait(account, await kit.transmission(1020, account));
    expect((await kit.catalog.externalIdLookups()).slice(lookups)).toEqual([]);
    expect(second.listing).toMatchObject({ state: 'synced', pendingAdvertRef: null });
  });
  it("a SKU whose lost create a sibling adopted meanwhile finds its own variant in the product's advert", async () => {
    const blue = await kit.transmission(1021, account, { idProduct: 7003, colour: colour(0) });
    const green = await kit.transmission(1022, account, { idProduct: 7003, colour: colour(1) });
    // Blue's create is applied, but its answer is an error that stops the listing (not retried).
    await kit.catalog.loseNextUpsertAnswer(400);
    expect((await kit.sendAndWait(account, blue)).listing).toMatchObject({ state: 'error', advertId: null });
    // Green finds the advert by blue's reference and adds its variant to it.
    expect((await kit.sendAndWait(account, green)).listing).toMatchObject({ state: 'synced', advertId: kit.catalog.only().id });
    // Blue, sent again, goes to the product's advert and reuses the variant its lost create made.
    const resent = await kit.sendAndWait(account, blue);
    const advert = kit.catalog.only();
    expect(advert.variants.map((variant) => variant.sku).sort()).toEqual(['SKU-1021', 'SKU-1022']);
    expect(resent.listing).toMatchObject({
      state: 'synced',
      advertId: advert.id,
      variantId: advert.variants.find((v) => v.sku === 'SKU-1021')!.id,
      pendingAdvertRef: null,
    });
  });
});
