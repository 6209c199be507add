import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { tmpdir } from 'node:os';
import request from 'supertest';
import { DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY } from '#marketplacer';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { MetricsPort } from '#common';
import { signature } from '#test-support/webhooks-simulator';
import { startConnectorTestApp, TEST_ADMIN_TOKEN, type ConnectorTestApp } from '#test-support/connector/connector-test-app';
import { WEBHOOK_RECEIVER_PATH } from './webhooks/index.js';

const databases = await availableDatabases();

/** The connector's own families (the README's operator section lists each): served from the first scrape. */
const SERVED_FAMILIES = [
  'connector_process_cpu_seconds_total',
  'connector_nodejs_eventloop_lag_seconds',
  'connector_http_requests_total',
  'connector_http_request_duration_seconds',
  'connector_feed_runs_total',
  'connector_feed_items_seen_total',
  'connector_feed_seconds_since_success',
  'connector_feed_never_succeeded',
  'connector_feed_lag_seconds',
  'connector_feed_consecutive_failures',
  'connector_work_jobs_waiting',
  'connector_work_jobs_delayed',
  'connector_work_oldest_waiting_seconds',
  'connector_work_jobs_running',
  'connector_work_jobs_failed',
  'connector_remote_requests_total',
  'connector_remote_request_duration_seconds',
  'connector_remote_circuit_open',
  'connector_remote_consecutive_outages',
  'connector_remote_budget_used_ratio',
  'connector_remote_budget_limit',
  'connector_webhook_deliveries_total',
  'connector_webhook_events',
  'connector_webhook_seconds_since_last_delivery',
  'connector_orders',
  'connector_orders_waiting_too_long',
  'connector_orders_waiting_alert_seconds',
  'connector_orders_reconciliation_findings',
  'connector_listings',
  'connector_contract_check_ok',
  'connector_contract_check_last_run_timestamp_seconds',
  'connector_contract_documents_failed',
  'connector_contract_feature_off',
  'connector_contract_features_off',
  'connector_anymarket_accounts_checked',
  'connector_seller_links',
  'connector_metrics_collector_up',
];

/** Node's process metrics (prom-client's defaults, prefixed), a few of which the dashboard draws. */
const PROCESS_FAMILIES = ['connector_process_cpu_seconds_total', 'connector_process_resident_memory_bytes', 'connector_nodejs_eventloop_lag_p99_seconds'];

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Every connector_ metric an expression names, histogram series (`_bucket`, `_sum`, `_count`) as their family. */
function metricsIn(expression: string, histograms: Set<string>): string[] {
  return [...expression.matchAll(/\bconnector_[a-z0-9_]+/g)].map(([name]) => {
    const family = name.replace(/_(bucket|sum|count)$/, '');
    return histograms.has(family) ? family : name;
  });
}

interface AlertRule {
  alert: string;
  expr: string;
  labels?: { severity?: string };
  annotations?: { summary?: string; description?: string };
}

/** Family names announced by `# TYPE` lines. */
function families(text: string): Set<string> {
  return new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]));
}

