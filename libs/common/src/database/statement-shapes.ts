/** The largest chunk: a 128-row insert of a wide table stays far under either database's limit of bound parameters. */
const LARGEST_CHUNK = 128;

/**
 * Splits `items` into chunks whose sizes are powers of two, largest first (at most LARGEST_CHUNK
 * each): 37 items are 32 + 4 + 1. A multi-row INSERT or an IN list per chunk then has one of eight
 * shapes whatever the number of items, so SQLite reuses eight prepared statements instead of
 * preparing one per count (and the statement cache keeps the others' statements: ADR 0025).
 */
export function inPowerOfTwoChunks<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  while (start < items.length) {
    const left = items.length - start;
    let size = LARGEST_CHUNK;
    while (size > left) size /= 2;
    chunks.push(items.slice(start, start + size));
    start += size;
  }
  return chunks;
}
