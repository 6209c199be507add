import { rejectionOf } from '#common/testing';
import { contractDocuments, MarketplacerContractCheck, MarketplacerContractStatus, MarketplacerError } from '#marketplacer';
import type { MarketplacerClient } from '../../../../libs/marketplacer/src/client/marketplacer-client.js';
import { InvoicesUpdatedSinceDocument } from '../../../../libs/marketplacer/src/contract/generated/graphql.js';
import type { FaultSettings } from './http/fault-injector.js';
import { MarketplacerEndpoint } from '#test-support/simulator/marketplacer-endpoint';

/** The contract check against the simulated Marketplacer's live schema, which the control API can make lack fields or refuse introspection. */
describe('MarketplacerContractCheck against the simulator', () => {
  const marketplacer = MarketplacerEndpoint.forEachTest();
  let client: MarketplacerClient;
  let status: MarketplacerContractStatus;
  let check: MarketplacerContractCheck;

  beforeEach(async () => {
    status = new MarketplacerContractStatus();
    client = marketplacer.client({}, { contract: status });
    check = new MarketplacerContractCheck(client, status);
  });

  /** The served schema leaves these fields out (none: the whole contract schema). */
  const serveSchemaWithout = async (...drop: string[]) => {
    const answer = await marketplacer.sim.control('PUT', '/schema', { drop });
    if (answer.status !== 200) throw new Error(`PUT /schema answered ${answer.status}`);
  };

  const verdict = (outcome: Awaited<ReturnType<MarketplacerContractCheck['run']>>, operation: string) =>
    outcome.documents.find((document) => document.operation === operation);

  it('validates every document against the introspected schema in one request: all ok', async () => {
    const outcome = await check.run();
    expect(outcome).toMatchObject({ endpoint: marketplacer.url, method: 'introspection', error: null });
    expect(outcome.documents.map((document) => document.operation)).toEqual(contractDocuments().map((document) => document.operation));
    expect(outcome.documents.filter((document) => document.status !== 'ok')).toEqual([]);
    expect((await marketplacer.requests()).map((request) => request.operationName)).toEqual(['IntrospectionQuery', 'ApiKeyPrincipal']);
    expect(status.featuresOff()).toEqual([]);
  });

  it('names the missing field and the features of every document that selects it, switches them off, and back on once fixed', async () => {
    await serveSchemaWithout('Invoice.shippingCostCents');
    const outcome = await check.run();
    expect(verdict(outcome, 'InvoicesUpdatedSince')).toMatchObject({
      status: 'failed',
      problems: [
        { kind: 'field', name: 'Invoice.shippingCostCents', message: expect.stringContaining('Cannot query field "shippingCostCents" on type "Invoice".') },
      ],
      features: ['orders.feed'],
    });
    expect(verdict(outcome, 'Brands')?.status).toBe('ok');
    expect(status.featureOff('orders.feed')?.reason).toContain('Invoice.shippingCostCents');
    expect(status.featureOff('taxonomy.copy')).toBeNull();
    // A refused document is not sent: its callers fail fast, naming it.
    const refused = await rejectionOf(MarketplacerError, client.query(InvoicesUpdatedSinceDocument, { updatedSince: '2020-01-01T00:00:00Z' }));
    expect(refused.code).toBe('MARKETPLACER_FEATURE_OFF');
    expect(refused.message).toContain('InvoicesUpdatedSince');
    expect((await marketplacer.requests()).map((request) => request.operationName)).not.toContain('InvoicesUpdatedSince');

    await serveSchemaWithout();
    await check.run();
    expect(status.featuresOff()).toEqual([]);
  });

  it.each<NonNullable<FaultSettings['refuseIntrospection']>>(['graphql-error', 'http-400'])(
    'probes each read with harmless arguments where introspection is refused (%s), and leaves mutations not checked',
    async (how) => {
      await marketplacer.setFaults({ refuseIntrospection: how });
      await serveSchemaWithout('LineItem.itemAmountCents');
      const outcome = await check.run();
      expect(outcome.method).toBe('probes');
      expect(outcome.introspectionRefused).toContain('__schema');
      expect(verdict(outcome, 'InvoiceById')).toMatchObject({
        status: 'failed',
        problems: [expect.objectContaining({ kind: 'field', name: 'LineItem.itemAmountCents' })],
      });
      expect(verdict(outcome, 'Brands')?.status).toBe('ok');
      expect(verdict(outcome, 'ShipmentCreate')).toMatchObject({ status: 'not-checked', note: expect.stringContaining('mutation') });
      const probes = (await marketplacer.requests()).filter((request) => request.operationName !== 'IntrospectionQuery');
      expect(probes.find((request) => request.operationName === 'InvoicesUpdatedSince')?.variables).toEqual({ updatedSince: '2999-01-01T00:00:00Z', first: 1 });
      expect(probes.length).toBeGreaterThan(0);
      expect(probes.filter((request) => marketplacer.sim.operations.get(request.operationName)?.kind !== 'query')).toEqual([]);
      expect(status.featureOff('orders.feed')).not.toBeNull();
      expect(status.isUsable('ShipmentCreate')).toBe(true);
    },
  );

  it('keeps what was known when Marketplacer cannot be asked, and says why', async () => {
    await serveSchemaWithout('Invoice.shippingCostCents');
    await check.run();
    // The API key has expired since: Marketplacer answers 401.
    const expired = new MarketplacerContractCheck(marketplacer.client({ apiKey: 'expired-key' }, { contract: status }), status);
    const outcome = await expired.run();
    expect(outcome).toMatchObject({ method: null, documents: [], error: { code: 'MARKETPLACER_AUTHENTICATION_FAILED' } });
    expect(status.featureOff('orders.feed')).not.toBeNull();
  });
});
