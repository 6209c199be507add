import { MarketplacerError } from '../errors/marketplacer-error.js';
import { centsFromFormatted, centsOf } from './formatted-money.js';

describe('centsFromFormatted', () => {
  it.each([
    ['$19.90', 1990],
    ['$1,234.50', 123450],
    ['$1,234,567.05', 123456705],
    ['$19.9', 1990],
    ['$20', 2000],
    ['$0.00', 0],
    ['-$5.00', -500],
    ['$-5.00', -500],
    ['($5.00)', -500],
    ['-$0.00', 0],
    ['$19.90 NZD', 1990],
    ['R$ 1.234,56', 123456],
    ['1 234,56 €', 123456],
    ['$1.234', 123400],
    ['$0.29', 29],
    ['$90071992547409.91', 9007199254740991],
  ])('%s → %i cents', (text, cents) => {
    expect(centsFromFormatted(text, 'Invoice.totalFormatted')).toBe(cents);
  });

  it('reads the digits exactly where float arithmetic would not', () => {
    // In floating point 0.29 * 100 is 28.999999999999996, 9.95 * 100 is 994.9999999999999 and
    // 1234567.89 * 100 is 123456788.99999999: truncating any of them would lose a cent.
    expect(centsFromFormatted('$0.29', 'x')).toBe(29);
    expect(centsFromFormatted('$9.95', 'x')).toBe(995);
    expect(centsFromFormatted('$1,234,567.89', 'x')).toBe(123456789);
  });

  it.each(['', 'free', '$', '$1.00 - $2.00', '$.50', '$92,000,000,000,000.00'])('rejects %j as MARKETPLACER_UNEXPECTED_RESPONSE', (text) => {
    let thrown: unknown;
    try {
      centsFromFormatted(text, 'LineItem.totalFormatted');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MarketplacerError);
    expect(thrown).toMatchObject({ code: 'MARKETPLACER_UNEXPECTED_RESPONSE', details: [{ field: 'LineItem.totalFormatted' }] });
  });
});

describe('centsOf', () => {
  it('prefers the exact *Cents integer over the string', () => {
    expect(centsOf(1990, '$99.99', 'x')).toBe(1990);
    expect(centsOf(0, '$99.99', 'x')).toBe(0);
  });

  it('reads the *Formatted string when the cents are null or absent', () => {
    expect(centsOf(null, '$12.34', 'x')).toBe(1234);
    expect(centsOf(undefined, '$12.34', 'x')).toBe(1234);
  });

  it('is null when both are null', () => {
    expect(centsOf(null, null, 'x')).toBeNull();
  });
});
