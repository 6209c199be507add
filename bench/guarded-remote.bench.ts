import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANYMARKET_TOKEN_HEADER, signAnymarketToken } from '#anymarket';
import { REMOTES } from '../apps/simulator/src/remote-caller/remotes.js';
import { runLoad, type LoadResult, type LoadTarget } from './support/http-load.js';
import { cpuSeconds } from './support/process-cpu.js';
import { freePort, startBuilt, stopWithin, type Started } from './support/processes.js';
import { quantile } from './support/quantile.js';
import { printSummary } from './support/summary.js';
import { printTable } from './support/table.js';

/**
 * `npm run bench -- guarded-remote`: one built connector (demo mode, SQLite, the built simulator as
 * Marketplacer, scheduled jobs off) under closed-loop load, endpoint after endpoint in the same run:
 * the bare endpoints (`GET /health`, readiness: a database ping and the feeds' states, and `GET /health/live`, none), a guarded
 * catalogue remote answered from the local taxonomy copy (`GET /brands` with a valid x-anymarket-token),
 * and guarded refusals (`POST /testIntegration` and `GET /brands` with a token signed by another key).
 * Rounds interleave the endpoints so drift (CPU heat, the SQLite file, GC) falls on all of them, and
 * each ratio is the median of the rounds' own ratios (a slice hit by a burst of other work on the
 * machine moves one round, not the result); the pooled ratio over all rounds is printed beside it.
 * Targets (issue 24, ADR 0019): the guarded GET at ≥ 0.9 of the bare endpoints' rate, refusals at ≥ 0.5.
 *
 * Knobs (environment): GUARDED_REMOTE_CONNECTIONS (200), GUARDED_REMOTE_SECONDS (2 per
 * endpoint and round), GUARDED_REMOTE_ROUNDS (7: short interleaved slices, so a burst of other work on
 * the machine falls on every endpoint alike), GUARDED_REMOTE_LOG_LEVEL (the connector's LOG_LEVEL, `info` as deployed),
 * GUARDED_REMOTE_ONLY (comma-separated endpoint names to load, e.g. `brands` while profiling),
 * GUARDED_REMOTE_CPU_PROF_DIR (when set, the connector runs with `--cpu-prof` and writes its profile
 * there on exit, for `node --cpu-prof` style analysis in Chrome DevTools or speedscope).
 */
const LOAD = {
  connections: Number(process.env.GUARDED_REMOTE_CONNECTIONS ?? 200),
  seconds: Number(process.env.GUARDED_REMOTE_SECONDS ?? 2),
  warmupSeconds: 1,
};
const ROUNDS = Number(process.env.GUARDED_REMOTE_ROUNDS ?? 7);
const LOG_LEVEL = process.env.GUARDED_REMOTE_LOG_LEVEL ?? 'info';
const PROFILE_DIR = process.env.GUARDED_REMOTE_CPU_PROF_DIR;
const ONLY = process.env.GUARDED_REMOTE_ONLY?.split(',').map((name) => name.trim());
/** Guarded answers ÷ the bare endpoint's; refusals pay a full token check (passport, an RSA verify) and a warn line. */
const TARGET = { served: 0.9, refused: 0.5 };
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const OI = '22449504.';
const CONNECTOR_MAIN = 'dist/apps/connector/src/main.js';
const SIMULATOR_MAIN = 'dist/apps/simulator/src/main.js';

