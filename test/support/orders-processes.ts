import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ANYMARKET_TOKEN_HEADER, signAnymarketToken } from '#anymarket';
import type { DatabaseTarget } from '#common';
import { eventually } from '#common/testing';
import { TEST_ADMIN_TOKEN } from './connector/connector-test-app.js';
import { ListingsConnector, type ActivatedAccount } from './listings-connector.js';
import type { ListingsSimulator } from './listings-simulator.js';
import { freePort, startNode, waitForOk, type RunningProcess } from './processes.js';
import { http, startConnector } from './stack.js';

/** The built connector (`npx tsc -p tsconfig.build.json` first). */
const CONNECTOR = 'dist/apps/connector/src/main.js';
/** How long a SIGTERM may take before the process is killed (pg-boss waits for running jobs). */
const STOP_WITHIN_MS = 15_000;

/** A built connector running as its own process, reachable over HTTP like an `in-process` one. */
export interface ConnectorProcess {
  url: string;
  admin: { Authorization: string };
  process: RunningProcess;
  /** SIGKILL: no shutdown hook, no drain; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited within STOP_WITHIN_MS. */
  stop(): Promise<void>;
}

/** Starts `dist/…/main.js` on `database` in demo mode against `simulatorUrl`, on a free port; resolves once /health answers. */
export async function startConnectorProcess(
  database: DatabaseTarget,
  simulatorUrl: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<ConnectorProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const running = startNode(CONNECTOR, {
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    ...env,
    PORT: String(port),
    SIMULATOR_URL: simulatorUrl,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'connector-orders-')),
    DATABASE_URL: database.type === 'postgres' ? database.url : `sqlite:${sqliteFile(database)}`,
  });
  await waitForOk(`${url}/health`, timeoutMs, running);
  const gone = () => running.child.exitCode !== null || running.child.signalCode !== null;
  return {
    url,
    admin: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    process: running,
    kill: async () => {
      if (!gone()) running.child.kill('SIGKILL');
      await running.exited;
    },
    stop: async () => {
      if (gone()) return;
      const timer = setTimeout(() => running.child.kill('SIGKILL'), STOP_WITHIN_MS);
      await running.stop();
      clearTimeout(timer);
    },
  };
}

/** An order as GET /admin/orders lists it (the fields these tests read). */
export interface OrderView {
  id: number;
  state: string;
  anymarketStatus: string | null;
  marketPlaceId: string;
  anymarketOrderId: string | null;
  lastError: string | null;
}

/** One entry of an order's timeline (GET /admin/orders/{id}). */
export interface OrderEvent {
  source: string;
  action: string;
  outcome: string;
  detail: string | null;
}

