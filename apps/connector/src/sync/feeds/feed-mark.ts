/**
 * How far a feed scan got: the newest `updatedAt` read, or, once an item could not be handled, the
 * `updatedAt` of the earliest such item, held there for the rest of the scan (written with a
 * " (retry)" suffix) so the next scan reads it again. Opaque to the engine, readable by admins.
 */
export interface FeedMark {
  at: string;
  held: boolean;
}

const HELD = ' (retry)';

/** Reads a stored watermark (or pending watermark). */
export const markOf = (value: string): FeedMark => (value.endsWith(HELD) ? { at: value.slice(0, -HELD.length), held: true } : { at: value, held: false });

/** Writes a mark as the engine stores it. */
export const formatMark = (mark: FeedMark): string => (mark.held ? `${mark.at}${HELD}` : mark.at);

/**
 * The scan's mark after one more page: a held mark stays held; items to retry hold it at the earliest
 * of them; otherwise it moves to the newest time seen (the page's items, the scan's start, before).
 */
export function nextMark(previous: FeedMark | null, scanStart: string, pageTimes: string[], retryTimes: string[]): FeedMark {
  if (previous?.held) return previous;
  if (retryTimes.length) return { at: earliest(retryTimes), held: true };
  return { at: latest([previous?.at, scanStart, ...pageTimes])!, held: false };
}

function latest(values: Array<string | null | undefined>): string | null {
  let best: string | null = null;
  for (const value of values) if (value && (best === null || Date.parse(value) > Date.parse(best))) best = value;
  return best;
}

function earliest(values: string[]): string {
  return values.reduce((best, value) => (Date.parse(value) < Date.parse(best) ? value : best));
}
