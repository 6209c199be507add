import { setTimeout as sleep } from 'node:timers/promises';
import type { Response } from 'express';

/**
 * An injected delay before answering, as a slow remote would: it resolves true after `delayMs`, or
 * false as soon as the caller hangs up (a client that timed out, a process killed mid-call, the
 * simulator closing with its connections), so no timer outlives the request it was for.
 */
export async function delayUnlessAbandoned(delayMs: number, res: Response): Promise<boolean> {
  const hangUp = new AbortController();
  const onClose = () => hangUp.abort();
  res.once('close', onClose);
  try {
    await sleep(delayMs, undefined, { signal: hangUp.signal });
    return true;
  } catch {
    return false;
  } finally {
    res.off('close', onClose);
  }
}
