import { MarketplacerError, paginate, toGlobalId } from '#marketplacer';
import { ApolloMarketplacerTaxonomy } from '../../../../libs/marketplacer/src/adapters/apollo-marketplacer-taxonomy.js';
import { upsertOptionValue } from './domain/taxonomy.js';
import { MarketplacerEndpoint } from '#test-support/simulator/marketplacer-endpoint';

/** What ApolloMarketplacerTaxonomy asks the simulated Marketplacer (read from its request log), and how it reads the answers. */
describe('ApolloMarketplacerTaxonomy against the simulator', () => {
  const marketplacer = MarketplacerEndpoint.forEachTest();
  let taxonomy: ApolloMarketplacerTaxonomy;
  const requests = () => marketplacer.requests();
  const state = () => marketplacer.state;
  const rootTaxon = () =>
    [...state().taxons.values()].find((taxon) => taxon.parentId === null && [...state().taxons.values()].some((t) => t.parentId === taxon.legacyId))!;

  beforeEach(async () => {
    taxonomy = new ApolloMarketplacerTaxonomy(marketplacer.client());
  });

  it('pages through all brands with paginate(), each brand once', async () => {
    const seen: string[] = [];
    const cursors: (string | null | undefined)[] = [];
    for await (const page of paginate((after) => taxonomy.listBrands({ after, first: 3 }))) {
      seen.push(...page.nodes.map((brand) => brand.name));
      cursors.push(page.pageInfo.endCursor);
    }
    expect(seen).toEqual([...state().brands.values()].map((brand) => brand.name));
    expect(cursors.length).toBe(Math.ceil(state().brands.size / 3));
    expect(cursors.length).toBeGreaterThan(1);
    expect((await requests()).map((request) => request.variables?.after ?? null)).toEqual([null, ...cursors.slice(0, -1)]);
  });

  it('lists one taxonomy level and marks leaves', async () => {
    const root = rootTaxon();
    const parentId = toGlobalId('Taxon', root.legacyId);

    const page = await taxonomy.listTaxons(parentId);

    expect((await requests())[0].variables).toEqual({ parentId, first: 50 });
    const children = [...state().taxons.values()].filter((taxon) => taxon.parentId === root.legacyId);
    const isLeaf = (legacyId: number) => ![...state().taxons.values()].some((taxon) => taxon.parentId === legacyId);
    expect(page.nodes.map((t) => [t.legacyId, t.isLeaf, t.parentId])).toEqual(children.map((child) => [child.legacyId, isLeaf(child.legacyId), parentId]));
    expect(new Set(page.nodes.map((t) => t.isLeaf))).toEqual(new Set([true, false]));
  });

  it('lists prototypes with their option types and values, flagging truncation', async () => {
    const optionType = [...state().optionTypes.values()].find((type) => type.name.toLowerCase() === 'size')!;
    // More values than the document asks for (500).
    for (let i = optionType.optionValueIds.length; i <= 500; i += 1) {
      upsertOptionValue(state(), { optionTypeId: toGlobalId('OptionType', optionType.legacyId), name: `extra-${i}` });
    }

    const page = await taxonomy.listPrototypesWithOptions();

    expect((await requests())[0].variables).toEqual({ first: 10 });
    const apparel = page.nodes.find((prototype) => prototype.name === 'Apparel')!;
    expect(apparel).toMatchObject({ optionTypesTruncated: false });
    const size = apparel.optionTypes.find((type) => type.name === optionType.name)!;
    expect(size).toMatchObject({ valuesTruncated: true });
    expect(size.values).toHaveLength(500);
    expect(size.values[0]).toEqual({
      id: toGlobalId('OptionValue', optionType.optionValueIds[0]),
      name: expect.any(String),
      displayName: expect.any(String),
      position: expect.any(Number),
    });
    expect(apparel.optionTypes.filter((type) => type.name !== optionType.name).every((type) => !type.valuesTruncated)).toBe(true);
  });

  it('upserts a taxon and checks the payload', async () => {
    const parentId = toGlobalId('Taxon', rootTaxon().legacyId);
    const prototypeId = toGlobalId('Prototype', [...state().prototypes.values()][0].legacyId);

    const created = await taxonomy.upsertTaxon({ displayName: 'Taxon 12', parentId, prototypeId });

    expect(created).toMatchObject({ legacyId: expect.any(Number), displayName: 'Taxon 12', parentId, isLeaf: null });
    expect((await requests())[0].variables).toEqual({ input: { displayName: 'Taxon 12', parentId, prototypeId } });
    const error = await taxonomy.upsertTaxon({ id: created.id, displayName: '' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MarketplacerError);
    expect(error).toMatchObject({ code: 'MARKETPLACER_VALIDATION_FAILED', details: [{ field: 'displayName', messages: ["can't be blank"] }] });
  });

  it('does not repeat a create after a 5xx (it may have been made), but retries an update', async () => {
    const existing = rootTaxon();
    await marketplacer.setFaults({ failNextRequests: { count: 2, status: 502 } });

    const error = await taxonomy.upsertTaxon({ displayName: 'Taxon 12' }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'MARKETPLACER_UNAVAILABLE', message: expect.stringContaining('it may have been applied, so it was not repeated') });
    expect(await marketplacer.received()).toBe(1);
    const id = toGlobalId('Taxon', existing.legacyId);
    expect(await taxonomy.upsertTaxon({ id, displayName: 'Taxon 12' })).toMatchObject({ legacyId: existing.legacyId, displayName: 'Taxon 12' });
    expect(await marketplacer.received()).toBe(3);
  });

  it('upserts prototypes, option types and option values', async () => {
    const prototype = await taxonomy.upsertPrototype({ name: 'Shoes' });
    expect(prototype).toEqual({ id: expect.any(String), name: 'Shoes', externalIds: [] });
    const optionType = await taxonomy.upsertOptionType({ name: 'size', prototypeIds: [prototype.id], fieldType: 'SINGLE_SELECT', appliedTo: 'VARIANT' });
    expect(optionType).toMatchObject({ id: expect.any(String), name: 'size', fieldType: 'SINGLE_SELECT', appliedTo: 'VARIANT', values: [] });
    expect(await taxonomy.upsertOptionValue({ optionTypeId: optionType.id, name: '40', position: 2 })).toEqual({
      id: expect.any(String),
      name: '40',
      displayName: '40',
      position: 2,
      optionTypeId: optionType.id,
    });
    expect((await requests()).map((r) => r.operationName)).toEqual(['PrototypeCreateOrUpdate', 'OptionTypeCreateOrUpdate', 'OptionValueCreateOrUpdate']);
  });
});
