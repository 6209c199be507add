import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, type DatabaseTarget } from '#common';
import { capturedOutputSink, until } from '#common/testing';
import { createSimulatorApp } from '../../apps/simulator/src/bootstrap.js';
import { loadSimulatorConfig } from '../../apps/simulator/src/config/simulator.config.js';
import { startConnectorTestApp, TEST_ADMIN_TOKEN, type ConnectorTestApp, type ConnectorTestAppOptions } from './connector/connector-test-app.js';

/** A listening app and its base URL. */
export interface Listening {
  app: NestExpressApplication;
  url: string;
  close(): Promise<void>;
}

async function listen(app: NestExpressApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

/** The real simulator (both halves), in this process, on a free loopback port. `env` as the simulator's variables. */
export async function startSimulator(env: Record<string, string> = {}): Promise<Listening> {
  const config = loadSimulatorConfig({ LOG_LEVEL: 'warn', ...env });
  // Its warnings and errors (mostly faults a test injected) are kept with the test, printed if it fails.
  const { app } = await createSimulatorApp(config, createLogger('warn', 'simulator', capturedOutputSink()));
  const url = await listen(app);
  return { app, url, close: () => app.close() };
}

export interface ConnectorUnderTest extends ConnectorTestApp {
  url: string;
  admin: { Authorization: string };
}

/**
 * The real connector on `database`, in demo mode against `simulatorUrl` (both remote systems), on a
 * free loopback port, so callers (the remote caller, fetch) reach it over HTTP.
 */
export async function startConnector(
  database: DatabaseTarget,
  simulatorUrl: string,
  env: Record<string, string> = {},
  options: ConnectorTestAppOptions = {},
): Promise<ConnectorUnderTest> {
  const test = await startConnectorTestApp(database, { SIMULATOR_URL: simulatorUrl, ...env }, [], options);
  const url = await listen(test.app);
  return Object.assign(test, { url, admin: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
}

/**
 * Resolves once the connector's contract check made at start (one introspection request, in the
 * background) has ended: for tests that then cut Marketplacer's budget or script its answers.
 */
export async function startCheckEnded(connector: Pick<ConnectorUnderTest, 'url' | 'admin'>): Promise<void> {
  await until(
    async () => (await http(`${connector.url}/admin/system/contract`, { headers: connector.admin })).status === 200,
    'the contract check made at start',
  );
}

/** JSON over HTTP with the status, for e2e assertions. */
export async function http<T = unknown>(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(init.headers ?? {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: body as T };
}
