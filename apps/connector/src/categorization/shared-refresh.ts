/**
 * Refreshes asked for by many callers at once, run one after another and shared: every caller gets a
 * refresh that starts after it asked (one already running may have read before the change the caller
 * knows of), and the callers that ask while one runs share the single refresh that follows it. A burst
 * of taxonomy webhooks (an option type and its values) then costs two refreshes, not one per event,
 * and no event has to fail on the sync lease (SYNC_ALREADY_RUNNING) and be retried for its own.
 * A failed refresh fails its callers only; the next one is still run for those waiting on it.
 */
export class SharedRefresh<T> {
  private running = false;
  private next: { promise: Promise<T>; adopt: (refresh: Promise<T>) => void } | undefined;

  constructor(private readonly refresh: () => Promise<T>) {}

  request(): Promise<T> {
    if (!this.running) return this.start();
    if (!this.next) {
      let adopt!: (refresh: Promise<T>) => void;
      const promise = new Promise<T>((resolve) => (adopt = resolve));
      this.next = { promise, adopt };
    }
    return this.next.promise;
  }

  private start(): Promise<T> {
    this.running = true;
    const started = (async () => this.refresh())();
    const ended = () => {
      const next = this.next;
      this.next = undefined;
      if (next) next.adopt(this.start());
      else this.running = false;
    };
    started.then(ended, ended);
    return started;
  }
}
