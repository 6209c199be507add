/**
 * Runs `work` on every item, `concurrency` at a time, each lane taking the next item as soon as it is
 * done (set-up and load steps of the benchmarks: many at once, but not thousands of connections
 * together, which the servers' accept backlogs would reset).
 */
export async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    }),
  );
}
