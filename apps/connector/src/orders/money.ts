/**
 * Money crosses into ANYMARKET as decimal numbers of the currency: integer cents are added and
 * compared as integers, and divided by 100 only here, at the edge (an integer over 100 is the double
 * nearest the decimal, which JSON prints exactly: 1999 → 19.99), so no sum drifts.
 */
export function centsToDecimal(cents: number): number {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of cents: ${cents}`);
  return cents / 100;
}

export const sumCents = (values: number[]): number => values.reduce((sum, value) => sum + value, 0);
