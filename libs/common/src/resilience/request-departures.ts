import { subscribe } from 'node:diagnostics_channel';

/**
 * When an HTTP request really left: undici (Node's `fetch`) publishes `undici:client:sendHeaders` as it
 * writes a request's headers to the socket, which can be tens of milliseconds after `fetch` was called
 * when the event loop is busy. The resilience policy asks to be told for the request that carries an
 * attempt's `traceparent` (every remote client sends it), and tells the attempt's budget slot
 * (TakenSlot.left), so that the remote's sliding window and the budget count the same departure.
 * A request sent by another HTTP client, or without the header, is simply never reported.
 */
const CHANNEL = 'undici:client:sendHeaders';

const waiting = new Map<string, () => void>();
let listening = false;

/**
 * Calls `departed` once, when the request whose `traceparent` header is `traceparent` is written; the
 * answer stops waiting for it (call it once the attempt settled).
 */
export function onRequestDeparture(traceparent: string, departed: () => void): () => void {
  if (!listening) {
    subscribe(CHANNEL, noteDeparture);
    listening = true;
  }
  waiting.set(traceparent, departed);
  return () => {
    if (waiting.get(traceparent) === departed) waiting.delete(traceparent);
  };
}

function noteDeparture(message: unknown): void {
  if (waiting.size === 0) return;
  const traceparent = traceparentOf(message);
  const departed = traceparent === undefined ? undefined : waiting.get(traceparent);
  if (!departed) return;
  waiting.delete(traceparent!);
  departed();
}

/**
 * The `traceparent` header of an undici request as the channel gives it: `request.headers` is a flat
 * [name, value, …] array in undici 6 (Node 20's), a raw header block in older ones.
 */
export function traceparentOf(message: unknown): string | undefined {
  const headers = (message as { request?: { headers?: unknown } } | null)?.request?.headers;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) {
      if (String(headers[i]).toLowerCase() === 'traceparent') return String(headers[i + 1]);
    }
    return undefined;
  }
  if (typeof headers === 'string') return /^traceparent:\s*(\S+)\s*$/im.exec(headers)?.[1];
  return undefined;
}
