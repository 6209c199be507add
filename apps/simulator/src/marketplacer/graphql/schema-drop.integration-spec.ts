import { buildClientSchema, getIntrospectionQuery, GraphQLInputObjectType, GraphQLObjectType, type IntrospectionQuery } from 'graphql';
import { ConfigError } from '#common';
import { rejectionOf } from '#common/testing';
import { SimulatorHarness } from '#test-support/simulator/simulator-harness';

const CONFIGURED = ['LineItem.totalCents', 'Advert.vetted'];

/** The schema a client sees through the standard introspection query on POST /graphql. */
async function introspected(sim: SimulatorHarness) {
  const answer = await sim.graphql<IntrospectionQuery>(getIntrospectionQuery());
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  const schema = buildClientSchema(answer.body.data!);
  return (type: string): string[] => {
    const named = schema.getType(type);
    if (!(named instanceof GraphQLObjectType || named instanceof GraphQLInputObjectType)) throw new Error(`${type} is not an object or input type`);
    return Object.keys(named.getFields());
  };
}

describe('Marketplacer simulator serving the contract schema less some fields (SIMULATOR_MARKETPLACER_SCHEMA_DROP)', () => {
  let sim: SimulatorHarness;

  beforeAll(async () => {
    sim = await SimulatorHarness.start({ SIMULATOR_MARKETPLACER_SCHEMA_DROP: CONFIGURED.join(',') });
  });

  afterAll(async () => {
    await sim?.stop();
  });

  beforeEach(async () => {
    expect((await sim.control('POST', '/reset', {})).status).toBe(200);
  });

  it('answers the introspection query without the dropped fields, behind the API key and in the request log', async () => {
    const fields = await introspected(sim);
    expect(fields('LineItem')).not.toContain('totalCents');
    expect(fields('LineItem')).toEqual(expect.arrayContaining(['quantity', 'itemAmountCents']));
    expect(fields('Advert')).not.toContain('vetted');
    expect(fields('Query')).toEqual(expect.arrayContaining(['apiKeyPrincipal', 'webhooks']));
    expect((await sim.graphql(getIntrospectionQuery(), {}, {})).status).toBe(401);
    expect((await sim.control('GET', '/requests')).body.last.map((e: any) => [e.operationName, e.outcome])).toEqual([
      ['IntrospectionQuery', 'executed'],
      ['IntrospectionQuery', 'unauthorized'],
    ]);
  });

  it("counts the introspection query against the API key's rate limit", async () => {
    expect((await sim.control('PUT', '/rate-limit', { limit: 1, windowMs: 60_000 })).status).toBe(200);
    try {
      expect((await sim.graphql(getIntrospectionQuery())).status).toBe(200);
      expect((await sim.graphql(getIntrospectionQuery())).status).toBe(429);
    } finally {
      expect((await sim.control('PUT', '/rate-limit', { limit: 750, windowMs: 10_000 })).status).toBe(200);
    }
  });

  it('refuses a query selecting a dropped field with the standard validation error, in a 200 answer', async () => {
    const answer = await sim.graphql('{ advertsWhere(legacyIds: [100001]) { nodes { id vetted } } }');
    expect(answer).toEqual({ status: 200, body: { errors: [expect.objectContaining({ message: 'Cannot query field "vetted" on type "Advert".' })] } });
    const invoice = await sim.graphql('query($id: ID!) { node(id: $id) { ... on Invoice { lineItems { id totalCents } } } }', { id: 'SW52b2ljZS0xMDAwMQ==' });
    // graphql-js may add a suggestion ('Did you mean "postageCents"?'); graphql-ruby words it "Field 'totalCents' doesn't exist on type 'LineItem'".
    expect(invoice.body.errors?.map((e) => e.message)).toEqual([expect.stringMatching(/^Cannot query field "totalCents" on type "LineItem"\./)]);
  });

  it('changes the dropped fields at run time through PUT /_control/marketplacer/schema, and a reset restores the configured ones', async () => {
    expect(await sim.control('GET', '/schema')).toEqual({ status: 200, body: { drop: CONFIGURED } });
    expect(await sim.control('PUT', '/schema', { drop: ['Query.apiKeyPrincipal'] })).toEqual({ status: 200, body: { drop: ['Query.apiKeyPrincipal'] } });
    const fields = await introspected(sim);
    expect(fields('Advert')).toContain('vetted');
    expect(fields('Query')).not.toContain('apiKeyPrincipal');
    expect((await sim.graphql('{ advertsWhere(legacyIds: [100001]) { nodes { vetted } } }')).body.data?.advertsWhere.nodes).toEqual([
      { vetted: expect.any(Boolean) },
    ]);
    expect((await sim.graphql(sim.operations.get('ApiKeyPrincipal')!.text)).body.errors?.map((e) => e.message)).toEqual([
      'Cannot query field "apiKeyPrincipal" on type "Query".',
    ]);

    expect((await sim.control('POST', '/reset', {})).status).toBe(200);
    expect((await sim.control('GET', '/schema')).body).toEqual({ drop: CONFIGURED });
    expect((await sim.graphql(sim.operations.get('ApiKeyPrincipal')!.text)).body.errors).toBeUndefined();
  });

  it('refuses a bad entry with a 400 naming it, and keeps serving what it served', async () => {
    const refused = await sim.control('PUT', '/schema', { drop: ['Advert.vetted', 'Advert.vettedd'] });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      details: [{ field: 'drop', messages: ['"Advert.vettedd" cannot be left out: Advert has no field vettedd'] }],
    });
    expect((await sim.control('PUT', '/schema', { drop: 'Advert.vetted' })).status).toBe(400);
    expect((await sim.control('GET', '/schema')).body).toEqual({ drop: CONFIGURED });
  });

  it('refuses to start on a bad entry', async () => {
    const error = await rejectionOf(ConfigError, SimulatorHarness.start({ SIMULATOR_MARKETPLACER_SCHEMA_DROP: 'Advert.vetted,Advert' }));
    expect(error.message).toContain('SIMULATOR_MARKETPLACER_SCHEMA_DROP');
    expect(error.message).toContain('"Advert" cannot be left out: it is not of the form Type.field');
  });
});
