import { INVALID_SPAN_ID, INVALID_TRACE_ID } from './trace-ids.js';

/** What a W3C `traceparent` says: the caller's trace, its span (our parent), and whether it samples. */
export interface TraceParent {
  traceId: string;
  parentId: string;
  sampled: boolean;
}

/** version, trace-id, parent-id, trace-flags: lowercase hex only (W3C Trace Context, level 1). */
const FIELDS = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const VERSION_00_LENGTH = 55;

/**
 * Reads a `traceparent` header strictly, as W3C Trace Context says: version `00` is exactly
 * `00-<32 hex>-<16 hex>-<2 hex>`; a later version (`01`…`fe`; `ff` is invalid) is read by the same
 * four fields and may only continue after them with `-`; hex is lowercase; the trace id and the parent
 * id are not all zeros. Anything else is null: the caller's header is ignored and a new trace starts
 * (never an error answer).
 */
export function parseTraceparent(value: string | null | undefined): TraceParent | null {
  if (typeof value !== 'string' || value.length < VERSION_00_LENGTH) return null;
  const version = value.slice(0, 2);
  if (version === '00') {
    if (value.length !== VERSION_00_LENGTH) return null;
  } else if (version === 'ff' || (value.length > VERSION_00_LENGTH && value[VERSION_00_LENGTH] !== '-')) {
    return null;
  }
  const fields = FIELDS.exec(value.length === VERSION_00_LENGTH ? value : value.slice(0, VERSION_00_LENGTH));
  if (!fields) return null;
  const [, , traceId, parentId, flags] = fields;
  if (traceId === INVALID_TRACE_ID || parentId === INVALID_SPAN_ID) return null;
  return { traceId, parentId, sampled: (parseInt(flags, 16) & 1) === 1 };
}

/** `00-<traceId>-<spanId>-<01 when sampled, else 00>`: the header sent to whoever is called in this span. */
export function formatTraceparent(traceId: string, spanId: string, sampled: boolean): string {
  return `00-${traceId}-${spanId}-${sampled ? '01' : '00'}`;
}