interface Measured extends LoadResult {
  connectorCpu: number;
  /** The machine's 1-minute load average when the slice started: how much else was running. */
  loadAverage: number;
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-guarded-remote-'));
  const [simulatorPort, connectorPort] = [await freePort(), await freePort()];
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  const connectorUrl = `http://127.0.0.1:${connectorPort}`;
  let simulator: Started | undefined;
  let connector: Started | undefined;
  try {
    simulator = await startBuilt(SIMULATOR_MAIN, { SIMULATOR_PORT: String(simulatorPort), LOG_LEVEL: 'warn' }, `${simulatorUrl}/health`);
    connector = await startBuilt(
      CONNECTOR_MAIN,
      { PORT: String(connectorPort), SIMULATOR_URL: simulatorUrl, DATA_DIR: dataDir, ADMIN_TOKEN, LOG_LEVEL, SYNC_ENABLED: 'false' },
      `${connectorUrl}/health/live`,
      60_000,
      PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
    );
    // One token for the whole run, as ANYMARKET's session token would be (a load test of the connector, not of the signer).
    const token = signAnymarketToken({ oi: OI, exp: Math.floor(Date.now() / 1000) + 3600 });
    const forged = signAnymarketToken({ oi: OI, exp: Math.floor(Date.now() / 1000) + 3600 }, { privateKey: forgingKey() });
    const targets = {
      health: { url: `${connectorUrl}/health` },
      live: { url: `${connectorUrl}/health/live` },
      brands: { url: `${connectorUrl}/brands`, headers: { [ANYMARKET_TOKEN_HEADER]: token } },
      brandsForged: { url: `${connectorUrl}/brands`, headers: { [ANYMARKET_TOKEN_HEADER]: forged }, expectStatus: 401 },
      testIntegrationForged: {
        url: `${connectorUrl}${REMOTES.testIntegration.path}`,
        method: 'POST',
        headers: { [ANYMARKET_TOKEN_HEADER]: forged },
        body: JSON.stringify(REMOTES.testIntegration.exampleBody({})),
        expectStatus: 401,
      },
    } satisfies Record<string, LoadTarget>;
    // The first /brands fills the local taxonomy copy from the simulator; the load starts after it.
    await expectStatus(targets.brands, 200, connector);
    await expectStatus(targets.brandsForged, 401, connector);
    await expectStatus(targets.testIntegrationForged, 401, connector);

    const rounds: Array<Record<keyof typeof targets, Measured>> = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const measured = {} as Record<keyof typeof targets, Measured>;
      for (const [name, target] of Object.entries(targets) as Array<[keyof typeof targets, LoadTarget]>) {
        if (!ONLY || ONLY.includes(name)) measured[name] = await measure(target, connector);
      }
      rounds.push(measured);
    }
    const labels: Record<keyof typeof targets, string> = {
      health: 'GET /health (public readiness: database ping, feed states)',
      live: 'GET /health/live (bare: public, no database)',
      brands: 'GET /brands, valid token → 200 (guarded, local copy)',
      brandsForged: 'GET /brands, forged token → 401',
      testIntegrationForged: 'POST /testIntegration, forged token → 401',
    };
    printTable(
      `Same connector, same run (${LOAD.connections} connections, ${LOAD.seconds} s after ${LOAD.warmupSeconds} s warm-up each, LOG_LEVEL=${LOG_LEVEL}, ` +
        `${availableParallelism()} CPUs shared with the simulator and the load generator)`,
      rounds.flatMap((measured, i) =>
        (Object.keys(labels) as Array<keyof typeof targets>).filter((name) => measured[name]).map((name) => row(`#${i + 1} ${labels[name]}`, measured[name])),
      ),
    );
    if (ONLY) return;
    const ratio = (what: string, guarded: keyof typeof targets, bare: keyof typeof targets, target: number) =>
      ratioRow(
        what,
        rounds.map((measured) => ({ guarded: measured[guarded], bare: measured[bare] })),
        target,
      );
    const ratios = [
      ratio('GET /brands (200) ÷ GET /health', 'brands', 'health', TARGET.served),
      ratio('GET /brands (200) ÷ GET /health/live', 'brands', 'live', TARGET.served),
      ratio('POST /testIntegration (401) ÷ GET /health/live', 'testIntegrationForged', 'live', TARGET.refused),
      ratio('GET /brands (401) ÷ GET /health/live', 'brandsForged', 'live', TARGET.refused),
    ];
    printTable('Guarded ÷ bare throughput (median of the rounds; pooled over all rounds beside it)', ratios);
    const [brandsToHealth, brandsToLive, testIntegrationRefusedToLive, brandsRefusedToLive] = ratios.map((row) => row['req/s ratio']);
    printSummary('guarded-remote', {
      brandsToHealth,
      brandsToLive,
      testIntegrationRefusedToLive,
      brandsRefusedToLive,
      targets: { servedAtLeast: TARGET.served, refusedAtLeast: TARGET.refused },
    });
  } finally {
    await stopWithin(connector, progress);
    await stopWithin(simulator, progress);
    rmSync(dataDir, { recursive: true, force: true });
    if (PROFILE_DIR) progress(`the connector's CPU profile is in ${PROFILE_DIR}`);
  }
}

