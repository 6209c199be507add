import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, isPostgresReachable } from '../libs/common/src/testing/test-databases.js';
import { freePort } from './support/processes.js';
import { printSummary } from './support/summary.js';
import { printTable } from './support/table.js';
import { median } from './support/quantile.js';

/**
 * `npm run bench -- startup`: the README's `npm start` (scripts/start.mjs: the built simulator, then
 * the built connector in demo mode) with an otherwise empty environment, timed from spawn to the
 * first 2xx of the connector's /health and /docs, on SQLite and on Postgres (a scratch database on
 * the tests' server, TEST_POSTGRES_URL; left out with a note when unreachable).
 * Each round starts from nothing: a new data directory, a new database. Target: both within 30 s.
 */
const ROUNDS = 3;
const LAUNCHER = 'scripts/start.mjs';
const TARGET_MS = 30_000;

interface Timing {
  healthMs: number;
  docsMs: number;
  stopMs: number;
}

export async function run(): Promise<void> {
  const rows: Array<Record<string, string | number>> = [];
  /** Per database, the median seconds to the first /docs (absent: Postgres unreachable). */
  const docsSeconds: Record<string, number> = {};
  for (const database of ['sqlite', 'postgres'] as const) {
    const timings: Timing[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (database === 'postgres' && !(await isPostgresReachable())) break;
      const scratch = database === 'postgres' ? await createTestDatabase('postgres', tmpdir()) : undefined;
      try {
        timings.push(await timeStart(scratch ? { DATABASE_URL: (scratch.target as { url: string }).url } : {}));
      } finally {
        await scratch?.drop();
      }
    }
    if (timings.length === 0) {
      rows.push({
        database,
        rounds: 0,
        'first /health s': 'Postgres unreachable',
        'first /docs s': '-',
        'worst /docs s': '-',
        'SIGTERM to exit s': '-',
        target: `${TARGET_MS / 1000} s`,
      });
      continue;
    }
    const seconds = (ms: number) => ms / 1000;
    docsSeconds[database] = seconds(median(timings.map((t) => t.docsMs)));
    rows.push({
      database,
      rounds: timings.length,
      'first /health s': seconds(median(timings.map((t) => t.healthMs))),
      'first /docs s': seconds(median(timings.map((t) => t.docsMs))),
      'worst /docs s': seconds(Math.max(...timings.map((t) => t.docsMs))),
      'SIGTERM to exit s': seconds(median(timings.map((t) => t.stopMs))),
      target: `${TARGET_MS / 1000} s`,
    });
  }
  printTable(`npm start with an empty environment (median of ${ROUNDS} rounds, fresh data each round)`, rows);
  printSummary('startup', {
    docsSecondsSqlite: docsSeconds.sqlite ?? null,
    docsSecondsPostgres: docsSeconds.postgres ?? null,
    targets: { docsSecondsAtMost: TARGET_MS / 1000 },
  });
}

async function timeStart(extraEnv: Record<string, string>): Promise<Timing> {
  const [port, simulatorPort] = [await freePort(), await freePort()];
  const env = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    SIMULATOR_URL: `http://127.0.0.1:${simulatorPort}`,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-startup-')),
    ...extraEnv,
  };
  const started = performance.now();
  const child = spawn(process.execPath, [LAUNCHER], { env, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const healthMs = (await firstOk(`http://127.0.0.1:${port}/health`, () => child.exitCode)) - started;
    const docsMs = (await firstOk(`http://127.0.0.1:${port}/docs`, () => child.exitCode)) - started;
    const stopping = performance.now();
    child.kill('SIGTERM');
    await exited;
    return { healthMs, docsMs, stopMs: performance.now() - stopping };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** The moment `url` first answers 2xx (polled every 25 ms; gives up after 120 s or when the process exits). */
async function firstOk(url: string, exitCode: () => number | null): Promise<number> {
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    if (exitCode() !== null) throw new Error(`the launcher exited (${exitCode()}) before ${url} answered`);
    const ok = await fetch(url).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} did not answer 2xx within 120 s`);
}
