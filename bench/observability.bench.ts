import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import { ANYMARKET_TOKEN_HEADER, signAnymarketToken } from '#anymarket';
import { httpMetrics, Metrics, RemoteActivity } from '#common';
import { runLoad, type LoadResult, type LoadTarget } from './support/http-load.js';
import { cpuSeconds } from './support/process-cpu.js';
import { freePort, startBuilt, stopWithin, type Started } from './support/processes.js';
import { quantile } from './support/quantile.js';
import { printSummary } from './support/summary.js';
import { printTable } from './support/table.js';
import { signedDeliveries } from './support/signed-deliveries.js';
import { RemoteMetrics } from '../libs/common/src/metrics/remote-metrics.js';

/**
 * `npm run bench -- observability`: what metrics cost. Two built connectors in the same run, the same
 * build and configuration but `METRICS_ENABLED` (true: every request, remote attempt and delivery counted,
 * and `/metrics` scraped every SCRAPE_EVERY_MS meanwhile, collectors and all; false: no counting, no
 * route), against one built simulator. Each is loaded in turn on a guarded remote (`GET /brands` with a
 * valid x-anymarket-token) and on the webhook receiver (signed deliveries, a distinct Idempotency-Key
 * each, about Invoices nobody owns), in ABBA order per round so that drift and the receiver's backlog
 * fall on both alike. The cost is 1 − on ÷ off throughput, the median of the rounds, with the
 * connector's CPU per answer beside it (less sensitive to other work on the machine). Target: < 5 %.
 *
 * Knobs: OBSERVABILITY_CONNECTIONS (50), OBSERVABILITY_SECONDS (3 per slice), OBSERVABILITY_ROUNDS (5),
 * OBSERVABILITY_SCRAPE_EVERY_MS (5000; Prometheus's default interval is 15–60 s: this is harsher).
 */
const LOAD = { connections: Number(process.env.OBSERVABILITY_CONNECTIONS ?? 50), seconds: Number(process.env.OBSERVABILITY_SECONDS ?? 3), warmupSeconds: 1 };
const ROUNDS = Number(process.env.OBSERVABILITY_ROUNDS ?? 5);
const SCRAPE_EVERY_MS = Number(process.env.OBSERVABILITY_SCRAPE_EVERY_MS ?? 5000);
const TARGET_COST = 0.05;
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const OI = '22449504.';
const CONNECTOR_MAIN = 'dist/apps/connector/src/main.js';
const SIMULATOR_MAIN = 'dist/apps/simulator/src/main.js';
/** Far above the simulator's invoices: deliveries about objects nobody owns (processing reads one and ignores it). */
const UNKNOWN_INVOICE_BASE = 800_000_000;

type Variant = 'on' | 'off';
type Endpoint = 'brands' | 'webhooks';

interface Measured extends LoadResult {
  connectorCpu: number;
  scrapes: number;
}

interface Connector {
  variant: Variant;
  url: string;
  started: Started;
  dataDir: string;
}

