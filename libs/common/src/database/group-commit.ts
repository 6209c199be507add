/**
 * How a group committer stores its items: a whole group in one transaction, or one item alone.
 * `commitGroup` answers one result per item, in the items' order, only once the transaction that holds
 * them committed; it throws when the group could not be committed (nothing of it was).
 */
export interface GroupCommitWork<I, R> {
  commitGroup(items: readonly I[]): Promise<R[]>;
  /** One item in a transaction of its own: what its caller is answered when its group failed. */
  commitOne(item: I): Promise<R>;
}

export interface GroupCommitOptions {
  /** Most items in one transaction; more wait for the next one. */
  maxGroup: number;
  /** Told when a group's commit failed (its items are then committed one by one): to log it. */
  onGroupFailed?: (error: unknown, size: number) => void;
}

interface Waiting<I, R> {
  item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Commits items that arrive together in one transaction (group commit): items submitted in one turn of
 * the event loop are committed together once that turn's I/O is handled (setImmediate); items arriving
 * while that commit is in flight wait and are committed together by the next one (at most `maxGroup`
 * each), so a burst costs one commit (one fsync on SQLite, one round of statements on Postgres) per
 * group instead of one per item, and a lone item waits for no timer. Each caller is
 * answered only after the commit that holds its item: what is answered is durable (ADR 0015, 0025).
 *
 * One commit is in flight at a time: the next group forms meanwhile (on SQLite the connection is taken
 * in turns anyway, ADR 0017). When a group's commit fails, each of its items is committed alone, so one
 * bad item gets its own error and the others their own answers, as if they had come one by one.
 */
export class GroupCommitter<I, R> {
  private readonly waiting: Array<Waiting<I, R>> = [];
  private committing = false;

  constructor(
    private readonly work: GroupCommitWork<I, R>,
    private readonly options: GroupCommitOptions,
  ) {
    if (!Number.isInteger(options.maxGroup) || options.maxGroup < 1) throw new RangeError(`maxGroup must be a whole number ≥ 1, not ${options.maxGroup}`);
  }

  /** How many items wait for a commit (the one in flight not counted). */
  get backlog(): number {
    return this.waiting.length;
  }

  /** Resolves with the item's result once the transaction holding it committed; rejects when it could not be committed. */
  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.committing) return;
      this.committing = true;
      // Once the I/O read in this turn of the event loop is handled: requests that arrived together
      // are in the first group too (a commit on SQLite runs to its end without yielding to I/O).
      setImmediate(() => void this.commitWaiting());
    });
  }

  /** Commits what waits, group after group, until nothing does. */
  private async commitWaiting(): Promise<void> {
    try {
      while (this.waiting.length > 0) await this.commit(this.waiting.splice(0, this.options.maxGroup));
    } finally {
      this.committing = false;
    }
  }

  private async commit(group: Array<Waiting<I, R>>): Promise<void> {
    let results: R[];
    try {
      results = await this.work.commitGroup(group.map((each) => each.item));
      if (results.length !== group.length) throw new Error(`commitGroup answered ${results.length} results for ${group.length} items`);
    } catch (error) {
      this.options.onGroupFailed?.(error, group.length);
      // The group's own error is no item's answer: each one committed alone gets its own.
      await Promise.all(group.map((each) => this.work.commitOne(each.item).then(each.resolve, each.reject)));
      return;
    }
    group.forEach((each, index) => each.resolve(results[index]));
  }
}
