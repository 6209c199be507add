import { createHash } from 'node:crypto';

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
  body: string;
  /** Why nothing can be done with it (not JSON, no object); stored as `ignored` with this note. */
  problem: string | null;
}

/**
 * Reads a (verified) delivery: `Idempotency-Key` (opaque; without one the body's event id, else the
 * body's SHA-256), `Marketplacer-Sequence`, `Marketplacer-Vertical`, and from the body (published
 * envelope: `{id, event_name, payload: {data: {node: {__typename, id, …}}}}`) the event and its object.
 * Never throws: a body it cannot use is still stored, with the problem, and answered 2xx.
 */
export function readDelivery(header: (name: string) => string | undefined, raw: Buffer): WebhookDelivery {
  const body = raw.toString('utf8');
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = header(name);
    if (value !== undefined) headers[name] = value.slice(0, 500);
  }
  const envelope = parseJson(body);
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
  const messages = errors.map((error) => (typeof error?.message === 'string' ? error.message : null)).filter(Boolean);
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

function text(value: unknown, max: number): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const trimmed = String(value).trim();
  return trimmed.length > 0 && trimmed.length <= max ? trimmed : null;
}

function sha256(value: Buffer | string): string {
  return createHash('sha256').update(value).digest('hex');
}