/** A key the connector does not trust: tokens it signs have the right shape and are refused at the signature. */
function forgingKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

async function expectStatus(target: LoadTarget, status: number, server: Started): Promise<void> {
  const res = await fetch(target.url, {
    method: target.method,
    headers: { ...target.headers, ...(target.body ? { 'content-type': 'application/json' } : {}) },
    body: target.body,
  });
  const text = await res.text();
  if (res.status !== status) throw new Error(`${target.url} answered ${res.status} ${text.slice(0, 300)}, expected ${status}:\n${server.output()}`);
}

/** runLoad plus the connector's CPU meanwhile (share of one core, warm-up included). */
async function measure(target: LoadTarget, connector: Started): Promise<Measured> {
  progress(`loading ${target.method ?? 'GET'} ${target.url} (expect ${target.expectStatus ?? 200})`);
  (globalThis as { gc?: () => void }).gc?.();
  const pid = connector.child.pid!;
  const before = { cpu: cpuSeconds(pid), at: performance.now(), loadAverage: loadavg()[0] };
  const result = await runLoad(target, LOAD);
  const after = cpuSeconds(pid);
  const wall = (performance.now() - before.at) / 1000;
  return {
    ...result,
    loadAverage: before.loadAverage,
    connectorCpu: before.cpu === undefined || after === undefined ? NaN : ((after - before.cpu) / wall) * 100,
  };
}

function row(endpoint: string, m: Measured): Record<string, string | number> {
  return {
    endpoint,
    'req/s': m.perSecond,
    'p50 ms': m.p50Ms,
    'p99 ms': m.p99Ms,
    errors: m.errors,
    'connector CPU %': m.connectorCpu,
    // CPU share over the run ÷ answers per second (warm-up included in the share): the cost of one answer.
    'connector CPU ms/req': cpuPerAnswer(m),
    'load avg': m.loadAverage,
  };
}

/** The connector's CPU per answer in ms: its CPU share over the slice ÷ answers per second. */
function cpuPerAnswer(m: Measured): number {
  return (m.connectorCpu / 100 / m.perSecond) * 1000;
}

function ratioRow(what: string, pairs: Array<{ guarded: Measured; bare: Measured }>, target: number): Record<string, string | number> {
  // With an odd number of rounds (the default 7) the nearest-rank median is the middle round.
  const ratio = quantile(
    pairs.map(({ guarded, bare }) => guarded.perSecond / bare.perSecond),
    0.5,
  );
  const guarded = sum(pairs.map((pair) => pair.guarded));
  const bare = sum(pairs.map((pair) => pair.bare));
  return {
    ratio: what,
    'guarded req/s': guarded.perSecond,
    'bare req/s': bare.perSecond,
    'req/s ratio': ratio,
    target: `≥ ${target}`,
    met: ratio >= target ? 'yes' : 'no',
    'pooled ratio': guarded.perSecond / bare.perSecond,
    // The same comparison by the connector's own CPU per answer (less sensitive to other work on the machine).
    'CPU ms/req guarded : bare': `${cpuPerAnswer(guarded).toFixed(2)} : ${cpuPerAnswer(bare).toFixed(2)}`,
    'bare ÷ guarded CPU': cpuPerAnswer(bare) / cpuPerAnswer(guarded),
  };
}

/** All rounds of one endpoint as one measurement (answers and CPU summed over the slices). */
function sum(results: Measured[]): Measured {
  const requests = results.reduce((total, r) => total + r.requests, 0);
  const seconds = results.reduce((total, r) => total + r.seconds, 0);
  const cpuSecondsUsed = results.reduce((total, r) => total + (r.connectorCpu / 100) * r.seconds, 0);
  return {
    requests,
    seconds,
    perSecond: requests / seconds,
    errors: results.reduce((total, r) => total + r.errors, 0),
    p50Ms: NaN,
    p99Ms: NaN,
    connectorCpu: (cpuSecondsUsed / seconds) * 100,
    loadAverage: Math.max(...results.map((r) => r.loadAverage)),
  };
}

/** Progress on stderr, so a long run shows it is alive without mixing into the tables. */
function progress(message: string): void {
  process.stderr.write(`[guarded-remote] ${message}\n`);
}
