import { remoteAnswerViolations } from './remote-spec.js';

/** remote_pt.yaml's own example of GET /product/{partnerId}. */
const linkable = {
  idInMarketplace: 'SKUFROMMKT',
  publicationStatus: 'ACTIVE',
  marketplaceStatus: 'STATUS_NO_MKT_SKM2',
  skuInMarketplace: 'SKU_IN_MKT_MKT_SKM2',
  title: 'PRODUTO',
  ean: '456789123456',
  priceFactor: 1,
  price: 10,
  discountPrice: 9,
};
const product = (body: unknown) => ({ method: 'get', path: '/product/{partnerId}', status: 200, body }) as const;
const attributes = (body: unknown) => ({ method: 'get', path: '/categories/attributes/{codeInMarketPlace}', status: 200, body }) as const;
const text = { codeInMarketPlace: '665', description: 'Sabor', required: true, recommended: false, type: 'STRING_INPUT' };

describe('remote answers against remote_pt.yaml', () => {
  it("passes the spec's own example and names what breaks the schema", () => {
    expect(remoteAnswerViolations(product(linkable))).toEqual([]);
    expect(remoteAnswerViolations(product({ ...linkable, title: '', publicationStatus: 'LIVE' }))).toEqual([
      '/publicationStatus must be equal to one of the allowed values {"allowedValues":["UNPUBLISHED","CLOSED","CORRUPTED","PAUSED","WITHOUT_STOCK","ACTIVE"]}',
      '/title must NOT have fewer than 1 characters',
    ]);
  });

  it('relaxes exactly what ADR 0011 records, which the schema as written refuses', () => {
    const { ean: _ean, ...withoutEan } = linkable;
    expect(remoteAnswerViolations(product(withoutEan))).toEqual([]);
    expect(remoteAnswerViolations(product(withoutEan), { asWritten: true })).toEqual(["(body) must have required property 'ean'"]);
    expect(remoteAnswerViolations(product({ ...linkable, ean: '' }))).toEqual(['/ean must NOT have fewer than 1 characters']);

    expect(remoteAnswerViolations(attributes([{ ...text, values: [] }]))).toEqual([]);
    expect(remoteAnswerViolations(attributes([]))).toEqual([]);
    expect(remoteAnswerViolations(attributes([{ ...text, values: [] }]), { asWritten: true })).toEqual(['/0/values must NOT have fewer than 1 items']);
    expect(remoteAnswerViolations(attributes([]), { asWritten: true })).toEqual(['(body) must NOT have fewer than 1 items']);
    // The spec's own example leaves values out of text attributes; its schema requires them.
    expect(remoteAnswerViolations(attributes([text]))).toEqual(["/0 must have required property 'values'"]);
  });

  it('can ask for every documented field where the schema requires none (the NF-e remote documents {status})', () => {
    const nfe401 = (body: unknown) => ({ method: 'put', path: '/order/{marketplaceId}/invoice/document', status: 401, body }) as const;
    const codeAndMessage = { code: 'UNAUTHENTICATED', message: 'A valid x-anymarket-token is required' };
    expect(remoteAnswerViolations(nfe401(codeAndMessage))).toEqual([]);
    expect(remoteAnswerViolations(nfe401(codeAndMessage), { allDocumentedFields: true })).toEqual(["(body) must have required property 'status'"]);
    expect(remoteAnswerViolations(nfe401({ status: 'Unauthorized' }), { allDocumentedFields: true })).toEqual([]);
  });

  it('refuses to check an answer the spec does not document', () => {
    expect(() => remoteAnswerViolations({ method: 'get', path: '/product/{partnerId}', status: 404, body: {} })).toThrow(
      'remote_pt.yaml documents no JSON answer for GET /product/{partnerId} 404',
    );
  });
});
