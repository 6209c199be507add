import { MarketplacerClient } from '../client/marketplacer-client.js';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import { toGlobalId } from '../ids/global-id.js';
import { paginate } from '../pagination/paginate.js';
import { FakeMarketplacerServer, answerData, testConnection } from '../testing/fake-marketplacer-server.js';
import { FakeTiming } from '../testing/fake-timing.js';
import { ApolloMarketplacerTaxonomy } from './apollo-marketplacer-taxonomy.js';

const taxon = (legacyId: number, leaf: boolean) => ({
  __typename: 'Taxon',
  id: toGlobalId('Taxon', legacyId),
  legacyId,
  displayName: `Taxon ${legacyId}`,
  title: `Taxon ${legacyId}`,
  treeName: `Root > Taxon ${legacyId}`,
  externalIds: [{ key: 'anymarket', value: String(legacyId) }],
  parent: { id: toGlobalId('Taxon', 1) },
  prototype: { id: toGlobalId('Prototype', 3), name: 'Shoes' },
  children: { totalCount: leaf ? 0 : 4 },
});

describe('ApolloMarketplacerTaxonomy', () => {
  let server: FakeMarketplacerServer;
  let client: MarketplacerClient;
  let taxonomy: ApolloMarketplacerTaxonomy;

  beforeEach(async () => {
    server = await FakeMarketplacerServer.start();
    client = new MarketplacerClient(testConnection(server.url), { timing: new FakeTiming(), logger: { warn: () => undefined } });
    taxonomy = new ApolloMarketplacerTaxonomy(client);
  });

  afterEach(async () => {
    client.stop();
    await server.close();
  });

  it('pages through all brands with paginate(), each brand once', async () => {
    const all = Array.from({ length: 7 }, (_, i) => ({ __typename: 'Brand', id: toGlobalId('Brand', i + 1), name: `Brand ${i + 1}`, slug: `brand-${i + 1}` }));
    server.respondWith(({ variables }) => {
      const start = variables.after ? Number(variables.after) : 0;
      const nodes = all.slice(start, start + Number(variables.first));
      const end = start + nodes.length;
      return answerData({ brands: { totalCount: all.length, pageInfo: { hasNextPage: end < all.length, endCursor: String(end) }, nodes } });
    });
    const seen: string[] = [];
    for await (const page of paginate((after) => taxonomy.listBrands({ after, first: 3 }))) {
      seen.push(...page.nodes.map((brand) => brand.name));
    }
    expect(seen).toEqual(all.map((brand) => brand.name));
    expect(server.requests.map((r) => r.variables.after ?? null)).toEqual([null, '3', '6']);
  });

  it('lists one taxonomy level and marks leaves', async () => {
    server.script(answerData({ taxons: { totalCount: 2, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [taxon(10, true), taxon(11, false)] } }));
    const page = await taxonomy.listTaxons(toGlobalId('Taxon', 1));
    expect(server.requests[0].variables).toEqual({ parentId: toGlobalId('Taxon', 1), first: 50 });
    expect(page.nodes.map((t) => [t.legacyId, t.isLeaf, t.parentId])).toEqual([
      [10, true, toGlobalId('Taxon', 1)],
      [11, false, toGlobalId('Taxon', 1)],
    ]);
  });

  it('lists prototypes with their option types and values, flagging truncation', async () => {
    server.script(
      answerData({
        prototypes: {
          totalCount: 1,
          pageInfo: { hasNextPage: false, endCursor: null },
          nodes: [
            {
              __typename: 'Prototype',
              id: toGlobalId('Prototype', 3),
              name: 'Shoes',
              externalIds: [],
              optionTypes: {
                totalCount: 1,
                nodes: [
                  {
                    __typename: 'OptionType',
                    id: toGlobalId('OptionType', 4),
                    name: 'size',
                    displayName: 'Size',
                    fieldType: 'SINGLE_SELECT',
                    appliedTo: 'VARIANT',
                    optional: false,
                    position: 1,
                    externalIds: [],
                    optionValues: { totalCount: 600, nodes: [{ id: toGlobalId('OptionValue', 5), name: '40', displayName: '40', position: 1 }] },
                  },
                ],
              },
            },
          ],
        },
      }),
    );
    const page = await taxonomy.listPrototypesWithOptions();
    expect(server.requests[0].variables).toEqual({ first: 10 });
    const [prototype] = page.nodes;
    expect(prototype).toMatchObject({ name: 'Shoes', optionTypesTruncated: false });
    expect(prototype.optionTypes[0]).toMatchObject({ name: 'size', fieldType: 'SINGLE_SELECT', appliedTo: 'VARIANT', valuesTruncated: true });
    expect(prototype.optionTypes[0].values).toEqual([{ id: toGlobalId('OptionValue', 5), name: '40', displayName: '40', position: 1 }]);
  });

  it('upserts a taxon and checks the payload', async () => {
    const { children: _children, ...saved } = taxon(12, true);
    server.script(
      answerData({ taxonCreateOrUpdate: { status: 200, errors: null, taxon: saved } }),
      answerData({ taxonCreateOrUpdate: { status: 422, errors: [{ field: 'displayName', messages: ["can't be blank"] }], taxon: null } }),
    );
    const created = await taxonomy.upsertTaxon({ displayName: 'Taxon 12', parentId: toGlobalId('Taxon', 1), prototypeId: toGlobalId('Prototype', 3) });
    expect(created).toMatchObject({ legacyId: 12, isLeaf: null });
    expect(server.requests[0].variables).toEqual({
      input: { displayName: 'Taxon 12', parentId: toGlobalId('Taxon', 1), prototypeId: toGlobalId('Prototype', 3) },
    });
    const error = await taxonomy.upsertTaxon({ id: toGlobalId('Taxon', 12), displayName: '' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MarketplacerError);
    expect(error).toMatchObject({ code: 'MARKETPLACER_VALIDATION_FAILED', details: [{ field: 'displayName', messages: ["can't be blank"] }] });
  });

  it('does not repeat a create after a 5xx (it may have been made), but retries an update', async () => {
    const { children: _children, ...saved } = taxon(12, true);
    server.script({ status: 502 }, { status: 502 }, answerData({ taxonCreateOrUpdate: { status: 200, errors: null, taxon: saved } }));
    const error = await taxonomy.upsertTaxon({ displayName: 'Taxon 12' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'MARKETPLACER_UNAVAILABLE', message: expect.stringContaining('it may have been applied, so it was not repeated') });
    expect(server.requests).toHaveLength(1);
    expect(await taxonomy.upsertTaxon({ id: toGlobalId('Taxon', 12), displayName: 'Taxon 12' })).toMatchObject({ legacyId: 12 });
    expect(server.requests).toHaveLength(3);
  });

  it('upserts prototypes, option types and option values', async () => {
    server.respondWith(({ operationName }) => {
      switch (operationName) {
        case 'PrototypeCreateOrUpdate':
          return answerData({
            prototypeCreateOrUpdate: { status: 200, errors: [], prototype: { __typename: 'Prototype', id: 'P', name: 'Shoes', externalIds: [] } },
          });
        case 'OptionTypeCreateOrUpdate':
          return answerData({
            optionTypeCreateOrUpdate: {
              status: 200,
              errors: [],
              optionType: {
                __typename: 'OptionType',
                id: 'OT',
                name: 'size',
                displayName: 'Size',
                fieldType: 'SINGLE_SELECT',
                appliedTo: 'VARIANT',
                optional: false,
                position: 0,
                externalIds: [],
              },
            },
          });
        default:
          return answerData({
            optionValueCreateOrUpdate: {
              status: 200,
              errors: [],
              optionValue: { __typename: 'OptionValue', id: 'OV', name: '40', displayName: '40', position: 2, optionType: { id: 'OT' }, externalIds: [] },
            },
          });
      }
    });
    expect(await taxonomy.upsertPrototype({ name: 'Shoes' })).toEqual({ id: 'P', name: 'Shoes', externalIds: [] });
    expect(await taxonomy.upsertOptionType({ name: 'size', prototypeIds: ['P'], fieldType: 'SINGLE_SELECT', appliedTo: 'VARIANT' })).toMatchObject({
      id: 'OT',
      values: [],
    });
    expect(await taxonomy.upsertOptionValue({ optionTypeId: 'OT', name: '40', position: 2 })).toEqual({
      id: 'OV',
      name: '40',
      displayName: '40',
      position: 2,
      optionTypeId: 'OT',
    });
    expect(server.requests.map((r) => r.operationName)).toEqual(['PrototypeCreateOrUpdate', 'OptionTypeCreateOrUpdate', 'OptionValueCreateOrUpdate']);
  });
});
