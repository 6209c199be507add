import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { print } from 'graphql';
import jwt from 'jsonwebtoken';
import { hashSecret, verifySecret } from '#common';
import { ANYMARKET_TOKEN_HEADER, DEVELOPMENT_ONLY_PUBLIC_KEY_PEM, signAnymarketToken } from '#anymarket';
import { DEMO_MARKETPLACER_API_KEY } from '#marketplacer';
import { REMOTES } from '../apps/simulator/src/remote-caller/remotes.js';
import { SellerByIdDocument } from '../libs/marketplacer/src/contract/generated/graphql.js';
import { inParallel } from './support/in-parallel.js';
import { linkSeller as linkBenchSeller, runJob, saveAccount, type Endpoints } from './support/connector-setup.js';
import { runLoad, type LoadResult, type LoadTarget } from './support/http-load.js';
import { cpuSeconds } from './support/process-cpu.js';
import { freePort, startBuilt, stopWithin, type Started } from './support/processes.js';
import { printSummary } from './support/summary.js';
import { printTable } from './support/table.js';

/**
 * `npm run bench -- activation`: closed-loop load on ANYMARKET's POST /testIntegration (valid token,
 * issued credentials, 200 true, answered from a fresh seller directory) against GET /health/live of
 * the same built connector (demo mode, SQLite, the built simulator as Marketplacer), then where a
 * testIntegration's time goes: the same remote stopped after the token check and after the secret
 * check, one connection alone (latency without queueing), in-process costs of RS256 and the secret hash
 * check, and side by side the remote when the directory is stale, so that each call asks Marketplacer
 * (as before the directory), with and without the client-side Marketplacer rate limit.
 * Then activation and the idle cycle at scale, 10 and 10,000 accounts side by side (a fresh pair
 * each): per-account saveAccount time (all, and the last SCALE_TAIL activations alone), and one
 * idle cycle of the marketplace-wide jobs (IDLE_CYCLE_JOBS, each run once before so that the
 * measured run is a quiet one): its Marketplacer requests, connector CPU and duration. Target: the
 * same per account at 10,000 as at 10, and the idle cycle's requests independent of the accounts.
 * ACTIVATION_ONLY=scale runs the scale part alone.
 */
const LOAD = { connections: 50, seconds: 10, warmupSeconds: 2 };
const ROUNDS = 2;
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const OI = '22449504.';
const CONNECTOR_MAIN = 'dist/apps/connector/src/main.js';
const SIMULATOR_MAIN = 'dist/apps/simulator/src/main.js';
/** Accounts activated at each scale; the activations at the end of the bigger one are timed alone too. */
const SCALES = [10, 10_000];
const SCALE_TAIL = 100;
/**
 * The jobs of one idle cycle: every marketplace-wide feed and scan (one read of the marketplace each,
 * whatever the accounts). The per-account reconciliations (spread over an hour, one account at a
 * time) are left out: their cost is per account by design (docs/scale.md).
 */
const IDLE_CYCLE_JOBS = ['sellers', 'adverts', 'invoices', 'refund-requests', 'remittances', 'remittance-advices', 'taxonomy'];
/** Marketplacer's published limit, which the connector's client enforces by default (MARKETPLACER_RATE_LIMIT / _WINDOW_MS). */
const DEFAULT_MARKETPLACER_LIMIT = { limit: 750, windowMs: 10_000 };

interface Measured extends LoadResult {
  connectorCpu: number;
  simulatorCpu: number;
  loaderCpu: number;
}

