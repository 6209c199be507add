/** Integer cents from a decimal string or number ("19.90", 19.9), or undefined when it is not a price. */
export function parseDecimalCents(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 100) : undefined;
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  const [whole, fraction = ''] = value.trim().split('.');
  const cents = Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
  // More than two decimals are rounded half up to the cent.
  return Number(fraction[2] ?? '0') >= 5 ? cents + 1 : cents;
}

/** Decimal string the way Marketplacer prints BigDecimals: "25.0", "19.9", "19.95". */
export function formatDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100)
    .padStart(2, '0')
    .replace(/0$/, '');
  return `${sign}${whole}.${fraction || '0'}`;
}

/**
 * Money as `*Formatted(currency)` fields print it. INFERRED: Marketplacer's exact formatting (symbol,
 * separators) is not documented; this follows the common "$1,234.50" form.
 */
export function formatMoney(cents: number, currency?: string | null): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  const text = `${sign}$${whole}.${String(abs % 100).padStart(2, '0')}`;
  return currency && currency !== 'AUD' && currency !== 'USD' ? `${text} ${currency}` : text;
}

/**
 * orderCreate's rule: `cost.amount` is the line total; the unit price must be whole cents and a
 * fractional unit price is rounded up (10830 / 4 -> 2708, so the line becomes 10832).
 */
export function unitCentsOf(lineTotalCents: number, quantity: number): number {
  return Math.ceil(lineTotalCents / quantity);
}