export async function run(): Promise<void> {
  const simulatorPort = await freePort();
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  let simulator: Started | undefined;
  const connectors: Connector[] = [];
  try {
    simulator = await startBuilt(SIMULATOR_MAIN, { SIMULATOR_PORT: String(simulatorPort), LOG_LEVEL: 'warn' }, `${simulatorUrl}/health`);
    for (const variant of ['on', 'off'] as const) connectors.push(await startConnector(variant, simulatorUrl));
    const token = signAnymarketToken({ oi: OI, exp: Math.floor(Date.now() / 1000) + 3600 });
    const deliveries = signedDeliveries(UNKNOWN_INVOICE_BASE, 'bench-observability');
    const targets = (connector: Connector): Record<Endpoint, LoadTarget> => ({
      brands: { url: `${connector.url}/brands`, headers: { [ANYMARKET_TOKEN_HEADER]: token } },
      webhooks: { url: `${connector.url}/webhooks/marketplacer`, method: 'POST', perRequest: deliveries },
    });
    for (const connector of connectors) {
      // The first /brands fills the local taxonomy copy from the simulator; the load starts after it.
      const res = await fetch(`${connector.url}/brands`, { headers: { [ANYMARKET_TOKEN_HEADER]: token } });
      if (res.status !== 200)
        throw new Error(`GET /brands answered ${res.status} on the metrics-${connector.variant} connector:\n${connector.started.output()}`);
    }
    const metricsOn = await fetch(`${connectors[0].url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const metricsOff = await fetch(`${connectors[1].url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    if (metricsOn.status !== 200 || metricsOff.status !== 404) throw new Error(`/metrics answered ${metricsOn.status} (on) and ${metricsOff.status} (off)`);

    const rounds: Array<Record<Endpoint, Record<Variant, Measured>>> = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      // ABBA: on, off, off, on per endpoint over two rounds, so the order favours neither.
      const order: Connector[] = round % 2 === 1 ? connectors : [...connectors].reverse();
      const measured = { brands: {}, webhooks: {} } as Record<Endpoint, Record<Variant, Measured>>;
      for (const endpoint of ['brands', 'webhooks'] as const) {
        for (const connector of order) {
          measured[endpoint][connector.variant] = await measure(connector, targets(connector)[endpoint], endpoint);
          // The deliveries' processing goes on after the slice: wait for it, so it does not fall on the next slice.
          if (endpoint === 'webhooks') await backlogProcessed(connector);
        }
      }
      rounds.push(measured);
    }

    const labels: Record<Endpoint, string> = {
      brands: 'GET /brands, valid token (guarded remote)',
      webhooks: 'POST /webhooks/marketplacer, signed (receiver)',
    };
    printTable(
      `Metrics on (scraped every ${SCRAPE_EVERY_MS / 1000} s) and off, same build, same run (${LOAD.connections} connections, ${LOAD.seconds} s after ` +
        `${LOAD.warmupSeconds} s warm-up each, ${availableParallelism()} CPUs shared with the simulator and the load generator)`,
      rounds.flatMap((measured, i) =>
        (['brands', 'webhooks'] as const).flatMap((endpoint) =>
          (['on', 'off'] as const).map((variant) => row(`#${i + 1} ${labels[endpoint]}, metrics ${variant}`, measured[endpoint][variant])),
        ),
      ),
    );
    printTable(
      'The cost of observability: 1 − (metrics on ÷ metrics off) throughput, median of the rounds (target < 5 %)',
      (['brands', 'webhooks'] as const).map((endpoint) =>
        costRow(
          labels[endpoint],
          rounds.map((measured) => measured[endpoint]),
        ),
      ),
    );
    printInstrumentationCost(rounds.map((measured) => measured.brands.off));
    const throughputCost = (endpoint: Endpoint) =>
      quantile(
        rounds.map((measured) => 1 - measured[endpoint].on.perSecond / measured[endpoint].off.perSecond),
        0.5,
      );
    printSummary('observability', {
      brandsThroughputCost: throughputCost('brands'),
      webhooksThroughputCost: throughputCost('webhooks'),
      targets: { throughputCostBelow: TARGET_COST },
    });
  } finally {
    for (const connector of connectors) {
      await stopWithin(connector.started, progress);
      rmSync(connector.dataDir, { recursive: true, force: true });
    }
    await stopWithin(simulator, progress);
  }
}

async function startConnector(variant: Variant, simulatorUrl: string): Promise<Connector> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), `bench-observability-${variant}-`));
  const started = await startBuilt(
    CONNECTOR_MAIN,
    {
      PORT: String(port),
      SIMULATOR_URL: simulatorUrl,
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      LOG_LEVEL: 'info',
      SYNC_ENABLED: 'false',
      METRICS_ENABLED: variant === 'on' ? 'true' : 'false',
    },
    `${url}/health/live`,
  );
  return { variant, url, started, dataDir };
}

