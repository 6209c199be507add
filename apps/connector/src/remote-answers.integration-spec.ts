import { availableDatabases } from '#common/testing';
import { NFE_PROC_SPEC_EXAMPLE } from '#test-support/connector/orders/nfe-samples';
import { ListingsTestKit, type TestAccount } from '#test-support/connector/products/listings-test-kit';
import { variationTransmission } from '#test-support/connector/products/spec-examples';
import { remoteAnswerViolations } from '#test-support/connector/remote-spec';

const databases = await availableDatabases();

const NFE_PATH = '/order/{marketplaceId}/invoice/document';

/**
 * Our remotes' answers, read over HTTP, against the schemas ANYMARKET's remote_pt.yaml documents for
 * them (save for the places ADR 0011 records).
 */
describe.each(databases)('remote answers against remote_pt.yaml on %s', (kind) => {
  let kit: ListingsTestKit;
  let account: TestAccount;

  beforeAll(async () => {
    kit = await ListingsTestKit.start(kind);
    account = await kit.activateAccount('31415926.', 41);
  });

  afterAll(async () => {
    await kit?.stop();
  });

  beforeEach(() => kit.reset());

  const nfe = (path: string, oi?: string) => {
    const put = kit.http.put(path).set('content-type', 'application/xml');
    return oi ? put.set('x-anymarket-token', kit.auth.tokenFor(oi)) : put;
  };

  it('GET /categories/attributes/{code}: every attribute has its values, a text attribute an empty list', async () => {
    const res = await kit.remote('get', `/categories/attributes/${kit.taxonomy.leafTaxon}`, account.oi).expect(200);

    expect(remoteAnswerViolations({ method: 'get', path: '/categories/attributes/{codeInMarketPlace}', status: 200, body: res.body })).toEqual([]);
    expect(res.body).toEqual([
      expect.objectContaining({ codeInMarketPlace: kit.taxonomy.select.id, type: 'SELECT_INPUT', values: expect.any(Array) }),
      expect.objectContaining({ codeInMarketPlace: kit.taxonomy.text.id, type: 'STRING_INPUT', values: [] }),
    ]);
  });

  it('GET /product/{partnerId} of a listed SKU conforms', async () => {
    await kit.sendAndWait(account, await kit.transmission(4101, account));

    const res = await kit.remote('get', `/product/SKU-4101?idAccount=${account.idAccount}`, account.oi).expect(200);

    expect(remoteAnswerViolations({ method: 'get', path: '/product/{partnerId}', status: 200, body: res.body })).toEqual([]);
    expect(res.body).toMatchObject({ title: 'Produto de Teste', ean: '8212345678910' });
  });

  it.each([
    ['an empty', '', 'SKU-BARE-1'],
    ['a blank', '   ', 'SKU-BARE-2'],
  ])('GET /product/{partnerId} of an advert with %s title and no barcode: a title made from the advert, no made-up EAN', async (_case, title, sku) => {
    const advert = await kit.catalog.createAdvert(account.sellerId, {
      title: 'Made in the portal',
      taxonId: kit.taxonomy.leafTaxon,
      variants: [{ sku, price: '12.00', countOnHand: 2 }],
    });
    kit.catalog.setTitleInRecords(advert.id, title);

    const res = await kit.remote('get', `/product/${sku}?idAccount=${account.idAccount}`, account.oi).expect(200);

    expect(remoteAnswerViolations({ method: 'get', path: '/product/{partnerId}', status: 200, body: res.body })).toEqual([]);
    expect(res.body).toMatchObject({ idInMarketplace: advert.id, skuInMarketplace: sku, title: `Anúncio ${advert.legacyId} - SKU ${sku}` });
    expect(res.body).not.toHaveProperty('ean');
  });

  it('PUT /order/{id}/invoice/document answers its 401 in the documented {status} body, and its other failures alike', async () => {
    const anonymous = await nfe(`/order/10363/invoice/document?idAccount=${account.idAccount}`).send(NFE_PROC_SPEC_EXAMPLE).expect(401);
    expect(remoteAnswerViolations({ method: 'put', path: NFE_PATH, status: 401, body: anonymous.body }, { allDocumentedFields: true })).toEqual([]);
    expect(anonymous.body).toEqual({
      status: 'A valid x-anymarket-token is required',
      code: 'UNAUTHENTICATED',
      message: 'A valid x-anymarket-token is required',
    });

    // remote_pt.yaml documents no other failure of this remote: they answer the body its 401 has.
    const badId = await nfe(`/order/not-an-id/invoice/document?idAccount=${account.idAccount}`, account.oi).send(NFE_PROC_SPEC_EXAMPLE).expect(400);
    const noAccount = await nfe('/order/10363/invoice/document?idAccount=999', account.oi).send(NFE_PROC_SPEC_EXAMPLE).expect(404);
    for (const failure of [badId, noAccount]) {
      expect(remoteAnswerViolations({ method: 'put', path: NFE_PATH, status: 401, body: failure.body }, { allDocumentedFields: true })).toEqual([]);
      expect(failure.body).toEqual({ status: failure.body.message, code: expect.any(String), message: expect.any(String) });
    }
    expect([badId.body.code, noAccount.body.code]).toEqual(['ORDER_ID_INVALID', 'ANYMARKET_ACCOUNT_NOT_FOUND']);
  });

  it('the other documented failures: canSave and canActive 422, saveAccount 400, testIntegration 401', async () => {
    const transmission = variationTransmission();
    transmission.attributes = {};
    const canSave = await kit.remote('post', '/canSave', account.oi).send(transmission).expect(422);
    expect(remoteAnswerViolations({ method: 'post', path: '/canSave', status: 422, body: canSave.body })).toEqual([]);

    const parentCategory = {
      ...transmission.sku,
      product: { ...transmission.sku.product, category: { id: 1, idInMarketplace: kit.taxonomy.parentTaxon.id } },
    };
    const canActive = await kit.remote('post', '/canActive', account.oi).send(parentCategory).expect(422);
    expect(remoteAnswerViolations({ method: 'post', path: '/canActive', status: 422, body: canActive.body })).toEqual([]);

    const saveAccount = await kit.remote('post', '/saveAccount', account.oi).send({ id: account.idAccount, discountType: 'PERCENTAGE' }).expect(400);
    expect(remoteAnswerViolations({ method: 'post', path: '/saveAccount', status: 400, body: saveAccount.body })).toEqual([]);

    const testIntegration = await kit.remote('post', '/testIntegration', account.oi).send({ storeId: '999999', password: 'wrong' }).expect(401);
    expect(remoteAnswerViolations({ method: 'post', path: '/testIntegration', status: 401, body: testIntegration.body })).toEqual([]);
  });
});