export async function run(): Promise<void> {
  const remoteRatio = process.env.ACTIVATION_ONLY === 'scale' ? NaN : await remoteAgainstBare();
  const scales: Scaled[] = [];
  for (const accounts of SCALES) scales.push(await atScale(accounts));
  printTable(
    `Activation and the idle cycle at ${SCALES.join(' and ')} accounts (saveAccount ${SCALE_CONCURRENCY} at a time; idle cycle: ${IDLE_CYCLE_JOBS.join(', ')}, each run once before)`,
    scales.map((scaled) => scaled.row),
  );
  const [small, large] = scales;
  printSummary('activation', {
    testIntegrationToBare: remoteRatio,
    accountsSmall: small.accounts,
    accountsLarge: large.accounts,
    activationMsPerAccountSmall: small.activationMsPerAccount,
    activationMsPerAccountLarge: large.activationMsPerAccount,
    activationMsPerAccountLargeTail: large.tailMsPerAccount,
    activationLargeToSmall: large.activationMsPerAccount / small.activationMsPerAccount,
    idleRequestsSmall: small.idleRequests,
    idleRequestsLarge: large.idleRequests,
    idleCpuSecondsSmall: small.idleCpuSeconds,
    idleCpuSecondsLarge: large.idleCpuSeconds,
    idleSecondsSmall: small.idleSeconds,
    idleSecondsLarge: large.idleSeconds,
    targets: { activationLargeToSmallAtMost: 1.5, idleRequestsLarge: small.idleRequests },
  });
}

