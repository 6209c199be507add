import { nfeErrors } from './nfe.errors.js';

/**
 * An NF-e decimal (TDec_1302: up to 13 integer digits, `.` and up to 2 decimals) as whole cents, read
 * digit by digit so no float rounding enters. Zeros beyond the second decimal are accepted ("160.000");
 * any other third decimal is refused, since it is not a whole number of cents.
 */
const DECIMAL = /^(\d{1,13})(?:\.(\d{1,2})0*)?$/;

export function decimalToCents(value: string, path: string): number {
  const match = DECIMAL.exec(value);
  if (!match) throw nfeErrors.fieldInvalid(path, value, 'a decimal amount with at most 2 decimals, e.g. 160.00');
  const [, whole, fraction = ''] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
