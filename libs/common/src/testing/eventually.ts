/**
 * Polls `read` until `done` holds for its value, and answers that value; fails after `deadlineMs`
 * with the last value. For a condition another part of the system makes true (a run ending, a
 * heartbeat, a delivery), never to let time pass and never as a timed assertion.
 */
export async function eventually<T>(read: () => T | Promise<T>, done: (value: T) => boolean, what: string, deadlineMs = 20_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${deadlineMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `eventually` for a yes/no condition. */
export async function until(check: () => boolean | Promise<boolean>, what: string, deadlineMs?: number): Promise<void> {
  await eventually(check, (held) => held, what, deadlineMs);
}
