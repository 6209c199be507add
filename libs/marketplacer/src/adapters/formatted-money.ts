import { MarketplacerError } from '../errors/marketplacer-error.js';

/**
 * One run of digits with grouping/decimal separators inside it ("1,234.50", "1.234,56", "1 234"); a
 * leading separator (".50") is kept so that it is rejected rather than read as 50.
 */
const AMOUNT = /[.,]?\d(?:[\d.,'\u00a0\u202f ]*\d)?/g;

/**
 * Integer cents from a `*Formatted` money string such as "$1,234.50", "-$5.00", "R$ 1.234,56" or
 * "$19.90 NZD". Reads the digits (no float arithmetic): a final "." or "," followed by one or two digits
 * is the decimal mark, any other separator groups thousands. A minus sign or surrounding parentheses
 * make the amount negative.
 *
 * INFERRED: Marketplacer's exact format is not documented (the docs say "string with currency
 * symbol"); currencies with two minor digits (AUD, NZD, USD, BRL) are assumed. Throws
 * MARKETPLACER_UNEXPECTED_RESPONSE for text that is not exactly one amount.
 */
export function centsFromFormatted(text: string, field: string): number {
  const runs = text.match(AMOUNT) ?? [];
  if (runs.length !== 1) throw unreadable(text, field);
  const run = runs[0];
  const decimal = /[.,](\d{1,2})$/.exec(run);
  const whole = (decimal ? run.slice(0, decimal.index) : run).replace(/[.,'\u00a0\u202f ]/g, '');
  if (!/^\d+$/.test(whole)) throw unreadable(text, field);
  const cents = Number(whole + (decimal ? decimal[1].padEnd(2, '0') : '00'));
  if (!Number.isSafeInteger(cents)) throw unreadable(text, field);
  const trimmed = text.trim();
  const negative = /[-\u2212]/.test(trimmed) || (trimmed.startsWith('(') && trimmed.endsWith(')'));
  return negative && cents !== 0 ? -cents : cents;
}

/**
 * A money field in cents: the deprecated `*Cents` Int when Marketplacer sends it (exact), otherwise
 * the `*Formatted` string read by centsFromFormatted; null when both are null.
 */
export function centsOf(cents: number | null | undefined, formatted: string | null | undefined, field: string): number | null {
  if (cents != null) return cents;
  if (formatted == null) return null;
  return centsFromFormatted(formatted, field);
}

function unreadable(text: string, field: string): MarketplacerError {
  return new MarketplacerError('MARKETPLACER_UNEXPECTED_RESPONSE', `Marketplacer sent ${field} "${text}", which is not a money amount`, [
    { field, messages: ['is not a money amount'] },
  ]);
}
