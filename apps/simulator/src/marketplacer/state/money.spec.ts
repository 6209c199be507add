import { formatDecimal, formatMoney, parseDecimalCents, unitCentsOf } from './money.js';

describe('money', () => {
  it.each([
    ['19.90', 1990],
    ['19.9', 1990],
    ['20', 2000],
    ['0.05', 5],
    ['1.005', 101],
    [12.5, 1250],
  ])('parses %p as %p cents', (input, cents) => {
    expect(parseDecimalCents(input)).toBe(cents);
  });

  it.each(['abc', '-1', '1,50', '', null])('refuses %p', (input) => {
    expect(parseDecimalCents(input)).toBeUndefined();
  });

  it('prints decimals the way Marketplacer prints BigDecimals', () => {
    expect([2500, 1990, 1995, 5, 0].map(formatDecimal)).toEqual(['25.0', '19.9', '19.95', '0.05', '0.0']);
  });

  it('prints formatted money', () => {
    expect(formatMoney(123456)).toBe('$1,234.56');
    expect(formatMoney(-500)).toBe('-$5.00');
  });

  it('rounds a fractional unit price up (the orderCreate example: 10830 / 4 -> 2708)', () => {
    expect(unitCentsOf(10830, 4)).toBe(2708);
    expect(unitCentsOf(1000, 2)).toBe(500);
  });
});