/** The account's orders, newest first (up to 500). */
export async function ordersOf(connector: Pick<ConnectorProcess, 'url' | 'admin'>, accountId: number): Promise<OrderView[]> {
  const res = await http<OrderView[]>(`${connector.url}/admin/orders?accountId=${accountId}&limit=500`, { headers: connector.admin });
  if (res.status !== 200) throw new Error(`GET /admin/orders answered ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The order of invoice `marketPlaceId`, once the connector has recorded it. */
export async function orderOfInvoice(connector: Pick<ConnectorProcess, 'url' | 'admin'>, accountId: number, marketPlaceId: string): Promise<OrderView> {
  const order = await eventually(
    async () => (await ordersOf(connector, accountId)).find((candidate) => candidate.marketPlaceId === marketPlaceId),
    (found) => found !== undefined,
    `the order of invoice ${marketPlaceId} recorded`,
  );
  return order!;
}

/** An order's timeline, oldest first. */
export async function timelineOf(connector: Pick<ConnectorProcess, 'url' | 'admin'>, orderId: number): Promise<OrderEvent[]> {
  const res = await http<{ timeline: OrderEvent[] }>(`${connector.url}/admin/orders/${orderId}`, { headers: connector.admin });
  if (res.status !== 200) throw new Error(`GET /admin/orders/${orderId} answered ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.timeline;
}

/** ANYMARKET's `POST /order/force/{idInMarketPlace}` for the account, signed as its organisation. */
export function forceOrder(connector: Pick<ConnectorProcess, 'url'>, account: ActivatedAccount, marketPlaceId: string) {
  const query = `idAccount=${account.idAccount}&oi=${encodeURIComponent(account.oi)}`;
  return http(`${connector.url}/order/force/${marketPlaceId}?${query}`, {
    method: 'POST',
    headers: { [ANYMARKET_TOKEN_HEADER]: signAnymarketToken({ oi: account.oi }) },
  });
}

/** ANYMARKET's `POST /forceImportOrders` for the account (a ConfigurationDTO with only the import date). */
export function forceImportOrders(connector: Pick<ConnectorProcess, 'url'>, account: ActivatedAccount, initialDateForOrderImport: string) {
  return http(`${connector.url}/forceImportOrders?idAccount=${account.idAccount}`, {
    method: 'POST',
    headers: { [ANYMARKET_TOKEN_HEADER]: signAnymarketToken({ oi: account.oi }) },
    body: { initialDateForOrderImport },
  });
}

/** The order row's columns a crash test checks, read straight from the database. */
export interface OrderRow {
  state: string;
  anymarketOrderId: string | null;
  anymarketStatus: string | null;
}

/**
 * Holds the connector's next write to one order row from outside, so a process can be killed after
 * ANYMARKET answered its create and before that answer is committed. `read` sees the row as
 * committed; `release` ends the hold without writing anything.
 */
export interface OrderRowHold {
  read(): Promise<OrderRow>;
  /**
   * Postgres: how many sessions wait behind the hold (the connector's UPDATE of the row). SQLite: null,
   * another connection cannot see who waits for the write lock.
   */
  waiting(): Promise<number | null>;
  release(): Promise<void>;
}

const ROW_COLUMNS = 'state, anymarket_order_id AS "anymarketOrderId", anymarket_status AS "anymarketStatus"';

/**
 * Postgres: a `FOR NO KEY UPDATE` lock on the row (the connector's UPDATE waits; its timeline inserts,
 * which only take a key-share lock through the foreign key, do not). SQLite: the database's write lock
 * (`BEGIN IMMEDIATE`; the connector's writes wait up to its busy_timeout, 5 s).
 */
export async function holdOrderRow(database: DatabaseTarget, orderId: number): Promise<OrderRowHold> {
  return database.type === 'postgres' ? holdPostgresRow(database.url, orderId) : holdSqliteDatabase(sqliteFile(database), orderId);
}

/** The file of a SQLite target: processes that share it must all be told its path. */
function sqliteFile(database: DatabaseTarget & { type: 'sqlite' }): string {
  if (!database.path) throw new Error('a SQLite target shared by several processes needs a file path');
  return database.path;
}

async function holdPostgresRow(url: string, orderId: number): Promise<OrderRowHold> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT id FROM anymarket_order WHERE id = $1 FOR NO KEY UPDATE', [orderId]);
  const waiters = async () =>
    (await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))')).rows.map((row) => row.pid);
  return {
    read: async () => (await client.query<OrderRow>(`SELECT ${ROW_COLUMNS} FROM anymarket_order WHERE id = $1`, [orderId])).rows[0],
    waiting: async () => (await waiters()).length,
    release: async () => {
      // A backend waiting on a lock does not notice that its client died until it next talks to it: once
      // the lock is gone it would still run (and commit) the dead process's UPDATE. A real crash before
      // the commit sends no UPDATE at all, so those sessions are ended first.
      for (const pid of await waiters()) await client.query('SELECT pg_terminate_backend($1)', [pid]);
      await eventually(waiters, (pids) => pids.length === 0, 'the dead process’s waiting sessions ended');
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

async function holdSqliteDatabase(path: string, orderId: number): Promise<OrderRowHold> {
  const db = new Database(path);
  db.pragma('busy_timeout = 5000');
  db.exec('BEGIN IMMEDIATE');
  return {
    read: async () => db.prepare(`SELECT ${ROW_COLUMNS} FROM anymarket_order WHERE id = ?`).get(orderId) as OrderRow,
    waiting: async () => null,
    release: async () => {
      db.exec('ROLLBACK');
      db.close();
    },
  };
}

/** Who an account is in ANYMARKET: the Marketplacer seller it sells as, its organisation (oi), account id and token. */
export interface AccountToActivate {
  sellerId: string;
  oi: string;
  idAccount: number;
  token: string;
}

/**
 * Activates an account once, with a connector (in this process) that then shuts down normally: the crash
 * suites' processes start from an account that exists, orders imported since 2020.
 */
export async function activateBeforeTheCrash(
  database: DatabaseTarget,
  simulatorUrl: string,
  env: Record<string, string>,
  listings: ListingsSimulator,
  account: AccountToActivate,
): Promise<ActivatedAccount> {
  const setup = await startConnector(database, simulatorUrl, env);
  try {
    return await new ListingsConnector(setup, listings).activate(account.sellerId, account.oi, account.idAccount, account.token, {
      initialDateForOrderImport: '2020-01-01',
    });
  } finally {
    await setup.close();
  }
}
