import { seedState } from '../apps/simulator/src/marketplacer/state/seed.js';
import { printSummary } from './support/summary.js';
import { printTable } from './support/table.js';

/**
 * `npm run bench -- simulator-seed`: how long the simulated Marketplacer takes to seed its catalogue
 * (SIMULATOR_SEED_ADVERTS), in this process, and the heap it holds afterwards. The benchmarks of 50k
 * and 100k catalogues depend on it. Target: 100,000 adverts within 5 s.
 */
const SIZES = [10_000, 50_000, 100_000];
const TARGET_SECONDS_AT_100K = 5;

export async function run(): Promise<void> {
  const rows: Array<Record<string, string | number>> = [];
  for (const adverts of SIZES) {
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const state = seedState({ sellers: 5, adverts, invoices: 20 });
    const seconds = (performance.now() - started) / 1000;
    global.gc?.();
    rows.push({
      adverts: state.adverts.size,
      variants: state.variants.size,
      'seed s': seconds,
      'heap held MB': Math.round((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024),
      target: adverts === 100_000 ? `≤ ${TARGET_SECONDS_AT_100K} s` : '',
    });
  }
  printTable('Simulated Marketplacer seed (seedState, in process)', rows);
  const largest = rows[rows.length - 1];
  printSummary('simulator-seed', {
    adverts: largest.adverts,
    seedSeconds: largest['seed s'],
    heapHeldMB: largest['heap held MB'],
    targets: { seedSecondsAtMost: TARGET_SECONDS_AT_100K },
  });
}
