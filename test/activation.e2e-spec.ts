import { createHmac, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { tmpdir } from 'node:os';
import { DataSource } from 'typeorm';
import { ANYMARKET_TOKEN_HEADER, DEVELOPMENT_ONLY_PRIVATE_KEY_PEM, DEVELOPMENT_ONLY_PUBLIC_KEY_PEM, signAnymarketToken } from '#anymarket';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { callRemote } from '../apps/simulator/src/remote-caller/call-remote.js';
import { REMOTES } from '../apps/simulator/src/remote-caller/remotes.js';
import { http, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';
import { DOCS_EXAMPLE_SETTINGS } from '#test-support/connector/accounts/docs-example-settings';

/**
 * ANYMARKET module activation over HTTP, with nothing faked: the real simulator (Marketplacer half)
 * and the real connector in demo mode, called as ANYMARKET would by the remote caller, with tokens
 * signed by the development key the demo-mode connector trusts.
 */
const databases = await availableDatabases();
const OI = '22449504.';
const ATTACKER_OI = '66666666.';

interface SimulatedSeller {
  id: string;
  legacyId: number;
  accountType: string;
  online: boolean;
  deleted: boolean;
}

interface IssuedLink {
  id: number;
  storeId: string;
  secret: string;
}

const base64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const inFiveMinutes = () => Math.floor(Date.now() / 1000) + 300;

describe.each(databases)('ANYMARKET module activation end to end on %s', (kind) => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  const unused: SimulatedSeller[] = [];
  /** Shared by the end-to-end test and the at-rest check that follows it. */
  const sellerToken = `LG${randomBytes(12).toString('hex')}`;
  let e2eLink: IssuedLink | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(kind, tmpdir());
    // More sellers than the default seed, so every test links a seller of its own.
    simulator = await startSimulator({ SIMULATOR_SEED_SELLERS: '8' });
    connector = await startConnector(database.target, simulator.url);
    const state = await http<{ sellers: SimulatedSeller[] }>(`${simulator.url}/_control/marketplacer/state`);
    unused.push(...state.body.sellers.filter((seller) => seller.online && seller.accountType === 'RETAILER' && !seller.deleted));
  });

  afterAll(async () => {
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  /** An online RETAILER from the simulator, linked through the admin API. */
  async function linkOnlineRetailer(): Promise<IssuedLink> {
    const seller = unused.shift();
    if (!seller) throw new Error('the simulator has no unlinked online RETAILER left');
    const res = await http<{ id: number; storeId: string; integrationSecret: string; moduleScreenFields: Array<{ name: string; value: string }> }>(
      `${connector.url}/admin/seller-links`,
      { method: 'POST', headers: connector.admin, body: { sellerId: seller.id } },
    );
    expect(res.status).toBe(201);
    const field = (name: string) => res.body.moduleScreenFields.find((f) => f.name === name)?.value;
    expect(field('storeId')).toBe(String(seller.legacyId));
    expect(field('password')).toBe(res.body.integrationSecret);
    return { id: res.body.id, storeId: field('storeId')!, secret: field('password')! };
  }

  const bodyFor = (remote: 'testIntegration' | 'saveAccount', link: IssuedLink) =>
    REMOTES[remote].exampleBody({ storeId: link.storeId, password: link.secret, sellerToken });

  const sellerLink = async (id: number) =>
    (await http<{ anymarketOi: string | null }>(`${connector.url}/admin/seller-links/${id}`, { headers: connector.admin })).body;
  const accountsOf = async (oi: string) =>
    (await http<Array<Record<string, unknown>>>(`${connector.url}/admin/accounts?oi=${encodeURIComponent(oi)}`, { headers: connector.admin })).body;
  const accountRows = async () => Number((await connector.app.get(DataSource).query('SELECT COUNT(*) AS n FROM anymarket_account'))[0].n);

  /** A remote called with a raw `x-anymarket-token` value (or none), answering status and raw text. */
  async function remoteWithToken(
    remote: 'testIntegration' | 'saveAccount',
    token: string | undefined,
    body: unknown,
  ): Promise<{ status: number; text: string }> {
    const res = await fetch(`${connector.url}${REMOTES[remote].path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { [ANYMARKET_TOKEN_HEADER]: token }) },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  }

  it('links a seller, answers testIntegration and saveAccount true, and shows the account to admins without its secrets', async () => {
    const link = await linkOnlineRetailer();
    e2eLink = link;

    const tested = await callRemote({ connectorUrl: connector.url, remote: 'testIntegration', body: bodyFor('testIntegration', link), claims: { oi: OI } });
    expect(tested).toEqual({ status: 200, body: true });
    expect((await sellerLink(link.id)).anymarketOi).toBe(OI);

    const saved = await callRemote({ connectorUrl: connector.url, remote: 'saveAccount', body: bodyFor('saveAccount', link), claims: { oi: OI } });
    expect(saved).toEqual({ status: 200, body: true });

    const accounts = await accountsOf(OI);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({
      oi: OI,
      idAccount: '127',
      active: true,
      ...DOCS_EXAMPLE_SETTINGS,
      hasToken: true,
      seller: { linkId: link.id, linkStatus: 'active', sellerLegacyId: Number(link.storeId) },
    });
    const listed = JSON.stringify(await accountsOf(OI));
    expect(listed).not.toContain(sellerToken);
    expect(listed).not.toContain(link.secret);
    expect(listed).not.toMatch(/"token"|tokenEncrypted|secretHash|integrationSecret/);
  });

  it('keeps neither the ANYMARKET token nor the integration secret in clear in any column, nor in the logs', async () => {
    expect(e2eLink).toBeDefined();
    const dataSource = connector.app.get(DataSource);
    const accounts: Array<Record<string, unknown>> = await dataSource.query('SELECT * FROM anymarket_account');
    const links: Array<Record<string, unknown>> = await dataSource.query('SELECT * FROM seller_link');
    expect(accounts.some((row) => row.oi === OI && row.token_encrypted !== null)).toBe(true);
    expect(links.some((row) => row.id === e2eLink!.id || Number(row.id) === e2eLink!.id)).toBe(true);
    for (const row of [...accounts, ...links]) {
      for (const [column, value] of Object.entries(row)) {
        const text = value instanceof Date ? value.toISOString() : Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
        expect({ column, holdsToken: text.includes(sellerToken) }).toEqual({ column, holdsToken: false });
        expect({ column, holdsSecret: text.includes(e2eLink!.secret) }).toEqual({ column, holdsSecret: false });
      }
    }
    expect(connector.rawLogs()).not.toContain(sellerToken);
    expect(connector.rawLogs()).not.toContain(e2eLink!.secret);
  });

  it('answers testIntegration 401 false once the seller is deactivated in Marketplacer', async () => {
    const link = await linkOnlineRetailer();
    const call = () =>
      callRemote({ connectorUrl: connector.url, remote: 'testIntegration', body: bodyFor('testIntegration', link), claims: { oi: '11111111.' } });
    expect(await call()).toEqual({ status: 200, body: true });

    const sellerId = (await http<{ sellerId: string }>(`${connector.url}/admin/seller-links/${link.id}`, { headers: connector.admin })).body.sellerId;
    const patched = await http<SimulatedSeller>(`${simulator.url}/_control/marketplacer/sellers/${encodeURIComponent(sellerId)}`, {
      method: 'PATCH',
      body: { online: false },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.online).toBe(false);

    expect(await call()).toEqual({ status: 401, body: false });
    const saved = await callRemote({ connectorUrl: connector.url, remote: 'saveAccount', body: bodyFor('saveAccount', link), claims: { oi: '11111111.' } });
    expect(saved).toEqual({ status: 401, body: false });
    expect(await accountsOf('11111111.')).toEqual([]);
  });

  describe('refuses forged or broken tokens with 401 false and stores nothing', () => {
    let link: IssuedLink;
    const exp = inFiveMinutes();
    const claims = { oi: ATTACKER_OI, organization: 'Attacker', login: 'attacker@example.com', exp };
    const header = { alg: 'RS256', typ: 'JWT' };
    const rs256 = (payload: object, key: string) => {
      const input = `${base64url(header)}.${base64url(payload)}`;
      return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
    };

    const attacks: Array<[string, () => string | undefined]> = [
      ['no x-anymarket-token header', () => undefined],
      ['a malformed header', () => 'not-a-jwt'],
      ['an alg:none token', () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`],
      [
        'an HS256 token keyed with the public key PEM',
        () => {
          const input = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}`;
          return `${input}.${createHmac('sha256', DEVELOPMENT_ONLY_PUBLIC_KEY_PEM).update(input).digest('base64url')}`;
        },
      ],
      ['a token signed by another RSA key', () => signAnymarketToken(claims, { privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey })],
      ['an expired token', () => signAnymarketToken({ ...claims, exp: Math.floor(Date.now() / 1000) - 3600 })],
      [
        'a token whose oi was changed after signing',
        () => {
          const [encodedHeader, , signature] = signAnymarketToken({ ...claims, oi: OI }).split('.');
          return `${encodedHeader}.${base64url(claims)}.${signature}`;
        },
      ],
      ['a token without oi', () => rs256({ organization: 'Attacker', exp }, DEVELOPMENT_ONLY_PRIVATE_KEY_PEM)],
    ];

    beforeAll(async () => {
      link = await linkOnlineRetailer();
    });

    it.each(attacks)('%s', async (_name, token) => {
      const rowsBefore = await accountRows();
      const value = token();
      for (const remote of ['testIntegration', 'saveAccount'] as const) {
        const body = { ...(bodyFor(remote, link) as Record<string, unknown>), id: 900 };
        expect(await remoteWithToken(remote, value, body)).toEqual({ status: 401, text: 'false' });
      }
      expect(await accountRows()).toBe(rowsBefore);
      expect(await accountsOf(ATTACKER_OI)).toEqual([]);
      expect(await accountsOf(OI)).not.toContainEqual(expect.objectContaining({ idAccount: '900' }));
      expect((await sellerLink(link.id)).anymarketOi).toBeNull();
    });

    it('still answers true to a valid token with the same credentials (the refusals were the token)', async () => {
      const body = { ...(bodyFor('testIntegration', link) as Record<string, unknown>), id: 900 };
      expect(await remoteWithToken('testIntegration', signAnymarketToken({ ...claims, exp: inFiveMinutes() }), body)).toEqual({ status: 200, text: 'true' });
      expect((await sellerLink(link.id)).anymarketOi).toBe(ATTACKER_OI);
    });
  });
});
