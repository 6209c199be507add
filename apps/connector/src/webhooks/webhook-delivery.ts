import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { DECODED_CONTENT_ENCODINGS, unusableTextReason } from '#common';
import type { WebhookBodyEncoding } from './entities/webhook-event.entity.js';

/** The headers of a delivery that identify it, kept with the event (never the signature). */
export const KEPT_HEADERS = ['idempotency-key', 'marketplacer-sequence', 'marketplacer-vertical', 'user-agent', 'content-type', 'traceparent'] as const;

const MAX_KEY = 200;
const MAX_TYPE = 50;
const MAX_OBJECT_ID = 200;
const MAX_EVENT_NAME = 50;
const MAX_VERTICAL = 100;

/** One delivery as the receiver reads it: its identity, its object, and why it cannot be processed, if so. */
export interface WebhookDelivery {
  idempotencyKey: string;
  sequence: number | null;
  vertical: string | null;
  eventId: string | null;
  eventName: string | null;
  objectType: string | null;
  objectId: string | null;
  headers: Record<string, string>;
  /** The body as text, or its bytes in base64 when they are not UTF-8 text without NUL (`bodyEncoding`). */
  body: string;
  bodyEncoding: WebhookBodyEncoding;
  /** Why nothing can be done with it (not JSON, no object, bytes that are not text); stored as `ignored` with this note. */
  problem: string | null;
}

/**
 * Reads a (verified) delivery: `Idempotency-Key` (opaque; without one the body's event id, else the
 * body's SHA-256), `Marketplacer-Sequence`, `Marketplacer-Vertical`, and from the body (published
 * envelope: `{id, event_name, payload: {data: {node: {__typename, id, …}}}}`) the event and its object.
 * Never throws: a body it cannot use (in a Content-Encoding that was not decoded, not UTF-8, holding a
 * NUL, not JSON, naming no object) is still stored byte for byte, with the problem, and answered 2xx (ADR 0014).
 */
export function readDelivery(header: (name: string) => string | undefined, raw: Buffer): WebhookDelivery {
  const undecoded = undecodedEncoding(header('content-encoding'));
  const textual = !undecoded && isUtf8(raw) && !raw.includes(0);
  const body = textual ? raw.toString('utf8') : raw.toString('base64');
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = header(name);
    if (value !== undefined) headers[name] = value.slice(0, 500);
  }
  const envelope: { value: Envelope | null; problem?: string } = undecoded
    ? { value: null, problem: `the body is in Content-Encoding ${JSON.stringify(undecoded.slice(0, 50))}, which the connector does not decode` }
    : textual
      ? parseJson(body)
      : { value: null, problem: 'the body is not UTF-8 text without NUL characters' };
  const node = envelope.value?.payload?.data?.node;
  const eventId = text(envelope.value?.id, MAX_KEY);
  const objectType = entityOf(text(node?.__typename, MAX_TYPE));
  const objectId = text(node?.id, MAX_OBJECT_ID);
  return {
    idempotencyKey: keyOf(header('idempotency-key'), eventId, raw),
    sequence: sequenceOf(header('marketplacer-sequence')),
    vertical: text(header('marketplacer-vertical'), MAX_VERTICAL),
    eventId,
    eventName: text(envelope.value?.event_name, MAX_EVENT_NAME),
    objectType,
    objectId,
    headers,
    body,
    bodyEncoding: textual ? 'utf8' : 'base64',
    problem: envelope.problem ?? (objectType && objectId ? null : withoutObject(envelope.value?.payload)),
  };
}

interface Envelope {
  id?: unknown;
  event_name?: unknown;
  payload?: { data?: { node?: { __typename?: unknown; id?: unknown } | null } | null; errors?: unknown } | null;
}

function parseJson(body: string): { value: Envelope | null; problem?: string } {
  try {
    const value: unknown = JSON.parse(body);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { value: value as Envelope };
    return { value: null, problem: 'the body is not a JSON object' };
  } catch {
    return { value: null, problem: 'the body is not JSON' };
  }
}

/** The published error form: `payload.errors[]` (and no node) when the webhook's query failed in Marketplacer. */
function withoutObject(payload: Envelope['payload']): string {
  const errors = Array.isArray(payload?.errors) ? (payload.errors as Array<{ message?: unknown }>) : [];
  const messages = errors.map((error) => (typeof error?.message === 'string' && !unusableTextReason(error.message) ? error.message : null)).filter(Boolean);
  return messages.length > 0
    ? `Marketplacer's webhook query failed: ${messages.join('; ').slice(0, 500)}`
    : 'the payload names no object (payload.data.node.__typename and id)';
}

/**
 * The webhook's entity from the node's `__typename`: the payload of a deleted (or unpublished) object is
 * its union member (`DeletedAdvert`, `UnpublishedAdvert`, `DeletedSeller`), yet it is the same object:
 * one type keeps one object's events in one order and with one handler.
 */
function entityOf(typename: string | null): string | null {
  return typename?.replace(/^(?:Deleted|Unpublished)(?=[A-Z])/, '') ?? null;
}

function keyOf(header: string | undefined, eventId: string | null, raw: Buffer): string {
  const given = header?.trim();
  if (given) return given.length <= MAX_KEY ? given : `sha256:${sha256(given)}`;
  if (eventId) return `event:${eventId}`;
  return `body:${sha256(raw)}`;
}

function sequenceOf(value: string | undefined): number | null {
  const trimmed = value?.trim();
  if (!trimmed || !/^\d{1,15}$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** A field read from the body or a header: trimmed, bounded, and text the databases keep (no NUL, no lone surrogate). */
function text(value: unknown, max: number): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const trimmed = String(value).trim();
  return trimmed.length > 0 && trimmed.length <= max && !unusableTextReason(trimmed) ? trimmed : null;
}

/** A Content-Encoding the raw body reader did not decode (it kept those bodies as received), if any. */
function undecodedEncoding(value: string | undefined): string | null {
  const encodings = (value ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);
  return encodings.find((encoding) => !DECODED_CONTENT_ENCODINGS.includes(encoding)) ?? null;
}

function sha256(value: Buffer | string): string {
  return createHash('sha256').update(value).digest('hex');
}