/** The load part: testIntegration against a bare endpoint and where its time goes; returns the remote's throughput ratio to bare. */
async function remoteAgainstBare(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-activation-'));
  const [simulatorPort, connectorPort] = [await freePort(), await freePort()];
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  const connectorUrl = `http://127.0.0.1:${connectorPort}`;
  const connectorEnv = {
    PORT: String(connectorPort),
    SIMULATOR_URL: simulatorUrl,
    DATA_DIR: dataDir,
    ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    // Scheduled jobs would share the CPU and the Marketplacer rate budget with the remote under test.
    SYNC_ENABLED: 'false',
    // The directory is read once (admin trigger) and stays fresh for the whole run.
    SELLER_DIRECTORY_MAX_AGE_MS: '3600000',
  };
  /** A directory never fresh: every valid call asks Marketplacer for the seller (the connector before the directory). */
  const staleDirectory = { ...connectorEnv, SELLER_DIRECTORY_MAX_AGE_MS: '1000' };
  let simulator: Started | undefined;
  let connector: Started | undefined;
  let remoteRatio = NaN;
  try {
    simulator = await startBuilt(SIMULATOR_MAIN, { SIMULATOR_PORT: String(simulatorPort), LOG_LEVEL: 'warn' }, `${simulatorUrl}/health`);
    connector = await startBuilt(CONNECTOR_MAIN, connectorEnv, `${connectorUrl}/health/live`);

    const seller = await onlineRetailer(simulatorUrl);
    const credentials = await linkSeller(connectorUrl, seller.id);
    await readSellerDirectory(connectorUrl);
    // One token for the whole run, as a load test of the connector (not of the signer).
    const token = signAnymarketToken({ oi: OI, exp: Math.floor(Date.now() / 1000) + 3600 });
    // testIntegration's example body (the remote caller's table); left-out credentials stay out of the JSON.
    const remote = (fields: { storeId?: string; password?: string }, expectStatus: number): LoadTarget => ({
      url: `${connectorUrl}${REMOTES.testIntegration.path}`,
      method: 'POST',
      headers: { [ANYMARKET_TOKEN_HEADER]: token },
      body: JSON.stringify({ ...(REMOTES.testIntegration.exampleBody({}) as object), storeId: fields.storeId, password: fields.password }),
      expectStatus,
    });
    const valid = remote({ storeId: credentials.storeId, password: credentials.secret }, 200);
    const bare: LoadTarget = { url: `${connectorUrl}/health/live` };
    await expectAnswer(valid, 200, 'true', connector);

    const procs = { connector: () => connector!, simulator: () => simulator! };
    const rounds: Array<{ round: number; remote: Measured; bare: Measured }> = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const measuredRemote = await measure(valid, procs);
      const measuredBare = await measure(bare, procs);
      rounds.push({ round, remote: measuredRemote, bare: measuredBare });
    }
    printTable(
      `POST /testIntegration vs GET /health/live, same connector (${LOAD.connections} connections, ${LOAD.seconds} s after ${LOAD.warmupSeconds} s warm-up, ${availableParallelism()} CPUs shared with the simulator and the load generator)`,
      rounds.flatMap(({ round, remote: r, bare: b }) => [row(`#${round} POST /testIntegration (200 true)`, r), row(`#${round} GET /health/live`, b)]),
    );
    printTable('Throughput ratio testIntegration / bare', [
      ...rounds.map(({ round, remote: r, bare: b }) => ({ round: `#${round}`, ratio: ratio(r, b) })),
      { round: 'all', ratio: ratio(sum(rounds.map((x) => x.remote)), sum(rounds.map((x) => x.bare))) },
    ]);

    // Where the time goes: the same remote cut short at each step, on the same server.
    const tokenOnly = await measure(remote({}, 401), procs);
    const throughScrypt = await measure(remote({ storeId: credentials.storeId, password: `${credentials.secret}x` }, 401), procs);
    const alone = await measure(valid, procs, { connections: 1 });
    const lookup = await measureSellerLookup(simulatorUrl, seller.id, procs);
    progress('in-process RS256 and secret-check costs');
    const micro = await inProcessCosts(token);

    // The same remote when the directory is stale: each valid call asks Marketplacer (SellerById).
    progress('restarting the connector with a directory that is never fresh');
    await stopWithin(connector, progress);
    connector = await startBuilt(CONNECTOR_MAIN, staleDirectory, `${connectorUrl}/health/live`);
    await expectAnswer(valid, 200, 'true', connector);
    const perCall = await measure(valid, procs);
    // …and with the client-side Marketplacer limit lifted too (diagnostic only, not a setting to ship).
    progress('restarting the connector with MARKETPLACER_RATE_LIMIT lifted');
    await stopWithin(connector, progress);
    connector = await startBuilt(CONNECTOR_MAIN, { ...staleDirectory, MARKETPLACER_RATE_LIMIT: '100000' }, `${connectorUrl}/health/live`);
    await setSimulatorRateLimit(simulatorUrl, { limit: 1_000_000, windowMs: DEFAULT_MARKETPLACER_LIMIT.windowMs });
    await expectAnswer(valid, 200, 'true', connector);
    const unthrottled = await measure(valid, procs);
    await setSimulatorRateLimit(simulatorUrl, DEFAULT_MARKETPLACER_LIMIT);

    const lastRemote = rounds[rounds.length - 1].remote;
    const lastBare = rounds[rounds.length - 1].bare;
    printTable('Where /testIntegration spends its time (each row adds one step; 401 rows also write one warn log line)', [
      row('GET /health/live (bare)', lastBare),
      row('testIntegration, no store id → 401 (JWT RS256 + Nest pipeline)', tokenOnly),
      row('testIntegration, wrong password → 401 (+ link query + secret hash check)', throughScrypt),
      row('testIntegration, valid → 200 (+ seller directory read: no Marketplacer request)', lastRemote),
      row('testIntegration, valid → 200, 1 connection (no queueing)', alone),
      row(
        `testIntegration, valid → 200, directory stale (+ SellerById per call, limiter ${DEFAULT_MARKETPLACER_LIMIT.limit}/${DEFAULT_MARKETPLACER_LIMIT.windowMs / 1000} s)`,
        perCall,
      ),
      row('testIntegration, valid → 200, directory stale, Marketplacer limit lifted', unthrottled),
      row('simulator SellerById alone (limit lifted)', lookup),
    ]);
    printTable('In-process cost of one step (bench process, no HTTP)', [
      { step: 'RS256 verify (jsonwebtoken, KeyObject, 2048-bit), one at a time', 'wall ms each': micro.rs256Ms, 'ops/s': 1000 / micro.rs256Ms },
      { step: 'verifySecret (salted SHA-256, s2), one at a time', 'wall ms each': micro.scryptSerialMs, 'ops/s': 1000 / micro.scryptSerialMs },
      { step: `verifySecret, ${micro.scryptParallel} at a time`, 'wall ms each': micro.scryptParallelMs, 'ops/s': 1000 / micro.scryptParallelMs },
    ]);
    process.stdout.write(
      `\nMarketplacer budget: at most ${DEFAULT_MARKETPLACER_LIMIT.limit} requests per ${DEFAULT_MARKETPLACER_LIMIT.windowMs / 1000} s per API key = ` +
        `${DEFAULT_MARKETPLACER_LIMIT.limit / (DEFAULT_MARKETPLACER_LIMIT.windowMs / 1000)} testIntegration/s at most when each call asks Marketplacer (a stale directory), ` +
        'shared with every other Marketplacer call of the connector; a fresh directory asks nothing.\n',
    );
    remoteRatio = sum(rounds.map((x) => x.remote)).perSecond / sum(rounds.map((x) => x.bare)).perSecond;
  } finally {
    progress('stopping the connector and the simulator');
    await stopWithin(connector, progress);
    await stopWithin(simulator, progress);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return remoteRatio;
}

