import { tmpdir } from 'node:os';
import { signAnymarketToken } from '#anymarket';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { http, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

/**
 * ANYMARKET's catalogue look-ups answered from Marketplacer's taxonomy (the simulator's), and the
 * operator's taxonomy edits going to Marketplacer and showing up in the look-ups.
 */
const databases = await availableDatabases();

interface Item {
  codeInMarketplace: string;
  name: string;
}

describe.each(databases)('categorization remotes on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  const remote = async <T = unknown>(path: string) => http<T>(`${connector.url}${path}`, { headers: { 'x-anymarket-token': signAnymarketToken() } });
  const mp = async <T>(query: string, variables: Record<string, unknown> = {}) =>
    (
      await http<{ data: T }>(`${simulator.url}/graphql`, {
        method: 'POST',
        headers: { 'MARKETPLACER-API-KEY': 'demo-marketplacer-api-key' },
        body: { query, variables },
      })
    ).body.data;

  beforeAll(async () => {
    simulator = await startSimulator();
    database = await createTestDatabase(kind, tmpdir());
    connector = await startConnector(database.target, simulator.url);
  });

  afterAll(async () => {
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  it('refuses callers without a valid x-anymarket-token', async () => {
    expect((await http(`${connector.url}/brands`)).status).toBe(401);
    expect((await http(`${connector.url}/categories`, { headers: { 'x-anymarket-token': 'not.a.jwt' } })).status).toBe(401);
  });

  it("answers /brands with Marketplacer's brands", async () => {
    const { brands } = await mp<{ brands: { nodes: Array<{ id: string; name: string }> } }>('{ brands(first: 500) { nodes { id name } } }');
    const res = await remote<Item[]>('/brands');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(brands.nodes.map((brand) => ({ codeInMarketplace: brand.id, name: brand.name })));
  });

  it('walks the category tree down to selectable leaves with their attributes', async () => {
    const roots = await remote<Item[]>('/categories?accountIdentifier=1');
    expect(roots.status).toBe(200);
    expect(roots.body.length).toBeGreaterThan(0);
    // Breadth-first down the tree: parents are not selectable, leaves are and have no children.
    let leaf: { codeInMarketPlace: string } | undefined;
    const queue = roots.body.map((root) => root.codeInMarketplace);
    while (queue.length && !leaf) {
      const details = await remote<{ codeInMarketPlace: string; canBeSelected: boolean; isReceivingItens: boolean; children: Item[] }>(
        `/categories/${queue.shift()}`,
      );
      expect(details.status).toBe(200);
      expect(details.body.canBeSelected).toBe(details.body.children.length === 0);
      expect(details.body.isReceivingItens).toBe(details.body.canBeSelected);
      if (details.body.canBeSelected) leaf = details.body;
      queue.push(...details.body.children.map((child) => child.codeInMarketplace));
    }
    expect(leaf).toBeDefined();
    const attributes = await remote<Array<{ codeInMarketPlace: string; type: string; required: boolean; values?: unknown[] }>>(
      `/categories/attributes/${leaf!.codeInMarketPlace}`,
    );
    expect(attributes.status).toBe(200);
    for (const attribute of attributes.body) {
      expect(['STRING_INPUT', 'NUMBER_INPUT', 'SELECT_INPUT']).toContain(attribute.type);
      if (attribute.type === 'SELECT_INPUT') expect(attribute.values!.length).toBeGreaterThan(0);
    }
  });

  it('lists variation types with their values, and answers 404 for an unknown category', async () => {
    const variations = await remote<Array<{ codeInMarketplace: string; name: string; values: Item[] }>>('/variations/types');
    expect(variations.status).toBe(200);
    expect(variations.body.length).toBeGreaterThan(0);
    expect(variations.body.every((type) => type.values.length > 0)).toBe(true);
    const missing = await remote<{ code: string; message: string }>('/categories/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 'CATEGORY_NOT_FOUND', message: 'No Marketplacer category has the code "nope"' });
  });

  it("creates a taxon through the admin API and ANYMARKET's next look-up sees it", async () => {
    const { prototypes } = await mp<{ prototypes: { nodes: Array<{ id: string }> } }>('{ prototypes(first: 1) { nodes { id } } }');
    const created = await http<{ id: string; displayName: string }>(`${connector.url}/admin/taxonomy/taxons`, {
      method: 'POST',
      headers: connector.admin,
      body: { displayName: 'Brinquedos', prototypeId: prototypes.nodes[0].id },
    });
    expect(created.status).toBe(200);
    expect(created.body.displayName).toBe('Brinquedos');
    const roots = await remote<Item[]>('/categories');
    expect(roots.body).toContainEqual({ codeInMarketplace: created.body.id, name: 'Brinquedos' });
  });

  it("answers Marketplacer's refusal with its field messages and changes nothing", async () => {
    const before = await remote<Item[]>('/categories');
    const refused = await http<{ error: { code: string; details: Array<{ field: string; messages: string[] }> } }>(`${connector.url}/admin/taxonomy/taxons`, {
      method: 'POST',
      headers: connector.admin,
      body: { title: 'no display name, no prototype' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('MARKETPLACER_VALIDATION_FAILED');
    expect(refused.body.error.details).toEqual(expect.arrayContaining([{ field: 'displayName', messages: ["can't be blank"] }]));
    expect((await remote<Item[]>('/categories')).body).toEqual(before.body);
    const invalid = await http<{ error: { code: string } }>(`${connector.url}/admin/taxonomy/option-types`, {
      method: 'POST',
      headers: connector.admin,
      body: { appliedTo: 'SOMEWHERE' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refreshes through the sync engine: the taxonomy job runs for the marketplace and is recorded', async () => {
    const run = await http<{ id: number; job: string }>(`${connector.url}/admin/sync/jobs/taxonomy/run`, {
      method: 'POST',
      headers: connector.admin,
    });
    expect(run.status).toBe(202);
    let outcome = 'running';
    for (let i = 0; i < 100 && outcome === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      outcome = (await http<{ outcome: string }>(`${connector.url}/admin/sync/runs/${run.body.id}`, { headers: connector.admin })).body.outcome;
    }
    expect(outcome).toBe('succeeded');
  });
});
