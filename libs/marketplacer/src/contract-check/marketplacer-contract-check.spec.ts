import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildASTSchema, graphql, Kind, parse, validate, type GraphQLSchema } from 'graphql';
import { rejectionOf } from '#common/testing';
import { MarketplacerClient } from '../client/marketplacer-client.js';
import { contractDocuments } from '../contract/contract-features.js';
import { MarketplacerContractStatus } from '../contract/contract-status.js';
import { InvoicesUpdatedSinceDocument } from '../contract/generated/graphql.js';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import { FakeMarketplacerServer, testConnection, type FakeAnswer, type ReceivedRequest } from '../testing/fake-marketplacer-server.js';
import { FakeTiming } from '../testing/fake-timing.js';
import { MarketplacerContractCheck } from './marketplacer-contract-check.js';

const SDL = parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../contract/schema.graphql'), 'utf8'));
const silent = { warn: () => undefined };

function contractSchemaWithout(...dropped: string[]): GraphQLSchema {
  const drop = new Set(dropped);
  return buildASTSchema({
    ...SDL,
    definitions: SDL.definitions.map((definition) => {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return definition;
      return { ...definition, fields: definition.fields?.filter((field) => !drop.has(`${definition.name.value}.${field.name.value}`)) };
    }),
  });
}

type Refusal = 'graphql-error' | 'http-400' | null;

/** A GraphQL server of `schema` (graphql-js, no resolvers: every value null), which may refuse introspection as Marketplacer could. */
function servingSchema(schema: () => GraphQLSchema, refuseIntrospection: () => Refusal) {
  return async (request: ReceivedRequest): Promise<FakeAnswer> => {
    const refusal = refuseIntrospection();
    if (refusal && request.query.includes('__schema')) {
      const errors = [
        { message: "Field '__schema' doesn't exist on type 'Query'", extensions: { code: 'undefinedField', typeName: 'Query', fieldName: '__schema' } },
      ];
      return { status: refusal === 'http-400' ? 400 : 200, body: { errors } };
    }
    const invalid = validate(schema(), parse(request.query));
    // As Apollo Server does: a document the schema refuses is a 400 with the validation errors.
    if (invalid.length > 0) return { status: refusal === 'http-400' ? 400 : 200, body: { errors: invalid.map((error) => ({ message: error.message })) } };
    return { status: 200, body: await graphql({ schema: schema(), source: request.query, variableValues: request.variables }) };
  };
}

describe('MarketplacerContractCheck against a live schema', () => {
  let server: FakeMarketplacerServer;
  let client: MarketplacerClient;
  let status: MarketplacerContractStatus;
  let check: MarketplacerContractCheck;
  let schema: GraphQLSchema;
  let refusal: Refusal;

  beforeEach(async () => {
    schema = contractSchemaWithout();
    refusal = null;
    server = await FakeMarketplacerServer.start(
      servingSchema(
        () => schema,
        () => refusal,
      ),
    );
    status = new MarketplacerContractStatus();
    client = new MarketplacerClient(testConnection(server.url), { timing: new FakeTiming(), logger: silent, contract: status });
    check = new MarketplacerContractCheck(client, status);
  });

  afterEach(async () => {
    client.stop();
    await server.close();
  });

  const verdict = (outcome: Awaited<ReturnType<MarketplacerContractCheck['run']>>, operation: string) =>
    outcome.documents.find((document) => document.operation === operation);

  it('validates every document against the introspected schema in one request: all ok', async () => {
    const outcome = await check.run();
    expect(outcome).toMatchObject({ endpoint: server.url, method: 'introspection', error: null });
    expect(outcome.documents.map((document) => document.operation)).toEqual(contractDocuments().map((document) => document.operation));
    expect(outcome.documents.filter((document) => document.status !== 'ok')).toEqual([]);
    expect(server.requests.map((request) => request.operationName)).toEqual(['IntrospectionQuery', 'ApiKeyPrincipal']);
    expect(status.featuresOff()).toEqual([]);
  });

  it('names the missing field and the features of every document that selects it, switches them off, and back on once fixed', async () => {
    schema = contractSchemaWithout('Invoice.shippingCostCents');
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

    schema = contractSchemaWithout();
    await check.run();
    expect(status.featuresOff()).toEqual([]);
  });

  it.each<Refusal>(['graphql-error', 'http-400'])(
    'probes each read with harmless arguments where introspection is refused (%s), and leaves mutations not checked',
    async (how) => {
      refusal = how;
      schema = contractSchemaWithout('LineItem.itemAmountCents');
      const outcome = await check.run();
      expect(outcome.method).toBe('probes');
      expect(outcome.introspectionRefused).toContain('__schema');
      expect(verdict(outcome, 'InvoiceById')).toMatchObject({
        status: 'failed',
        problems: [expect.objectContaining({ kind: 'field', name: 'LineItem.itemAmountCents' })],
      });
      expect(verdict(outcome, 'Brands')?.status).toBe('ok');
      expect(verdict(outcome, 'ShipmentCreate')).toMatchObject({ status: 'not-checked', note: expect.stringContaining('mutation') });
      const probes = server.requests.filter((request) => request.operationName !== 'IntrospectionQuery');
      expect(probes.find((request) => request.operationName === 'InvoicesUpdatedSince')?.variables).toEqual({ updatedSince: '2999-01-01T00:00:00Z', first: 1 });
      expect(probes.some((request) => request.query.trimStart().startsWith('mutation'))).toBe(false);
      expect(status.featureOff('orders.feed')).not.toBeNull();
      expect(status.isUsable('ShipmentCreate')).toBe(true);
    },
  );

  it('keeps what was known when Marketplacer cannot be asked, and says why', async () => {
    schema = contractSchemaWithout('Invoice.shippingCostCents');
    await check.run();
    server.respondWith(() => ({ status: 401, body: 'API Token has expired' }));
    const outcome = await check.run();
    expect(outcome).toMatchObject({ method: null, documents: [], error: { code: 'MARKETPLACER_AUTHENTICATION_FAILED' } });
    expect(status.featureOff('orders.feed')).not.toBeNull();
  });
});
