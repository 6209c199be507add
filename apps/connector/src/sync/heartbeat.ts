/** A running heartbeat; `stop` ends it (a beat already in flight is then ignored). */
export interface Heartbeat {
  stop(): void;
}

/**
 * Renews a lease every third of its `leaseMs` (never more often than every 100 ms) until stopped.
 * `beat` renews it and answers whether it is still held: when it is not, the heartbeat stops and
 * calls `onLost`. A beat that fails (database trouble) goes to `onError`, and the next one tries
 * again. The timer never keeps the process alive.
 */
export function startHeartbeat(leaseMs: number, beat: () => Promise<boolean>, on: { lost: () => void; error: (error: unknown) => void }): Heartbeat {
  let beating = true;
  const timer = setInterval(
    () => {
      beat().then(
        (held) => {
          if (held || !beating) return; // a beat that raced stop() is no loss
          beating = false;
          clearInterval(timer);
          on.lost();
        },
        (error: unknown) => on.error(error),
      );
    },
    Math.max(100, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return {
    stop: () => {
      beating = false;
      clearInterval(timer);
    },
  };
}
