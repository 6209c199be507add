import { GroupCommitter, type GroupCommitWork } from './group-commit.js';

/** A commit the test ends: its items are "in flight" until then, so what waits meanwhile is observable without sleeps. */
interface HeldCommit {
  items: string[];
  commit(): void;
  fail(error: Error): void;
}

/** Work whose group commits are held until the test ends them; `commitOne` answers at once (refusing items named `bad…`). */
function heldWork() {
  const commits: HeldCommit[] = [];
  const alone: string[] = [];
  const work: GroupCommitWork<string, string> = {
    commitGroup: (items) =>
      new Promise<string[]>((resolve, reject) =>
        commits.push({ items: [...items], commit: () => resolve(items.map((item) => `stored ${item}`)), fail: (error) => reject(error) }),
      ),
    commitOne: async (item) => {
      alone.push(item);
      if (item.startsWith('bad')) throw new Error(`${item} refused`);
      return `stored ${item} alone`;
    },
  };
  return { work, commits, alone };
}

/** Lets every pending callback run (one turn of the event loop): a state, not a duration. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The promise's outcome so far: what the caller would have been answered. */
function watch<T>(promise: Promise<T>) {
  const seen: { value?: T; error?: unknown; settled: boolean } = { settled: false };
  promise.then(
    (value) => Object.assign(seen, { value, settled: true }),
    (error: unknown) => Object.assign(seen, { error, settled: true }),
  );
  return seen;
}

describe('GroupCommitter', () => {
  it('commits a lone item at once, in a group of its own, and answers it once that commit is done', async () => {
    const { work, commits } = heldWork();
    const committer = new GroupCommitter(work, { maxGroup: 10 });
    const answer = watch(committer.submit('a'));
    await settle();
    expect(commits.map((commit) => commit.items)).toEqual([['a']]);
    expect(answer.settled).toBe(false);

    commits[0].commit();
    await settle();
    expect(answer).toEqual({ value: 'stored a', settled: true });
  });

  it('collects the items arriving while a commit is in flight and commits them together next, each answered only after that commit', async () => {
    const { work, commits } = heldWork();
    const committer = new GroupCommitter(work, { maxGroup: 10 });
    const first = watch(committer.submit('a'));
    await settle();
    const later = ['b', 'c', 'd'].map((item) => watch(committer.submit(item)));
    await settle();
    expect(commits.map((commit) => commit.items)).toEqual([['a']]);
    expect(committer.backlog).toBe(3);

    commits[0].commit();
    await settle();
    expect(first.value).toBe('stored a');
    // The next group is in flight, not committed: nobody in it is answered yet.
    expect(commits.map((commit) => commit.items)).toEqual([['a'], ['b', 'c', 'd']]);
    expect(later.map((answer) => answer.settled)).toEqual([false, false, false]);

    commits[1].commit();
    await settle();
    expect(later.map((answer) => answer.value)).toEqual(['stored b', 'stored c', 'stored d']);
    expect(committer.backlog).toBe(0);
  });

  it('commits the items submitted in one turn of the event loop together, once that turn is over', async () => {
    const { work, commits } = heldWork();
    const committer = new GroupCommitter(work, { maxGroup: 10 });
    const answers = ['a', 'b', 'c'].map((item) => watch(committer.submit(item)));
    expect(commits).toEqual([]);
    await settle();
    expect(commits.map((commit) => commit.items)).toEqual([['a', 'b', 'c']]);
    commits[0].commit();
    await settle();
    expect(answers.map((answer) => answer.value)).toEqual(['stored a', 'stored b', 'stored c']);
  });

  it('puts at most maxGroup items in one commit, the rest in the following ones, in the order they came', async () => {
    const { work, commits } = heldWork();
    const committer = new GroupCommitter(work, { maxGroup: 2 });
    const answers = ['a', 'b', 'c', 'd', 'e'].map((item) => watch(committer.submit(item)));
    for (let i = 0; i < 3; i += 1) {
      await settle();
      commits[i].commit();
    }
    await settle();
    expect(commits.map((commit) => commit.items)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(answers.map((answer) => answer.value)).toEqual(['stored a', 'stored b', 'stored c', 'stored d', 'stored e']);
  });

  it('commits each item of a failed group alone: every caller gets the answer it would have had alone, the bad one its own error', async () => {
    const { work, commits, alone } = heldWork();
    const failures: Array<{ message: string; size: number }> = [];
    const committer = new GroupCommitter(work, { maxGroup: 10, onGroupFailed: (error, size) => failures.push({ message: (error as Error).message, size }) });
    const first = watch(committer.submit('a'));
    await settle();
    const group = ['b', 'bad c', 'd'].map((item) => watch(committer.submit(item)));
    commits[0].commit();
    await settle();

    commits[1].fail(new Error('a row of the group was refused'));
    await settle();
    expect(failures).toEqual([{ message: 'a row of the group was refused', size: 3 }]);
    expect(alone.sort()).toEqual(['b', 'bad c', 'd']);
    expect(first.value).toBe('stored a');
    expect(group.map((answer) => answer.value)).toEqual(['stored b alone', undefined, 'stored d alone']);
    expect((group[1].error as Error).message).toBe('bad c refused');
  });

  it('keeps committing after a failed group: the next items form a group again', async () => {
    const { work, commits } = heldWork();
    const committer = new GroupCommitter(work, { maxGroup: 10 });
    void committer.submit('a').catch(() => undefined);
    await settle();
    commits[0].fail(new Error('the database is away'));
    await settle();
    const next = ['e', 'f'].map((item) => watch(committer.submit(item)));
    await settle();
    expect(commits.map((commit) => commit.items)).toEqual([['a'], ['e', 'f']]);
    commits[1].commit();
    await settle();
    expect(next.map((answer) => answer.value)).toEqual(['stored e', 'stored f']);
  });

  it('treats a group answered with the wrong number of results as failed', async () => {
    const alone: string[] = [];
    const committer = new GroupCommitter<string, string>(
      { commitGroup: async () => [], commitOne: async (item) => (alone.push(item), `alone ${item}`) },
      { maxGroup: 10 },
    );
    const answers = await Promise.all([committer.submit('a'), committer.submit('b')]);
    expect(answers).toEqual(['alone a', 'alone b']);
  });

  it('refuses a group size that is not a whole number of at least 1', () => {
    const { work } = heldWork();
    expect(() => new GroupCommitter(work, { maxGroup: 0 })).toThrow(RangeError);
    expect(() => new GroupCommitter(work, { maxGroup: 1.5 })).toThrow(RangeError);
  });
});
