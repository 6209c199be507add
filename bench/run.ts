/**
 * `npm run bench [-- name ...]`: runs the named benchmarks (all but `quick` by default) against the built
 * connector and simulator on loopback, and prints a table for each. Numbers, never pass/fail:
 * targets are printed beside the measurements.
 */
import { BENCHMARKS } from './benchmarks.js';

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHMARKS));
if (unknown.length) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}\n`);
  process.exit(2);
}
// `quick` repeats parts of the others in short: only when named.
for (const name of wanted.length ? wanted : Object.keys(BENCHMARKS).filter((name) => name !== 'quick')) {
  process.stdout.write(`\n== ${name} ==\n`);
  await BENCHMARKS[name]();
}
