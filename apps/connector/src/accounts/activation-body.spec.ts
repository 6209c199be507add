import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createValidationPipe, DomainError } from '#common';
import { DEFAULT_ACCOUNT_SETTINGS, settingsFrom } from './account-settings.js';
import { activationCredentialsFrom } from './activation-credentials.js';
import { parseActivationDate } from './activation-date.js';
import { SaveAccountDto } from './dto/activation.dto.js';
import { DOCS_EXAMPLE_SETTINGS } from '#test-support/connector/accounts/docs-example-settings';

const examples = {
  docs: JSON.parse(readFileSync(resolve(process.cwd(), '../shared/anymarket/examples-from-docs.json'), 'utf8')) as Record<string, unknown>,
  openapi: JSON.parse(readFileSync(resolve(process.cwd(), '../shared/anymarket/examples-from-openapi.json'), 'utf8')) as Record<
    string,
    Record<string, { request: Record<string, unknown> }>
  >,
};
const docsSaveAccount = examples.docs['remote POST /saveAccount request (ativacaoModulo.md)'] as Record<string, unknown>;
const openapiSaveAccount = examples.openapi['REMOTE (ANYMARKET -> middleware)']['POST /saveAccount'].request['application/json :: example-1'] as Record<
  string,
  unknown
>;

const pipe = createValidationPipe();
const validate = (body: unknown): Promise<SaveAccountDto> => pipe.transform(body, { type: 'body', metatype: SaveAccountDto }) as Promise<SaveAccountDto>;