/** saveAccount calls at once in the scale runs (as activateAccounts' default). */
const SCALE_CONCURRENCY = 4;

interface Scaled {
  accounts: number;
  activationMsPerAccount: number;
  tailMsPerAccount: number;
  idleRequests: number;
  idleCpuSeconds: number;
  idleSeconds: number;
  row: Record<string, string | number>;
}

/**
 * A fresh simulator and connector (SQLite), `accounts` accounts activated (one linked seller, the demo
 * token; ANYMARKET's per-token limit lifted on both sides, or 10,000 activations of one token would
 * measure that limit), then one idle cycle.
 */
async function atScale(accounts: number): Promise<Scaled> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-activation-scale-'));
  const [simulatorPort, connectorPort] = [await freePort(), await freePort()];
  const e: Endpoints = { connectorUrl: `http://127.0.0.1:${connectorPort}`, simulatorUrl: `http://127.0.0.1:${simulatorPort}`, adminToken: ADMIN_TOKEN };
  let simulator: Started | undefined;
  let connector: Started | undefined;
  try {
    simulator = await startBuilt(
      SIMULATOR_MAIN,
      { SIMULATOR_PORT: String(simulatorPort), LOG_LEVEL: 'warn', SIMULATOR_ANYMARKET_RATE_LIMIT_PER_SECOND: '100000' },
      `${e.simulatorUrl}/health`,
    );
    connector = await startBuilt(
      CONNECTOR_MAIN,
      {
        PORT: String(connectorPort),
        SIMULATOR_URL: e.simulatorUrl,
        DATA_DIR: dataDir,
        ADMIN_TOKEN,
        LOG_LEVEL: 'warn',
        SYNC_ENABLED: 'false',
        ANYMARKET_RATE_LIMIT_PER_SECOND: '1000',
      },
      `${e.connectorUrl}/health/live`,
    );
    const pid = connector.child.pid!;
    progress(`activating ${accounts} accounts`);
    const seller = await linkBenchSeller(e, (await onlineRetailer(e.simulatorUrl)).legacyId);
    const requestsBefore = await marketplacerRequests(e.simulatorUrl);
    const cpuBefore = cpuSeconds(pid) ?? NaN;
    let started = performance.now();
    // When each activation ended, in the order they ended: the tail's rate is the last SCALE_TAIL of them.
    const ended: number[] = [];
    const accountIds = Array.from({ length: accounts }, (_, i) => i + 1);
    await inParallel(accountIds, SCALE_CONCURRENCY, async (accountId) => {
      await saveAccount(e, seller, accountId);
      ended.push(performance.now());
    });
    const activationMs = performance.now() - started;
    const tailCount = Math.min(SCALE_TAIL, accounts - 1);
    const tailMs = ended[ended.length - 1] - ended[ended.length - 1 - tailCount];
    const activationCpu = (cpuSeconds(pid) ?? NaN) - cpuBefore;
    const activationRequests = (await marketplacerRequests(e.simulatorUrl)) - requestsBefore;

    progress(`${accounts} accounts (${(activationMs / accounts).toFixed(1)} ms each): a first cycle, then the measured idle one`);
    const firstCycle: string[] = [];
    for (const job of IDLE_CYCLE_JOBS) {
      const jobStarted = performance.now();
      await runJob(e, job);
      firstCycle.push(`${job} ${((performance.now() - jobStarted) / 1000).toFixed(1)} s`);
    }
    progress(`first cycle: ${firstCycle.join(', ')}`);
    const idleRequestsBefore = await marketplacerRequests(e.simulatorUrl);
    const idleCpuBefore = cpuSeconds(pid) ?? NaN;
    started = performance.now();
    const perJob: string[] = [];
    for (const job of IDLE_CYCLE_JOBS) {
      const before = await marketplacerRequests(e.simulatorUrl);
      await runJob(e, job);
      perJob.push(`${job} ${(await marketplacerRequests(e.simulatorUrl)) - before}`);
    }
    const idleSeconds = (performance.now() - started) / 1000;
    const idleCpuSeconds = (cpuSeconds(pid) ?? NaN) - idleCpuBefore;
    const idleRequests = (await marketplacerRequests(e.simulatorUrl)) - idleRequestsBefore;
    const activationMsPerAccount = activationMs / accounts;
    const tailMsPerAccount = tailMs / tailCount;
    return {
      accounts,
      activationMsPerAccount,
      tailMsPerAccount,
      idleRequests,
      idleCpuSeconds,
      idleSeconds,
      row: {
        accounts,
        'activation ms/account': activationMsPerAccount,
        [`last ${SCALE_TAIL} ms/account`]: tailMsPerAccount,
        'activation CPU ms/account': (activationCpu / accounts) * 1000,
        'MP requests/activation': activationRequests / accounts,
        'idle cycle MP requests': idleRequests,
        'per job': perJob.join(', '),
        'idle cycle CPU s': idleCpuSeconds,
        'idle cycle s': idleSeconds,
        'first cycle': firstCycle.join(', '),
      },
    };
  } finally {
    await stopWithin(connector, progress);
    await stopWithin(simulator, progress);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function marketplacerRequests(simulatorUrl: string): Promise<number> {
  const res = await fetch(`${simulatorUrl}/_control/marketplacer/requests?limit=1`);
  return ((await res.json()) as { count: number }).count;
}

async function onlineRetailer(simulatorUrl: string): Promise<{ id: string; legacyId: number }> {
  const res = await fetch(`${simulatorUrl}/_control/marketplacer/state`);
  const state = (await res.json()) as { sellers: Array<{ id: string; legacyId: number; online: boolean; accountType: string; deleted: boolean }> };
  const seller = state.sellers.find((s) => s.online && s.accountType === 'RETAILER' && !s.deleted);
  if (!seller) throw new Error('the simulator has no online RETAILER');
  return seller;
}

async function linkSeller(connectorUrl: string, sellerId: string): Promise<{ storeId: string; secret: string }> {
  const res = await fetch(`${connectorUrl}/admin/seller-links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sellerId }),
  });
  if (res.status !== 201) throw new Error(`POST /admin/seller-links answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { storeId: string; integrationSecret: string };
  return { storeId: body.storeId, secret: body.integrationSecret };
}

/** One run of the seller directory's feed (admin trigger, waited for), so activation answers from it. */
async function readSellerDirectory(connectorUrl: string): Promise<void> {
  const res = await fetch(`${connectorUrl}/admin/sync/jobs/sellers/run?wait=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  const run = (await res.json()) as { outcome?: string };
  if (!res.ok || run.outcome !== 'succeeded') throw new Error(`the sellers run answered ${res.status}: ${JSON.stringify(run)}`);
}

async function expectAnswer(target: LoadTarget, status: number, text: string, server: Started): Promise<void> {
  const res = await fetch(target.url, { method: target.method, headers: { ...target.headers, 'content-type': 'application/json' }, body: target.body });
  const got = await res.text();
  if (res.status !== status || got !== text) throw new Error(`${target.url} answered ${res.status} ${got}, expected ${status} ${text}:\n${server.output()}`);
}

async function setSimulatorRateLimit(simulatorUrl: string, limit: { limit: number; windowMs: number }): Promise<void> {
  const res = await fetch(`${simulatorUrl}/_control/marketplacer/rate-limit`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(limit),
  });
  if (!res.ok) throw new Error(`PUT rate-limit answered ${res.status}: ${await res.text()}`);
}

/** The SellerById query the connector sends, straight to the simulator, with its limit lifted for the measurement. */
async function measureSellerLookup(simulatorUrl: string, sellerId: string, procs: Procs): Promise<Measured> {
  await setSimulatorRateLimit(simulatorUrl, { limit: 1_000_000, windowMs: DEFAULT_MARKETPLACER_LIMIT.windowMs });
  try {
    return await measure(
      {
        url: `${simulatorUrl}/graphql`,
        method: 'POST',
        headers: { authorization: `Bearer ${DEMO_MARKETPLACER_API_KEY}` },
        body: JSON.stringify({ operationName: 'SellerById', query: print(SellerByIdDocument), variables: { id: sellerId } }),
      },
      procs,
    );
  } finally {
    await setSimulatorRateLimit(simulatorUrl, DEFAULT_MARKETPLACER_LIMIT);
  }
}

async function inProcessCosts(token: string): Promise<{ rs256Ms: number; scryptSerialMs: number; scryptParallelMs: number; scryptParallel: number }> {
  const key = createPublicKey(DEVELOPMENT_ONLY_PUBLIC_KEY_PEM);
  const rsRuns = 2000;
  let started = performance.now();
  for (let i = 0; i < rsRuns; i += 1) jwt.verify(token, key, { algorithms: ['RS256'] });
  const rs256Ms = (performance.now() - started) / rsRuns;

  const hash = await hashSecret('bench-secret');
  const serialRuns = 20;
  started = performance.now();
  for (let i = 0; i < serialRuns; i += 1) await verifySecret('bench-secret', hash);
  const scryptSerialMs = (performance.now() - started) / serialRuns;

  const scryptParallel = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  const parallelRuns = scryptParallel * 10;
  started = performance.now();
  for (let i = 0; i < parallelRuns; i += scryptParallel) {
    await Promise.all(Array.from({ length: scryptParallel }, () => verifySecret('bench-secret', hash)));
  }
  const scryptParallelMs = (performance.now() - started) / parallelRuns;
  return { rs256Ms, scryptSerialMs, scryptParallelMs, scryptParallel };
}

/** Progress on stderr, so a long run shows it is alive without mixing into the tables. */
function progress(message: string): void {
  process.stderr.write(`[activation] ${message}\n`);
}

type Procs = { connector: () => Started; simulator: () => Started };

/** runLoad plus the CPU each process used meanwhile (share of one core, warm-up included). */
async function measure(target: LoadTarget, procs: Procs, options: Partial<typeof LOAD> = {}): Promise<Measured> {
  progress(`loading ${target.method ?? 'GET'} ${target.url} (expect ${target.expectStatus ?? 200}, ${options.connections ?? LOAD.connections} connections)`);
  (globalThis as { gc?: () => void }).gc?.();
  const connectorPid = procs.connector().child.pid!;
  const simulatorPid = procs.simulator().child.pid!;
  const before = { connector: cpuSeconds(connectorPid), simulator: cpuSeconds(simulatorPid), loader: process.cpuUsage(), at: performance.now() };
  const result = await runLoad(target, { ...LOAD, ...options });
  const wall = (performance.now() - before.at) / 1000;
  const loader = process.cpuUsage(before.loader);
  return {
    ...result,
    connectorCpu: share(before.connector, cpuSeconds(connectorPid), wall),
    simulatorCpu: share(before.simulator, cpuSeconds(simulatorPid), wall),
    loaderCpu: ((loader.user + loader.system) / 1e6 / wall) * 100,
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
    // Steady state: CPU share over the run ÷ answers per second (warm-up included in the share).
    'connector CPU ms/req': (m.connectorCpu / 100 / m.perSecond) * 1000,
    'simulator CPU %': m.simulatorCpu,
    'loader CPU %': m.loaderCpu,
  };
}

function ratio(remote: LoadResult, bare: LoadResult): string {
  return `${((remote.perSecond / bare.perSecond) * 100).toFixed(1)} % (1 : ${(bare.perSecond / remote.perSecond).toFixed(1)})`;
}

function sum(results: LoadResult[]): LoadResult {
  const requests = results.reduce((total, r) => total + r.requests, 0);
  const seconds = results.reduce((total, r) => total + r.seconds, 0);
  return { requests, seconds, perSecond: requests / seconds, errors: results.reduce((total, r) => total + r.errors, 0), p50Ms: NaN, p99Ms: NaN };
}

function share(before: number | undefined, after: number | undefined, wallSeconds: number): number {
  return before === undefined || after === undefined ? NaN : ((after - before) / wallSeconds) * 100;
}
