import { createServer } from 'node:net';
import { Logger } from '@nestjs/common';
import { loadConfig } from '#common';
import { AnymarketMarketplaceApi, anymarketConfigShape, HttpAnymarketMarketplaceApi, resolveAnymarketSettings, type AnymarketAccountContext } from '#anymarket';
import { startAnymarketSimulator, type AnymarketSimulatorTestApp } from '#test-support/simulator/anymarket-simulator-test-app';
import { DEFAULT_ACCOUNT_SETTINGS } from '../../accounts/account-settings.js';
import type { AccountsService, ActiveAnymarketAccount } from '../../accounts/accounts.service.js';
import { AnymarketAccountsCheck } from './anymarket-accounts.check.js';

const KNOWN_TOKEN = 'LG1620824269786R9896699';
const UNKNOWN_TOKEN = 'LG-revoked-or-never-issued';

function account(id: number, token: string | null, overrides: { useSandbox?: boolean; name?: string } = {}): ActiveAnymarketAccount {
  return {
    id,
    oi: '22449504.',
    idAccount: String(100 + id),
    settings: { ...DEFAULT_ACCOUNT_SETTINGS, accountName: overrides.name ?? `Conta ${id}`, useSandbox: overrides.useSandbox ?? false },
    anymarketToken: token,
    country: 'BR',
    seller: { linkId: id, sellerId: `U2VsbGVyLT${id}`, sellerLegacyId: id, businessName: `Loja ${id}` },
  };
}

/** The accounts context as the check reads it: the active ids, then each account (its token decrypted), or the decryption's failure. */
function accountsOf(entries: Array<ActiveAnymarketAccount | { id: number; error: Error }>): AccountsService {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return {
    listActiveAccountIds: () => Promise.resolve([...byId.keys()]),
    findActiveAccountById: (id: number) => {
      const entry = byId.get(id);
      if (entry && 'error' in entry) return Promise.reject(entry.error);
      return Promise.resolve(entry ?? null);
    },
  } as unknown as AccountsService;
}

/** A loopback port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  await new Promise<void>((closed) => server.close(() => closed()));
  return port;
}

/** The real marketplace-API client wrapped to count the calls in flight at once. */
class CountingApi extends HttpAnymarketMarketplaceApi {
  inFlight = 0;
  mostAtOnce = 0;

  override async getConfigurations(context: AnymarketAccountContext) {
    this.inFlight += 1;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.inFlight);
    try {
      return await super.getConfigurations(context);
    } finally {
      this.inFlight -= 1;
    }
  }
}

