import type { Logger } from '@nestjs/common';
import { MarketplacerError } from './errors/marketplacer-error.js';

/** A record an operator asked to create, and whether this request made it (false: an earlier one did). */
export interface CreatedOnce<T> {
  record: T;
  created: boolean;
}

export interface CreateOnceSteps<T> {
  /** What the records are, for the logs ("order", "refund request"). */
  what: string;
  /** The external id the create carries, for the logs. */
  externalId: string;
  /** The records already carrying the external id. */
  find: () => Promise<T[]>;
  /** Creates the record with the external id. */
  create: () => Promise<T>;
}

/**
 * Creates a record at most once per external id. The look-up comes first, so repeating a request
 * whose answer was lost answers what the first one made. When this create's own answer is lost
 * (Marketplacer may have made it: a timeout, a dropped connection, a 5xx), it looks once more; found,
 * the record was made by this request; not found, the original error stands (the caller repeats the
 * request, and its look-up settles it).
 */
export async function createOnce<T>(steps: CreateOnceSteps<T>, logger: Logger): Promise<CreatedOnce<T>> {
  const earlier = first(await steps.find(), steps, logger);
  if (earlier !== undefined) return { record: earlier, created: false };
  try {
    return { record: await steps.create(), created: true };
  } catch (error) {
    if (!mayHaveBeenMade(error)) throw error;
    const made = await findAfterLostAnswer(steps, logger);
    if (made === undefined) throw error;
    logger.warn({ msg: `Marketplacer made the ${steps.what} but its answer was lost; found it by its external id`, externalId: steps.externalId });
    return { record: made, created: true };
  }
}

function mayHaveBeenMade(error: unknown): boolean {
  return error instanceof MarketplacerError && (error.code === 'MARKETPLACER_UNAVAILABLE' || error.code === 'MARKETPLACER_TIMEOUT');
}

async function findAfterLostAnswer<T>(steps: CreateOnceSteps<T>, logger: Logger): Promise<T | undefined> {
  try {
    return first(await steps.find(), steps, logger);
  } catch (lookUpError) {
    logger.warn({ msg: `could not look the ${steps.what} up after a lost answer`, externalId: steps.externalId, reason: String(lookUpError) });
    return undefined;
  }
}

function first<T>(found: T[], steps: CreateOnceSteps<T>, logger: Logger): T | undefined {
  if (found.length > 1) logger.warn({ msg: `${found.length} ${steps.what}s carry one external id; answering the first`, externalId: steps.externalId });
  return found[0];
}