/** Waits (bounded) until the connector has no stored delivery left to process. */
async function backlogProcessed(connector: Connector): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await fetch(`${connector.url}/admin/webhooks`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const { events } = (await res.json()) as { events: { received: number } };
    if (events.received === 0) return;
    if (Date.now() > deadline) throw new Error(`the metrics-${connector.variant} connector still has ${events.received} deliveries to process after 2 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * What the counting itself costs per guarded request, timed in this process where nothing else
 * interferes: the HTTP family (a counter and a histogram, from the request's finish listener) and one
 * remote attempt (a counter and a histogram), against the connector's measured CPU per answer with metrics off.
 */
function printInstrumentationCost(off: Measured[]): void {
  const metrics = new Metrics(true);
  const finished = httpMetrics(metrics);
  const remote = new RemoteMetrics(metrics, new RemoteActivity());
  const req = { method: 'GET', baseUrl: '', route: { path: '/brands' } } as unknown as Request;
  const res = { statusCode: 200 } as unknown as Response;
  const attempt = { remote: 'anymarket', operation: 'createOrder', operationClass: 'write', outcome: 'ok', seconds: 0.012 } as const;
  const iterations = 200_000;
  const timed = (work: () => void) => {
    for (let i = 0; i < 10_000; i += 1) work();
    const started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) work();
    return Number(process.hrtime.bigint() - started) / 1000 / iterations;
  };
  const httpMicros = timed(() => finished(req, res, 0.0004));
  const remoteMicros = timed(() => remote.attempted(attempt));
  const perAnswerMicros = quantile(off.map(cpuPerAnswer), 0.5) * 1000;
  printTable('The counting itself, timed in-process (µs per call), against the connector CPU per guarded answer with metrics off', [
    {
      what: 'HTTP request counted (counter + histogram, by route)',
      µs: httpMicros,
      'share of an answer': `${((httpMicros / perAnswerMicros) * 100).toFixed(2)} %`,
    },
    {
      what: 'remote attempt counted (counter + histogram)',
      µs: remoteMicros,
      'share of an answer': `${((remoteMicros / perAnswerMicros) * 100).toFixed(2)} %`,
    },
    { what: 'connector CPU per GET /brands answer, metrics off (median)', µs: perAnswerMicros, 'share of an answer': '100 %' },
  ]);
}

/** runLoad plus the connector's CPU meanwhile, and (metrics on) a Prometheus-like scraper beside the load. */
async function measure(connector: Connector, target: LoadTarget, endpoint: Endpoint): Promise<Measured> {
  progress(`loading ${endpoint} on the metrics-${connector.variant} connector`);
  (globalThis as { gc?: () => void }).gc?.();
  const pid = connector.started.child.pid!;
  const before = { cpu: cpuSeconds(pid), at: performance.now() };
  const scraper = connector.variant === 'on' ? scrapeEvery(connector.url) : undefined;
  const result = await runLoad(target, LOAD);
  const scrapes = (await scraper?.stop()) ?? 0;
  const after = cpuSeconds(pid);
  const wall = (performance.now() - before.at) / 1000;
  return { ...result, scrapes, connectorCpu: before.cpu === undefined || after === undefined ? NaN : ((after - before.cpu) / wall) * 100 };
}

/** GET /metrics every SCRAPE_EVERY_MS until stopped; resolves with the number of scrapes answered 200. */
function scrapeEvery(url: string): { stop(): Promise<number> } {
  let answered = 0;
  let failure: string | undefined;
  const scrape = async () => {
    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    await res.text();
    if (res.status === 200) answered += 1;
    else failure = `/metrics answered ${res.status}`;
  };
  let last = scrape();
  const timer = setInterval(() => {
    last = last.then(scrape);
  }, SCRAPE_EVERY_MS);
  return {
    stop: async () => {
      clearInterval(timer);
      await last;
      if (failure) throw new Error(failure);
      return answered;
    },
  };
}

function row(what: string, m: Measured): Record<string, string | number> {
  return {
    endpoint: what,
    'req/s': m.perSecond,
    'p50 ms': m.p50Ms,
    'p99 ms': m.p99Ms,
    errors: m.errors,
    scrapes: m.scrapes,
    'connector CPU %': m.connectorCpu,
    'connector CPU ms/req': cpuPerAnswer(m),
  };
}

function cpuPerAnswer(m: Measured): number {
  return (m.connectorCpu / 100 / m.perSecond) * 1000;
}

function costRow(what: string, pairs: Array<Record<Variant, Measured>>): Record<string, string | number> {
  const cost = quantile(
    pairs.map((pair) => 1 - pair.on.perSecond / pair.off.perSecond),
    0.5,
  );
  const cpuCost = quantile(
    pairs.map((pair) => cpuPerAnswer(pair.on) / cpuPerAnswer(pair.off) - 1),
    0.5,
  );
  const total = (variant: Variant) =>
    pairs.reduce((sum, pair) => sum + pair[variant].requests, 0) / pairs.reduce((sum, pair) => sum + pair[variant].seconds, 0);
  return {
    endpoint: what,
    'on req/s': total('on'),
    'off req/s': total('off'),
    'throughput cost': `${(cost * 100).toFixed(1)} %`,
    'CPU per answer cost': `${(cpuCost * 100).toFixed(1)} %`,
    target: `< ${TARGET_COST * 100} %`,
    met: cost < TARGET_COST ? 'yes' : 'no',
  };
}

function progress(message: string): void {
  process.stderr.write(`[observability] ${message}\n`);
}
