/** The value at quantile `q` of `values` (nearest rank, the upper one); NaN when there is none. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

/** The middle value (the upper one of an even count); NaN when there is none. */
export function median(values: number[]): number {
  return quantile(values, 0.5);
}
