import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How often the process looks whether a burst is over. */
export const HEAP_CHECK_MS = 2_000;
/** The event loop was busy less than this share of the last check's interval: the process is quiet. */
export const QUIET_UTILIZATION = 0.1;
/** The heap has grown past this multiple of its smallest quiet size since the previous return: a burst grew it. */
export const GROWN_FACTOR = 1.5;
/** Fewest milliseconds between two returns: a quiet process whose heap swings is not collected again and again. */
export const MIN_RETURN_INTERVAL_MS = 60_000;

/** What the decision reads at each check. */
export interface HeapReading {
  /** The event loop's utilization since the previous check, 0–1. */
  utilization: number;
  /** V8's heap as committed now (bytes). */
  heapTotal: number;
  /** The heap's smallest quiet size since the previous return, or since the first check (bytes). */
  baseline: number;
  /** Milliseconds since the previous return (Infinity: none yet). */
  sinceReturnMs: number;
}

/** Quiet, the heap grown past GROWN_FACTOR of its baseline, and no return within MIN_RETURN_INTERVAL_MS: give the grown pages back now. */
export function shouldReturnHeap({ utilization, heapTotal, baseline, sinceReturnMs }: HeapReading): boolean {
  return utilization < QUIET_UTILIZATION && heapTotal > baseline * GROWN_FACTOR && sinceReturnMs >= MIN_RETURN_INTERVAL_MS;
}

/** What HeapAfterBursts acts through (the process's own by default; a test's own in specs). */
export interface HeapControls {
  heapTotal(): number;
  /** Utilization since the previous call (the first call: since the process started). */
  utilization(): number;
  /** One full collection, or why none can be run. */
  collect: (() => void) | { unavailable: string };
  now(): number;
}

/**
 * Gives back the heap a burst grew, once the burst is over. V8 keeps the old-space pages a burst (a
 * webhook storm, a large sync) grew until its memory reducer runs, which it schedules on its own timing
 * (8 s after a full collection, and only while allocation stays low): after a 30 s webhook burst RSS
 * stayed 1.6–1.9× idle for 10–60 s once the backlog was processed, nothing of it live
 * (docs/benchmarks.md). Every HEAP_CHECK_MS this looks at the event loop; when the process is quiet and
 * the heap has grown past GROWN_FACTOR of its smallest quiet size since the previous return, it runs full
 * collections that compact for size (fullCollection), which give the grown pages back (≈0.2 s once,
 * on a quiet process).
 * A process that stays busy is left to V8; a quiet one that has not grown is not touched.
 */
export class HeapAfterBursts implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Memory');
  private timer: NodeJS.Timeout | null = null;
  private baseline: number | null = null;
  private returnedAt = -Infinity;

  constructor(private readonly controls: HeapControls) {}

  onApplicationBootstrap(): void {
    const { collect } = this.controls;
    if (typeof collect !== 'function') {
      this.logger.warn({ msg: 'no full collection can be run: the heap a burst grows is given back when V8 chooses', reason: collect.unavailable });
      return;
    }
    this.controls.utilization();
    this.timer = setInterval(() => this.check(), HEAP_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One check: returns the heap when shouldReturnHeap says so. Answers whether it did. */
  check(): boolean {
    const { collect } = this.controls;
    if (typeof collect !== 'function') return false;
    const heapTotal = this.controls.heapTotal();
    const utilization = this.controls.utilization();
    if (this.baseline === null) {
      this.baseline = heapTotal;
      return false;
    }
    const now = this.controls.now();
    if (!shouldReturnHeap({ utilization, heapTotal, baseline: this.baseline, sinceReturnMs: now - this.returnedAt })) {
      // The baseline follows the heap down while quiet (V8's memory reducer shrinks it after a return).
      if (utilization < QUIET_UTILIZATION) this.baseline = Math.min(this.baseline, heapTotal);
      return false;
    }
    const started = performance.now();
    collect();
    this.returnedAt = now;
    this.baseline = this.controls.heapTotal();
    this.logger.debug({
      msg: 'heap grown by a burst given back',
      fromMiB: Math.round(heapTotal / 1_048_576),
      toMiB: Math.round(this.baseline / 1_048_576),
      ms: Math.round(performance.now() - started),
    });
    return true;
  }
}

/** The process's heap, its event loop's utilization, and V8's full collection. */
export function processHeapControls(): HeapControls {
  let previous = performance.eventLoopUtilization();
  return {
    heapTotal: () => getHeapStatistics().total_heap_size,
    utilization: () => {
      const now = performance.eventLoopUtilization();
      const since = performance.eventLoopUtilization(now, previous);
      previous = now;
      return since.utilization;
    },
    collect: fullCollection(),
    now: () => performance.now(),
  };
}

/** V8's delay before its memory reducer looks at a heap after a full collection (its default, restored after ours). */
const V8_REDUCER_DELAY_MS = 8_000;
/** The delay while the collections are ours: if the process stays quiet the reducer follows at once (it also shrinks the young generation). */
const NUDGED_REDUCER_DELAY_MS = 500;
/** Full collections in one return: each compacts at most a few MB of the pages a burst left sparse. */
const COLLECTIONS = 3;

/**
 * Full collections that give the pages a burst grew back, then V8's memory reducer soon after. One
 * plain full collection (V8's `gc()`) frees what died but evacuates only a few of the sparse pages a
 * burst leaves, and V8 schedules its reducer 8 s after a full collection (and again 8 s later while
 * anything allocates). So for these collections only, V8 optimizes for size (it compacts the sparse
 * pages as its reducer does) and its reducer's delay is 500 ms; both are set back after.
 * Measured after a 20 s, 200-connection webhook burst on SQLite (probe: a 200-connection burst with
 * Marketplacer's budget raised, RSS read each second after the backlog): one plain collection left RSS at
 * 1.42–1.50× idle; these three (≈190 ms on a quiet process) left V8's heap at 96 MiB and RSS at 0.74× idle
 * 4 s after the backlog. A reducer delay given on the command line is not kept.
 */
function fullCollection(): (() => void) | { unavailable: string } {
  const gc = v8Gc();
  if (typeof gc !== 'function') return gc;
  return () => {
    setFlagsFromString('--optimize-for-size');
    setFlagsFromString(`--gc-memory-reducer-start-delay-ms=${NUDGED_REDUCER_DELAY_MS}`);
    try {
      for (let collection = 0; collection < COLLECTIONS; collection += 1) gc();
    } finally {
      setFlagsFromString('--no-optimize-for-size');
      setFlagsFromString(`--gc-memory-reducer-start-delay-ms=${V8_REDUCER_DELAY_MS}`);
    }
  };
}

/** V8's `gc()` as taken once per process (every app of the process, each test app included, shares it). */
let processGc: (() => void) | { unavailable: string } | undefined;

function v8Gc(): (() => void) | { unavailable: string } {
  return (processGc ??= takeV8Gc());
}

/**
 * V8's `gc()`: the global one when node runs with --expose-gc, else taken from a context made while the
 * flag is briefly on (the flag only decides whether new contexts get the function; nothing else sees it).
 */
function takeV8Gc(): (() => void) | { unavailable: string } {
  const global = (globalThis as { gc?: () => void }).gc;
  if (typeof global === 'function') return () => global();
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? () => (gc as () => void)() : { unavailable: `gc is a ${typeof gc}` };
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message : String(error) };
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
