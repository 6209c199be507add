import { isDateTimeWithOffset, queryViolations, schemaViolations, type SchemaNode } from './schema-subset.js';

const fields = (schema: SchemaNode, value: unknown) => schemaViolations(schema, value).map((violation) => violation.field);

describe('schemaViolations', () => {
  const order: SchemaNode = {
    type: 'object',
    required: ['id'],
    properties: {
      id: { type: 'string', minLength: 1 },
      count: { type: 'integer', minimum: 0 },
      value: { type: 'number', minimum: 0 },
      paid: { type: 'boolean' },
      kind: { type: 'string', enum: ['CPF', 'CNPJ'] },
      at: { type: 'string', format: 'date-time' },
      items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'object', properties: { partnerId: { type: 'string' } } } } } },
    },
  };

  it('accepts a valid value, absent optional fields and fields the schema does not name', () => {
    expect(schemaViolations(order, { id: 'A', count: 2, value: 1.5, paid: false, kind: 'CPF', at: '2026-11-20T10:00:00-03:00', extra: [1] })).toEqual([]);
    expect(schemaViolations(order, { id: 'A' })).toEqual([]);
  });

  it('names the path of each wrong type, null included (nothing is nullable)', () => {
    expect(fields(order, { id: 1, count: 1.5, value: '10.00', paid: 'true', items: [{ sku: { partnerId: 7 } }, null] })).toEqual([
      'id',
      'count',
      'value',
      'paid',
      'items[0].sku.partnerId',
      'items[1]',
    ]);
    expect(schemaViolations(order, { id: null })).toEqual([{ field: 'id', message: 'O campo id deve ser do tipo string (recebido: null).' }]);
    expect(schemaViolations(order, [])).toEqual([{ field: '', message: 'O corpo da requisição deve ser do tipo object (recebido: array).' }]);
    expect(fields(order, { id: 'A', value: Number.NaN })).toEqual(['value']);
  });

  it('checks required fields, minLength, enum and minimum with Portuguese messages', () => {
    expect(schemaViolations(order, {})).toEqual([{ field: 'id', message: 'O campo id é obrigatório.' }]);
    expect(schemaViolations(order, { id: '', kind: 'RG', count: -1, value: -0.01 })).toEqual([
      { field: 'id', message: 'O campo id não pode ser vazio.' },
      { field: 'count', message: 'O campo count deve ser maior ou igual a 0 (recebido: -1).' },
      { field: 'value', message: 'O campo value deve ser maior ou igual a 0 (recebido: -0.01).' },
      { field: 'kind', message: 'O campo kind deve ser um dos valores CPF, CNPJ (recebido: "RG").' },
    ]);
  });

  it('refuses a date-time without an offset', () => {
    expect(schemaViolations(order, { id: 'A', at: '2026-11-20T10:00:00' })).toEqual([
      {
        field: 'at',
        message: 'O campo at deve ser uma data-hora ISO 8601 com fuso horário, ex.: 2022-02-07T10:56:42-03:00 (recebido: "2026-11-20T10:00:00").',
      },
    ]);
  });
});

describe('isDateTimeWithOffset', () => {
  it.each(['2026-11-20T10:00:00-03:00', '2026-11-20T13:00:00Z', '2026-11-20T13:00:00.123Z', '2024-02-29T23:59:59+05:30', '2026-12-31T23:59:60Z'])(
    'accepts %s',
    (text) => expect(isDateTimeWithOffset(text)).toBe(true),
  );

  it.each([
    '2026-11-20T10:00:00',
    '2026-11-20',
    '2026-11-20 10:00:00-03:00',
    '2026-11-20T10:00-03:00',
    '2026-11-20T10:00:00-0300',
    '2026-11-20t10:00:00z',
    '2026-02-29T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-11-31T10:00:00Z',
    '2026-11-20T24:00:00Z',
    '2026-11-20T10:00:00+24:00',
    'Fri, 20 Nov 2026 10:00:00 GMT',
    '',
  ])('refuses %j', (text) => expect(isDateTimeWithOffset(text)).toBe(false));
});

describe('queryViolations', () => {
  const parameters: Record<string, SchemaNode> = {
    limit: { type: 'integer', minimum: 5 },
    flag: { type: 'boolean' },
    status: { type: 'string', enum: ['PAID'] },
  };

  it('reads integers and booleans from their text, then checks them', () => {
    expect(queryViolations(parameters, { limit: '5', flag: 'false', status: 'PAID', other: 'x' })).toEqual([]);
    expect(queryViolations(parameters, {})).toEqual([]);
    expect(queryViolations(parameters, { limit: '2', flag: 'yes', status: 'paid' }).map((v) => v.field)).toEqual(['limit', 'flag', 'status']);
    expect(queryViolations(parameters, { limit: '5.5' })[0].message).toBe('O campo limit deve ser do tipo integer (recebido: "5.5").');
    expect(queryViolations(parameters, { limit: ['5', '6'] })[0].message).toBe('O campo limit deve ser do tipo integer (recebido: array).');
  });
});