/** The check on the real marketplace-API client, against the simulated ANYMARKET in-process. */
describe('AnymarketAccountsCheck', () => {
  let sim: AnymarketSimulatorTestApp;
  let sandboxPort: number;

  function client(): CountingApi {
    const values = loadConfig(anymarketConfigShape, { ANYMARKET_RETRY_BASE_MS: '10', ANYMARKET_MAX_ATTEMPTS: '2' });
    const settings = resolveAnymarketSettings({ ...values, demoMode: true, simulatorUrl: sim.url });
    // Sandbox accounts go to a port nothing listens on: ANYMARKET unreachable for them only.
    return new CountingApi({ ...settings, sandboxApiUrl: `http://127.0.0.1:${sandboxPort}/marketplace/api` });
  }

  const check = (entries: Parameters<typeof accountsOf>[0], api: AnymarketMarketplaceApi = client()) =>
    new AnymarketAccountsCheck(accountsOf(entries), api).run();

  beforeAll(async () => {
    Logger.overrideLogger(false);
    sim = await startAnymarketSimulator();
    sandboxPort = await closedPort();
  });
  afterAll(() => sim?.close());
  beforeEach(async () => {
    await sim.control('POST', '/reset');
    expect((await sim.control('POST', '/tokens', { token: KNOWN_TOKEN })).status).toBe(201);
  });

  it('answers ok for accepted tokens, with one GET /configuration per account', async () => {
    const report = await check([account(1, KNOWN_TOKEN), account(2, 'demo-anymarket-token')]);
    expect(report).toMatchObject({ ok: true, call: 'GET /configuration', counts: { ok: 2, refused: 0, 'no-token': 0, unreachable: 0, failed: 0 }, note: null });
    expect(report.accounts).toEqual([
      {
        accountId: 1,
        idAccount: '101',
        oi: '22449504.',
        name: 'Conta 1',
        seller: { sellerId: 'U2VsbGVyLT1', businessName: 'Loja 1' },
        useSandbox: false,
        status: 'ok',
        httpStatus: null,
        message: null,
      },
      expect.objectContaining({ accountId: 2, status: 'ok' }),
    ]);
    const calls = await sim.calls();
    expect(calls.map((call) => [call.method, call.path, call.status])).toEqual([
      ['GET', '/anymarket/marketplace/api/configuration', 200],
      ['GET', '/anymarket/marketplace/api/configuration', 200],
    ]);
  });

  it('lists an account whose token ANYMARKET refuses as refused, telling the seller to save the module again, and is not ok', async () => {
    const report = await check([account(1, KNOWN_TOKEN), account(2, UNKNOWN_TOKEN, { name: 'Conta antiga' })]);
    expect(report.ok).toBe(false);
    expect(report.counts).toMatchObject({ ok: 1, refused: 1 });
    const refused = report.accounts.find((result) => result.accountId === 2)!;
    expect(refused).toMatchObject({ name: 'Conta antiga', idAccount: '102', status: 'refused', httpStatus: 401 });
    expect(refused.message).toMatch(/Token inválido.*the seller must save the module again in ANYMARKET/);
    // Refused once: a 401 is final, never retried.
    expect((await sim.calls()).filter((call) => call.status === 401)).toHaveLength(1);
  });

  it('never shows or logs a token', async () => {
    const lines: unknown[] = [];
    const keep = (...message: unknown[]) => void lines.push(message);
    Logger.overrideLogger({ log: keep, warn: keep, error: keep, debug: keep, verbose: keep, fatal: keep });
    try {
      const report = await check([account(1, KNOWN_TOKEN), account(2, UNKNOWN_TOKEN), account(3, null), account(4, KNOWN_TOKEN, { useSandbox: true })]);
      expect(report.counts).toMatchObject({ ok: 1, refused: 1, 'no-token': 1, unreachable: 1 });
      expect(lines.length).toBeGreaterThan(0);
      for (const text of [JSON.stringify(report), JSON.stringify(lines)]) {
        expect(text).not.toContain(KNOWN_TOKEN);
        expect(text).not.toContain(UNKNOWN_TOKEN);
      }
    } finally {
      Logger.overrideLogger(false);
    }
  });

  it('tells an unreachable ANYMARKET (network, 5xx) apart from a refusal: not the seller’s fault, and ok stays true', async () => {
    const network = await check([account(1, KNOWN_TOKEN), account(2, KNOWN_TOKEN, { useSandbox: true })]);
    expect(network.ok).toBe(true);
    expect(network.accounts.find((result) => result.accountId === 2)).toMatchObject({
      status: 'unreachable',
      httpStatus: null,
      message: expect.stringMatching(/could not be reached.*not the seller's doing/),
    });

    expect((await sim.control('POST', '/faults', { count: 2, status: 503, method: 'GET' })).status).toBe(204);
    const outage = await check([account(1, KNOWN_TOKEN)]);
    expect(outage).toMatchObject({ ok: true, counts: { unreachable: 1 } });
    expect(outage.accounts[0]).toMatchObject({ status: 'unreachable', httpStatus: 503 });
  });

  it('lists an account saved without a token as no-token (not ok), and one whose token cannot be decrypted as failed', async () => {
    const report = await check([account(1, null), { id: 2, error: new Error('Unsupported state or unable to authenticate data') }]);
    expect(report.ok).toBe(false);
    expect(report.accounts).toEqual([
      expect.objectContaining({ accountId: 1, status: 'no-token', message: expect.stringContaining('save the module again') }),
      expect.objectContaining({ accountId: 2, idAccount: null, status: 'failed', message: expect.stringContaining('could not be read') }),
    ]);
    expect(await sim.calls()).toEqual([]);
  });

  it('notes that a wrong appId may be why every token is refused', async () => {
    const report = await check([account(1, UNKNOWN_TOKEN), account(2, `${UNKNOWN_TOKEN}-2`)]);
    expect(report.note).toMatch(/ANYMARKET_APP_ID/);
  });

  it('checks a few accounts at a time, and skips one that stopped being active meanwhile', async () => {
    const api = client();
    // One token each, as sellers have: no account waits for another's request budget.
    const many = Array.from({ length: 12 }, (_, index) => account(index + 1, `${KNOWN_TOKEN}-${index}`));
    for (const { anymarketToken } of many) expect((await sim.control('POST', '/tokens', { token: anymarketToken })).status).toBe(201);
    const accounts = accountsOf(many);
    const ids = await accounts.listActiveAccountIds();
    accounts.listActiveAccountIds = () => Promise.resolve([...ids, 99]);
    const report = await new AnymarketAccountsCheck(accounts, api).run();
    expect(report.accounts.map((result) => result.accountId)).toEqual(ids);
    expect(report.counts.ok).toBe(12);
    expect(api.mostAtOnce).toBeGreaterThan(1);
    expect(api.mostAtOnce).toBeLessThanOrEqual(4);
  });

  it('reports nothing to check as ok', async () => {
    await expect(check([])).resolves.toMatchObject({ ok: true, accounts: [], counts: { ok: 0 } });
  });
});
