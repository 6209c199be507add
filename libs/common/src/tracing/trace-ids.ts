import { randomBytes } from 'node:crypto';

/** Random bytes drawn at once and handed out a few at a time: one system call per ~170 spans, not one per id. */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}

const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

/** A W3C trace-id: 32 lowercase hex digits, never all zeros (the invalid id). */
export function newTraceId(): string {
  let id = randomHex(16);
  while (id === ZERO_TRACE_ID) id = randomHex(16);
  return id;
}

/** A W3C parent-id (span id): 16 lowercase hex digits, never all zeros. */
export function newSpanId(): string {
  let id = randomHex(8);
  while (id === ZERO_SPAN_ID) id = randomHex(8);
  return id;
}

export const INVALID_TRACE_ID = ZERO_TRACE_ID;
export const INVALID_SPAN_ID = ZERO_SPAN_ID;
