import { thrownBy } from '#common/testing';
import { accessKeyCheckDigit, validAccessKey } from './access-key.js';
import { NfeError } from './nfe.errors.js';

describe('accessKeyCheckDigit', () => {
  it.each([
    ['41190908328657000194550015624654251041433087', 7],
    ['13181017921427000125650010000000309887251170', 0],
    ['33150308370779000149550010001100931002410775', 5],
    ['35260911222333000181550020000123451876543214', 4],
  ])("gives the last digit of the published key %s (SEFAZ's mod-11)", (key, digit) => {
    expect(accessKeyCheckDigit(key.slice(0, 43))).toBe(digit);
  });

  it('is 0 when the remainder by 11 is 0 or 1 (11 − remainder would be two digits)', () => {
    // Weighted sums with remainder 0 and 1 respectively.
    expect(accessKeyCheckDigit('3526091122233300018155002000012345187650000')).toBe(0);
    expect(accessKeyCheckDigit('3526091122233300018155002000012345187650006')).toBe(0);
    expect(accessKeyCheckDigit('3526091122233300018155002000012345187650001')).not.toBe(0);
  });
});

describe('validAccessKey', () => {
  it('gives a valid key back as it is', () => {
    expect(validAccessKey('41190908328657000194550015624654251041433087', 'infNFe@Id')).toBe('41190908328657000194550015624654251041433087');
  });

  it('refuses every single-digit change of the check digit', () => {
    for (let digit = 0; digit <= 9; digit++) {
      if (digit === 7) continue;
      const error = thrownBy(NfeError, () => validAccessKey(`4119090832865700019455001562465425104143308${digit}`, 'protNFe/infProt/chNFe'));
      expect(error).toMatchObject({ code: 'NFE_ACCESS_KEY_INVALID', kind: 'invalid' });
      expect(error.message).toContain(`its check digit is ${digit}, but SEFAZ's mod-11 rule over the first 43 digits gives 7`);
    }
  });

  it('refuses a key with a swapped pair of digits (what the check digit exists to catch)', () => {
    expect(() => validAccessKey('14190908328657000194550015624654251041433087', 'infNFe@Id')).toThrow(NfeError);
  });
});

describe('alphanumeric CNPJ keys (NT 2025.001, in production since July 2026)', () => {
  // cUF 35, 2607, CNPJ 12ABC34501DE35 (letters in its first 12 characters), mod 55, series 1, number 42, tpEmis 1, cNF 12345678.
  const first43 = '352607' + '12ABC34501DE35' + '55' + '001' + '000000042' + '1' + '12345678';

  it('counts each character as its ASCII code minus 48 (a digit as itself)', () => {
    const weights = [...first43].reverse().map((_, index) => 2 + (index % 8));
    const sum = [...first43].reverse().reduce((total, char, index) => total + (char.charCodeAt(0) - 48) * weights[index], 0);
    const expected = sum % 11 < 2 ? 0 : 11 - (sum % 11);
    expect(accessKeyCheckDigit(first43)).toBe(expected);
    expect(validAccessKey(`${first43}${expected}`, 'chNFe')).toBe(`${first43}${expected}`);
  });

  it('refuses letters outside the CNPJ, and lower-case letters', () => {
    const digit = accessKeyCheckDigit(first43);
    expect(() => validAccessKey(`A${first43.slice(1)}${digit}`, 'chNFe')).toThrow(NfeError);
    expect(() => validAccessKey(`${first43.toLowerCase()}${digit}`, 'chNFe')).toThrow(NfeError);
    expect(() => validAccessKey(`${first43.slice(0, 30)}X${first43.slice(31)}${digit}`, 'chNFe')).toThrow(NfeError);
  });
});