/** The value of one sample line (`name{labels} value`), or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const admin = `Bearer ${TEST_ADMIN_TOKEN}`;

describe.each(databases)('GET /metrics on %s', (kind) => {
  let database: TestDatabase;
  let t: ConnectorTestApp;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    database = await createTestDatabase(kind, tmpdir());
    t = await startConnectorTestApp(database.target, { METRICS_PORT: String(await freePort()), HOST: '127.0.0.1' });
    http = request(t.app.getHttpServer());
  });

  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('deploy/: every metric the alert rules and the Grafana dashboard use is served, and each alert says what it means and what to do', async () => {
    const text = (await http.get('/metrics').set('authorization', admin).expect(200)).text;
    const served = families(text);
    const histograms = new Set([...text.matchAll(/^# TYPE (\S+) histogram$/gm)].map((match) => match[1]));
    const rules = (parse(readFileSync(join(ROOT, 'deploy/prometheus/alerts.yml'), 'utf8')) as { groups: Array<{ rules: AlertRule[] }> }).groups.flatMap(
      (group) => group.rules,
    );
    expect(rules.length).toBeGreaterThanOrEqual(10);
    for (const rule of rules) {
      expect({ alert: rule.alert, severity: rule.labels?.severity }).toEqual({ alert: rule.alert, severity: expect.stringMatching(/^(warning|critical)$/) });
      expect(rule.annotations?.summary && rule.annotations.description).toBeTruthy();
    }
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy/grafana/connector-dashboard.json'), 'utf8')) as {
      panels: Array<{ targets?: Array<{ expr: string }> }>;
    };
    const expressions = [...rules.map((rule) => rule.expr), ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr))];
    const used = new Set(expressions.flatMap((expression) => metricsIn(expression, histograms)));
    expect(used.size).toBeGreaterThan(25);
    expect([...used].filter((name) => !served.has(name))).toEqual([]);
    // What the issue asks alerts for: stale feeds, old jobs, failed work, 429s and 5xx, webhooks, the contract check, stuck orders.
    const alerted = new Set(rules.flatMap((rule) => metricsIn(rule.expr, histograms)));
    for (const family of [
      'connector_feed_seconds_since_success',
      'connector_work_oldest_waiting_seconds',
      'connector_work_jobs_failed',
      'connector_remote_requests_total',
      'connector_webhook_seconds_since_last_delivery',
      'connector_contract_check_ok',
      'connector_orders_waiting_too_long',
    ]) {
      expect(alerted).toContain(family);
    }
  });

  it("the README's operator section lists every family the connector serves", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(
      SERVED_FAMILIES.filter(
        (name) =>
          !PROCESS_FAMILIES.includes(name) &&
          !name.startsWith('connector_process_') &&
          !name.startsWith('connector_nodejs_') &&
          !readme.includes(`\`${name}\``),
      ),
    ).toEqual([]);
  });

  it('refuses anyone without the admin credential', async () => {
    await http.get('/metrics').expect(401);
    await http.get('/metrics').set('authorization', 'Bearer not-the-admin-token-at-all').expect(401);
  });

  it('answers the Prometheus text format with every documented family, all named connector_', async () => {
    const res = await http.get('/metrics').set('authorization', admin).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const served = families(res.text);
    expect([...SERVED_FAMILIES, ...PROCESS_FAMILIES].filter((name) => !served.has(name))).toEqual([]);
    expect([...served].filter((name) => !name.startsWith('connector_'))).toEqual([]);
    for (const state of ['pending', 'synced', 'error', 'unrouted', 'skipped']) expect(sample(res.text, `connector_orders{state="${state}"}`)).toBe(0);
    for (const state of ['queued', 'syncing', 'synced', 'error', 'deleted']) expect(sample(res.text, `connector_listings{state="${state}"}`)).toBe(0);
    expect(sample(res.text, 'connector_orders_waiting_alert_seconds')).toBe(900);
    expect(sample(res.text, 'connector_metrics_collector_up{collector="orders"}')).toBe(1);
    expect(sample(res.text, 'connector_metrics_collector_up{collector="work"}')).toBe(1);
    expect(sample(res.text, 'connector_metrics_collector_up{collector="feeds"}')).toBe(1);
    expect(sample(res.text, 'connector_metrics_collector_up{collector="webhooks"}')).toBe(1);
    expect(sample(res.text, 'connector_work_jobs_failed{queue="orders"}')).toBe(0);
  });

  it('counts requests by route pattern, never by path', async () => {
    await http.get('/admin/orders/123456').set('authorization', admin);
    await http.get('/health/live').expect(200);
    const text = (await http.get('/metrics').set('authorization', admin).expect(200)).text;
    expect(sample(text, 'connector_http_requests_total{method="GET",route="/health/live",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/connector_http_requests_total\{method="GET",route="\/admin\/orders\/:id",status="\d{3}"\}/);
    expect(text).not.toContain('123456');
  });

  it('counts webhook deliveries by outcome: stored, duplicate, refused; and the events by state', async () => {
    const body = JSON.stringify({ data: { node: { __typename: 'Advert', id: 'QWR2ZXJ0LTE=' } }, event_name: 'update' });
    const deliver = (sig: string) =>
      http
        .post(WEBHOOK_RECEIVER_PATH)
        .set('content-type', 'application/json')
        .set('idempotency-key', `metrics-${kind}`)
        .set('marketplacer-hmac-256', sig)
        .send(body);
    await deliver(signature(DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY, body)).expect(200);
    await deliver(signature(DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY, body)).expect(200);
    await deliver(signature('another key entirely', body)).expect(401);
    const text = (await http.get('/metrics').set('authorization', admin).expect(200)).text;
    expect(sample(text, 'connector_webhook_deliveries_total{outcome="stored"}')).toBe(1);
    expect(sample(text, 'connector_webhook_deliveries_total{outcome="duplicate"}')).toBe(1);
    expect(sample(text, 'connector_webhook_deliveries_total{outcome="refused"}')).toBe(1);
    const stored = ['received', 'processed', 'failed', 'ignored'].map((state) => sample(text, `connector_webhook_events{state="${state}"}`) ?? 0);
    expect(stored.reduce((sum, count) => sum + count, 0)).toBe(1);
  });

  it('serves the same without credentials on METRICS_PORT, and nothing else there', async () => {
    const port = t.app.get(MetricsPort).address!.port;
    expect(port).toBe(t.config.metricsPort);
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(families(await res.text()).has('connector_orders')).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/admin/orders`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});

describe('METRICS_ENABLED=false', () => {
  let t: ConnectorTestApp;

  beforeAll(async () => {
    t = await startConnectorTestApp({ type: 'sqlite' }, { METRICS_ENABLED: 'false', METRICS_PORT: String(await freePort()) });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('serves no /metrics route and opens no metrics port', async () => {
    await request(t.app.getHttpServer()).get('/metrics').set('authorization', admin).expect(404);
    expect(t.app.get(MetricsPort).address).toBeUndefined();
  });
});