async function validationFailure(body: unknown): Promise<DomainError> {
  try {
    await validate(body);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the body to be refused');
}

describe('parseActivationDate', () => {
  it.each([
    ['09-02-2022', '2022-02-09'],
    ['25-01-2021', '2021-01-25'],
    ['2019-08-24', '2019-08-24'],
    ['2018-03-08T10:00:00-03:00', '2018-03-08'],
    ['2018-03-08T23:30:00.000Z', '2018-03-08'],
    ['2024-02-29', '2024-02-29'],
    [' 01-12-2021 ', '2021-12-01'],
  ])('reads %s as %s', (raw, expected) => {
    expect(parseActivationDate(raw)).toBe(expected);
  });

  it.each(['dd-MM-yyyy', '31-02-2022', '2023-02-29', '2022-13-01', '9-2-2022', '09/02/2022', '', '2022-02-09T25', '0001-01-01'])('refuses %j', (raw) => {
    expect(parseActivationDate(raw)).toBeUndefined();
  });
});

describe('saveAccount body', () => {
  it("accepts ANYMARKET's documented examples as they are, extras stripped", async () => {
    for (const example of [docsSaveAccount, openapiSaveAccount]) {
      const dto = await validate(structuredClone(example));
      expect(dto).toBeInstanceOf(SaveAccountDto);
      expect(dto).not.toHaveProperty('storeId');
      expect(dto).not.toHaveProperty('field1');
    }
  });

  it('normalises the docs example (initialDateOrderImport as dd-MM-yyyy, user token and null country)', async () => {
    const dto = await validate(structuredClone(docsSaveAccount));
    expect(settingsFrom(dto)).toEqual(DOCS_EXAMPLE_SETTINGS);
    expect(dto.user).toEqual({ token: 'LG1620824269786R9896699' });
  });

  it('reads the date under either key and either format; initialDateForOrderImport wins when both differ', async () => {
    const base = { id: 1, active: true };
    expect(settingsFrom(await validate({ ...base, initialDateForOrderImport: '2019-08-24' })).initialOrderImportDate).toBe('2019-08-24');
    expect(settingsFrom(await validate({ ...base, initialDateOrderImport: '24-08-2019' })).initialOrderImportDate).toBe('2019-08-24');
    expect(
      settingsFrom(await validate({ ...base, initialDateForOrderImport: '01-01-2020', initialDateOrderImport: '2021-01-01' })).initialOrderImportDate,
    ).toBe('2020-01-01');
    expect(settingsFrom(await validate({ ...base, initialDateForOrderImport: null, initialDateOrderImport: '2021-01-01' })).initialOrderImportDate).toBe(
      '2021-01-01',
    );
  });

  it('keeps previous settings for fields left out, and clears nullable ones sent as null', async () => {
    const previous = {
      ...DEFAULT_ACCOUNT_SETTINGS,
      accountName: 'Old',
      templateId: '7',
      priceFactor: 1.2,
      initialOrderImportDate: '2020-01-01',
      useSandbox: true,
    };
    expect(settingsFrom(await validate({ id: 1, active: true }), previous)).toEqual(previous);
    const cleared = settingsFrom(
      await validate({ id: 1, active: true, accountName: null, templateId: null, initialDateForOrderImport: null, priceFactor: null }),
      previous,
    );
    expect(cleared).toEqual({ ...previous, accountName: null, templateId: null, initialOrderImportDate: null });
    expect(settingsFrom(await validate({ id: 1, active: true, templateId: 10 }))).toMatchObject({ templateId: '10', priceFactor: 1, discountType: 'PERCENT' });
  });

  it('drops a country that is not a string, and strips unknown keys inside user', async () => {
    const dto = await validate({ id: 1, active: true, user: { token: 't', country: { code: 'BR' }, extra: 1 } });
    expect(dto.user).toEqual({ token: 't' });
    expect((await validate({ id: 1, active: true, user: { token: 't', country: 'BR' } })).user).toEqual({ token: 't', country: 'BR' });
  });

  it.each([
    [{ active: true }, 'id'],
    [{ id: null, active: true }, 'id'],
    [{ id: '127', active: true }, 'id'],
    [{ id: 1.5, active: true }, 'id'],
    [{ id: 1 }, 'active'],
    [{ id: 1, active: 'yes' }, 'active'],
    [{ id: 1, active: true, discountType: 'PERCENTAGE' }, 'discountType'],
    [{ id: 1, active: true, priceFactor: '1.5' }, 'priceFactor'],
    [{ id: 1, active: true, discountValue: -1 }, 'discountValue'],
    [{ id: 1, active: true, accountName: 42 }, 'accountName'],
    [{ id: 1, active: true, initialDateForOrderImport: '31-02-2022' }, 'initialDateForOrderImport'],
    [{ id: 1, active: true, initialDateOrderImport: 'dd-MM-yyyy' }, 'initialDateOrderImport'],
    [{ id: 1, active: true, user: 'token' }, 'user'],
    [{ id: 1, active: true, user: {} }, 'user.token'],
    [{ id: 1, active: true, user: { token: '' } }, 'user.token'],
    [{ id: 1, active: true, useSandbox: 1 }, 'useSandbox'],
  ])('refuses %j naming %s', async (body, field) => {
    const error = await validationFailure(body);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((d) => d.field)).toContain(field);
  });
});

describe('activationCredentialsFrom', () => {
  const names = { storeId: 'storeId', password: 'password' };

  it("reads the docs example's storeId/password", () => {
    expect(activationCredentialsFrom(docsSaveAccount, names)).toEqual({ storeId: '123456', password: '!@Teste' });
  });

  it('reads configured field names, a numeric store id as digits, and ignores blanks and wrong types', () => {
    expect(activationCredentialsFrom({ login: 78, senha: 's3cret' }, { storeId: 'login', password: 'senha' })).toEqual({ storeId: '78', password: 's3cret' });
    expect(activationCredentialsFrom({ storeId: ' ', password: '' }, names)).toEqual({ storeId: undefined, password: undefined });
    expect(activationCredentialsFrom({ storeId: { a: 1 }, password: 5 }, names)).toEqual({ storeId: undefined, password: undefined });
    expect(activationCredentialsFrom(null, names)).toEqual({});
    expect(activationCredentialsFrom([1, 2], names)).toEqual({});
  });
});
