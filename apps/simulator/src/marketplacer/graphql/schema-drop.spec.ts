import { GraphQLInputObjectType, GraphQLObjectType, parse, validate } from 'graphql';
import { ConfigError } from '#common';
import { thrownBy } from '#common/testing';
import { loadSimulatorConfig } from '../../config/simulator.config.js';
import { buildServedSchema, ServedSchema } from './contract-schema.js';
import { readContractSdl } from './contract-sdl.js';
import { checkSchemaDrop, SchemaDropError, splitSchemaDrop } from './schema-drop.js';

const sdl = readContractSdl();

function fieldsOf(schema: ReturnType<typeof buildServedSchema>, type: string): string[] {
  const named = schema.getType(type);
  if (!(named instanceof GraphQLObjectType || named instanceof GraphQLInputObjectType)) throw new Error(`${type} is not an object or input type`);
  return Object.keys(named.getFields());
}

describe('dropping fields from the served contract schema', () => {
  it('reads a comma-separated list, without blanks or repeats', () => {
    expect(splitSchemaDrop(' LineItem.totalCents, ,Advert.vetted,LineItem.totalCents ')).toEqual(['LineItem.totalCents', 'Advert.vetted']);
    expect(splitSchemaDrop('')).toEqual([]);
  });

  it('leaves out fields of object and input types, root fields included, with their resolvers', () => {
    const schema = buildServedSchema(sdl, ['LineItem.totalCents', 'Advert.vetted', 'Query.apiKeyPrincipal', 'WebhookCreateInput.hmacKey']);
    expect(fieldsOf(schema, 'LineItem')).not.toContain('totalCents');
    expect(fieldsOf(schema, 'LineItem')).toContain('quantity');
    expect(fieldsOf(schema, 'Advert')).not.toContain('vetted');
    expect(fieldsOf(schema, 'Query')).not.toContain('apiKeyPrincipal');
    expect(fieldsOf(schema, 'WebhookCreateInput')).not.toContain('hmacKey');
    expect(validate(schema, parse('{ apiKeyPrincipal { name } }')).map((e) => e.message)).toEqual(['Cannot query field "apiKeyPrincipal" on type "Query".']);
    expect(fieldsOf(buildServedSchema(sdl, []), 'LineItem')).toContain('totalCents');
  });

  it.each([
    ['LineItem', 'it is not of the form Type.field'],
    ['Nope.field', 'the contract schema has no type Nope'],
    ['LineItem.nope', 'LineItem has no field nope'],
    ['WebhookEventEnum.CREATE', 'WebhookEventEnum is not an object or input type'],
    ['Node.id', 'Node is not an object or input type'],
    ['Advert.id', 'the interface Node that Advert implements declares it'],
    ['APIKeyPrincipal.emailAddress,APIKeyPrincipal.name,APIKeyPrincipal.username', 'APIKeyPrincipal would have no field left'],
  ])('refuses %s, naming the entry', (list, reason) => {
    const entries = splitSchemaDrop(list);
    const error = thrownBy(SchemaDropError, () => checkSchemaDrop(sdl, entries));
    expect(error.entry).toBe(entries.at(-1));
    expect(error.message).toBe(`"${entries.at(-1)}" cannot be left out: ${reason}`);
  });

  it('changes the served schema at run time, and keeps it when an entry is bad', () => {
    const served = new ServedSchema(sdl, ['Advert.vetted']);
    const configured = served.current;
    expect(served.setDropped(['LineItem.totalCents'])).toEqual(['LineItem.totalCents']);
    expect(fieldsOf(served.current, 'Advert')).toContain('vetted');
    expect(fieldsOf(served.current, 'LineItem')).not.toContain('totalCents');
    const current = served.current;
    expect(() => served.setDropped(['LineItem.nope'])).toThrow(SchemaDropError);
    expect(served.current).toBe(current);
    expect(served.dropped).toEqual(['LineItem.totalCents']);
    expect(served.restoreConfigured()).toEqual(['Advert.vetted']);
    expect(served.current).not.toBe(configured);
    expect(fieldsOf(served.current, 'Advert')).not.toContain('vetted');
  });

  describe('SIMULATOR_MARKETPLACER_SCHEMA_DROP', () => {
    it('is unset by default: the whole contract schema', () => {
      expect(loadSimulatorConfig({}).marketplacerSchemaDrop).toEqual([]);
    });

    it('lists the fields to leave out', () => {
      expect(loadSimulatorConfig({ SIMULATOR_MARKETPLACER_SCHEMA_DROP: 'LineItem.totalCents, Advert.vetted' }).marketplacerSchemaDrop).toEqual([
        'LineItem.totalCents',
        'Advert.vetted',
      ]);
    });

    it('stops the start with one line naming the variable and the bad entry', () => {
      const error = thrownBy(ConfigError, () => loadSimulatorConfig({ SIMULATOR_MARKETPLACER_SCHEMA_DROP: 'LineItem.totalCents,LineItem.totalDollars' }));
      expect(error.variable).toBe('SIMULATOR_MARKETPLACER_SCHEMA_DROP');
      expect(error.message).toBe(
        'Invalid configuration: SIMULATOR_MARKETPLACER_SCHEMA_DROP must list fields of the contract schema\'s object and input types; "LineItem.totalDollars" cannot be left out: LineItem has no field totalDollars',
      );
      expect(error.message).not.toContain('\n');
    });
  });
});
