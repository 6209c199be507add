import {
  GROWN_FACTOR,
  HeapAfterBursts,
  MIN_RETURN_INTERVAL_MS,
  processHeapControls,
  QUIET_UTILIZATION,
  shouldReturnHeap,
  type HeapControls,
} from './heap-after-bursts.js';

const MiB = 1_048_576;

/** A heap, a loop utilization and a clock the test sets; `collect` shrinks the heap to `afterCollect`. */
function controlled(start: { heapTotal: number; utilization: number }) {
  const state = { ...start, now: 0, collections: 0, afterCollect: 100 * MiB };
  const controls: HeapControls = {
    heapTotal: () => state.heapTotal,
    utilization: () => state.utilization,
    now: () => state.now,
    collect: () => {
      state.collections += 1;
      state.heapTotal = state.afterCollect;
    },
  };
  return { state, heap: new HeapAfterBursts(controls) };
}

describe('shouldReturnHeap', () => {
  const grown = { utilization: 0.01, heapTotal: 300 * MiB, baseline: 120 * MiB, sinceReturnMs: Infinity };

  it('returns a grown heap once the process is quiet', () => {
    expect(shouldReturnHeap(grown)).toBe(true);
  });

  it('leaves a busy process to V8', () => {
    expect(shouldReturnHeap({ ...grown, utilization: QUIET_UTILIZATION })).toBe(false);
    expect(shouldReturnHeap({ ...grown, utilization: 0.9 })).toBe(false);
  });

  it('leaves a heap that has not grown past GROWN_FACTOR of its baseline', () => {
    expect(shouldReturnHeap({ ...grown, heapTotal: 120 * MiB * GROWN_FACTOR })).toBe(false);
    expect(shouldReturnHeap({ ...grown, heapTotal: 120 * MiB * GROWN_FACTOR + 1 })).toBe(true);
  });

  it('returns at most once per MIN_RETURN_INTERVAL_MS', () => {
    expect(shouldReturnHeap({ ...grown, sinceReturnMs: MIN_RETURN_INTERVAL_MS - 1 })).toBe(false);
    expect(shouldReturnHeap({ ...grown, sinceReturnMs: MIN_RETURN_INTERVAL_MS })).toBe(true);
  });
});

describe('HeapAfterBursts', () => {
  it('takes its baseline at the first check and collects nothing then', () => {
    const { state, heap } = controlled({ heapTotal: 120 * MiB, utilization: 0 });
    expect(heap.check()).toBe(false);
    state.heapTotal = 170 * MiB;
    expect(heap.check()).toBe(false);
    expect(state.collections).toBe(0);
  });

  it('collects once a burst is over, then measures growth from the collected size', () => {
    const { state, heap } = controlled({ heapTotal: 120 * MiB, utilization: 0 });
    heap.check();
    // The burst: the heap grows while the loop is busy.
    state.heapTotal = 300 * MiB;
    state.utilization = 0.95;
    state.now = 30_000;
    expect(heap.check()).toBe(false);
    // Over: quiet.
    state.utilization = 0.02;
    state.now = 32_000;
    expect(heap.check()).toBe(true);
    expect(state.collections).toBe(1);
    expect(state.heapTotal).toBe(100 * MiB);
    // Growth past 1.5 × 100 MiB inside the interval waits for it, then is returned.
    state.heapTotal = 160 * MiB;
    state.now = 32_000 + MIN_RETURN_INTERVAL_MS - 1;
    expect(heap.check()).toBe(false);
    state.now = 32_000 + MIN_RETURN_INTERVAL_MS;
    expect(heap.check()).toBe(true);
    expect(state.collections).toBe(2);
  });

  it('measures growth from the smallest quiet size the heap has shrunk to, not from a busy one', () => {
    const { state, heap } = controlled({ heapTotal: 200 * MiB, utilization: 0 });
    heap.check();
    state.heapTotal = 100 * MiB;
    state.utilization = 0.5;
    heap.check();
    // Busy readings do not lower the baseline: 160 MiB is not 1.5 × 200.
    state.heapTotal = 160 * MiB;
    state.utilization = 0;
    expect(heap.check()).toBe(false);
    // A quiet reading does: 160 is now the baseline, and 241 MiB is past 1.5 × it.
    state.heapTotal = 241 * MiB;
    expect(heap.check()).toBe(true);
  });

  it('never collects where no full collection can be run', () => {
    const heap = new HeapAfterBursts({ heapTotal: () => 900 * MiB, utilization: () => 0, now: () => 0, collect: { unavailable: 'test' } });
    heap.check();
    expect(heap.check()).toBe(false);
  });

  it("the process's own controls run V8's full collection and read a utilization between 0 and 1", () => {
    const controls = processHeapControls();
    expect(typeof controls.collect).toBe('function');
    if (typeof controls.collect === 'function') controls.collect();
    const utilization = controls.utilization();
    expect(utilization).toBeGreaterThanOrEqual(0);
    expect(utilization).toBeLessThanOrEqual(1);
    expect(controls.heapTotal()).toBeGreaterThan(0);
    // The flag was on only while the function was taken: the global scope has no gc of its own.
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});
