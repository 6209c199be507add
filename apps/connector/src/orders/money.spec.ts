import { centsToDecimal, sumCents } from './money.js';

describe('centsToDecimal', () => {
  it('turns whole cents into the decimal amount JSON prints exactly', () => {
    expect(centsToDecimal(1999)).toBe(19.99);
    expect(centsToDecimal(0)).toBe(0);
    expect(centsToDecimal(5)).toBe(0.05);
    expect(centsToDecimal(123456789)).toBe(1234567.89);
    expect(JSON.stringify({ total: centsToDecimal(9999), unit: centsToDecimal(3333) })).toBe('{"total":99.99,"unit":33.33}');
  });

  it('refuses anything that is not a whole, safe number of cents (a fraction would mean a sum drifted)', () => {
    expect(() => centsToDecimal(19.99)).toThrow(RangeError);
    expect(() => centsToDecimal(0.1 + 0.2)).toThrow('not a whole number of cents: 0.30000000000000004');
    expect(() => centsToDecimal(Number.NaN)).toThrow(RangeError);
    expect(() => centsToDecimal(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => centsToDecimal(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });
});

describe('sumCents', () => {
  it('adds cents as integers, so sums that drift in floating point come out exact', () => {
    // The float way drifts: 0.1 + 0.2 and 3 × 19.90 are not the decimals they should be.
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(19.9 + 19.9 + 19.9).not.toBe(59.7);
    expect(centsToDecimal(sumCents([10, 20]))).toBe(0.3);
    expect(centsToDecimal(sumCents([1990, 1990, 1990]))).toBe(59.7);
    expect(centsToDecimal(sumCents([3333, 3333, 3333]))).toBe(99.99);
    expect(centsToDecimal(sumCents(Array.from({ length: 10 }, () => 10)))).toBe(1);
  });

  it('is 0 for nothing', () => {
    expect(sumCents([])).toBe(0);
  });
});
