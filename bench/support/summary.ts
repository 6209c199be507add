/**
 * The last line of a benchmark: `summary <name> <JSON>`, its headline figures and the targets they
 * are held to, on one line so that tools (CI logs, `npm run bench -- quick`) can read them without
 * parsing tables. Numbers are rounded to 4 significant digits; `targets` names each figure's bound.
 */
export function printSummary(name: string, figures: Record<string, unknown>): void {
  process.stdout.write(`summary ${name} ${JSON.stringify(figures, (_key, value: unknown) => (typeof value === 'number' ? rounded(value) : value))}\n`);
}

function rounded(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value;
  return Number(value.toPrecision(4));
}
