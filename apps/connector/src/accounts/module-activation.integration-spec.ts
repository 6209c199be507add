import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { startConnectorTestApp, TEST_ADMIN_TOKEN, type ConnectorTestApp } from '#test-support/connector/connector-test-app';
import { AccountsService } from './accounts.service.js';
import { anymarketTestAuth } from '#test-support/connector/accounts/anymarket-test-auth';
import { SimulatorInProcess } from '#test-support/connector/simulator-in-process';
import { DOCS_EXAMPLE_SETTINGS } from '#test-support/connector/accounts/docs-example-settings';

const docs = JSON.parse(readFileSync(resolve(process.cwd(), '../shared/anymarket/examples-from-docs.json'), 'utf8')) as Record<string, Record<string, unknown>>;
const openapi = JSON.parse(readFileSync(resolve(process.cwd(), '../shared/anymarket/examples-from-openapi.json'), 'utf8')) as Record<
  string,
  Record<string, { request: Record<string, Record<string, unknown>> }>
>;
const TEST_INTEGRATION_EXAMPLE = docs['remote POST /testIntegration request (ativacaoModulo.md)'];
const SAVE_ACCOUNT_EXAMPLE = docs['remote POST /saveAccount request (ativacaoModulo.md)'];
const SAVE_ACCOUNT_OPENAPI_EXAMPLE = openapi['REMOTE (ANYMARKET -> middleware)']['POST /saveAccount'].request['application/json :: example-1'];

const databases = await availableDatabases();
const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const OI = '22449504.';

describe.each(databases)('accounts: seller links and module activation on %s', (kind) => {
  let database: TestDatabase;
  let t: ConnectorTestApp;
  let http: ReturnType<typeof request>;
  let simulator: SimulatorInProcess;
  const anymarket = anymarketTestAuth();

  /** A fresh active seller in the simulated Marketplacer, linked by the admin API. */
  async function linkedSeller(overrides: { businessName?: string } = {}) {
    const seller = await simulator.newSeller(overrides);
    const res = await http.post('/admin/seller-links').set(admin).send({ sellerId: seller.id }).expect(201);
    return { seller, linkId: res.body.id as number, storeId: res.body.storeId as string, secret: res.body.integrationSecret as string };
  }

  const remote = (path: string, oi: string, body: Record<string, unknown>) => http.post(path).set('x-anymarket-token', anymarket.tokenFor(oi)).send(body);

  const activationBody = (storeId: string, password: string, extra: Record<string, unknown> = {}) => ({ ...SAVE_ACCOUNT_EXAMPLE, storeId, password, ...extra });

  function expectBareFalse(res: request.Response, status: number) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.text).toBe('false');
  }

  function expectBareTrue(res: request.Response) {
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.text).toBe('true');
  }

  const accountCount = async () => Number((await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM anymarket_account'))[0].n);

  beforeAll(async () => {
    simulator = await SimulatorInProcess.start();
    database = await createTestDatabase(kind, tmpdir());
    t = await startConnectorTestApp(database.target, { ...simulator.connectorEnv, ...anymarket.env }, [], { overrides: anymarket.overrides });
    http = request(t.app.getHttpServer());
  });

  afterAll(async () => {
    await t?.close();
    await database?.drop();
    await simulator?.stop();
  });

  afterEach(() => simulator.marketplacerRecovers());

  it('in demo mode keeps a generated encryption key in DATA_DIR, mode 0600', () => {
    const file = join(t.config.dataDir, 'encryption.key');
    expect(existsSync(file)).toBe(true);
    expect(t.logs.some((line) => String(line.msg).startsWith('DEMO MODE: ENCRYPTION_KEY is not set'))).toBe(true);
  });

  it('links a seller, answers testIntegration and saveAccount true, and shows the account to admins without secrets', async () => {
    const seller = await simulator.newSeller({ businessName: 'Acme Outdoor' });
    const storeId = String(seller.legacyId);
    // By legacy id, as an admin reads it in Marketplacer's portal: the canonical global id is stored.
    const created = await http.post('/admin/seller-links').set(admin).send({ sellerId: storeId }).expect(201);
    const secret: string = created.body.integrationSecret;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(created.body).toMatchObject({
      status: 'active',
      sellerId: seller.id,
      sellerLegacyId: seller.legacyId,
      sellerBusinessName: 'Acme Outdoor',
      storeId,
      anymarketOi: null,
      moduleScreenFields: [
        { name: 'storeId', value: storeId },
        { name: 'password', value: secret },
      ],
    });

    const listed = await http.get('/admin/seller-links').set(admin).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(listed.body)).not.toMatch(/secretHash|integrationSecret|s[12]:/);

    expectBareTrue(await remote('/testIntegration', OI, { ...TEST_INTEGRATION_EXAMPLE, storeId, password: secret }));
    const bound = await http.get(`/admin/seller-links/${created.body.id}`).set(admin).expect(200);
    expect(bound.body).toMatchObject({ anymarketOi: OI, status: 'active' });
    expect(bound.body).not.toHaveProperty('integrationSecret');

    expectBareTrue(await remote('/saveAccount', OI, activationBody(storeId, secret)));
    const accounts = await http
      .get(`/admin/accounts?oi=${encodeURIComponent(OI)}`)
      .set(admin)
      .expect(200);
    expect(accounts.body).toHaveLength(1);
    expect(accounts.body[0]).toMatchObject({
      oi: OI,
      idAccount: '127',
      active: true,
      ...DOCS_EXAMPLE_SETTINGS,
      country: null,
      hasToken: true,
      seller: { linkId: created.body.id, linkStatus: 'active', sellerId: seller.id, sellerLegacyId: seller.legacyId, sellerBusinessName: 'Acme Outdoor' },
    });
    const one = await http.get(`/admin/accounts/${accounts.body[0].id}`).set(admin).expect(200);
    for (const answer of [accounts.body, one.body]) {
      expect(JSON.stringify(answer)).not.toContain('LG1620824269786R9896699');
      expect(JSON.stringify(answer)).not.toContain(secret);
      expect(JSON.stringify(answer)).not.toMatch(/tokenEncrypted|v1:/);
    }

    // Other contexts get the decrypted token and the seller.
    const active = await t.app.get(AccountsService).findActiveAccount(OI, '127');
    expect(active).toMatchObject({
      oi: OI,
      idAccount: '127',
      anymarketToken: 'LG1620824269786R9896699',
      seller: { sellerId: seller.id, sellerLegacyId: seller.legacyId },
    });
    expect(await t.app.get(AccountsService).findActiveAccount(OI, 127)).not.toBeNull();
    expect(await t.app.get(AccountsService).findActiveAccount('99999.', '127')).toBeNull();
    expect((await t.app.get(AccountsService).listActiveAccountsOf(OI)).map((a) => a.idAccount)).toContain('127');
    expect(await t.app.get(AccountsService).listActiveAccountsOf('99999.')).toEqual([]);

    // At rest: neither the ANYMARKET token nor the seller secret in clear.
    const dataSource = t.app.get(DataSource);
    const accountRows = JSON.stringify(await dataSource.query('SELECT * FROM anymarket_account'));
    const linkRows = JSON.stringify(await dataSource.query('SELECT * FROM seller_link'));
    expect(accountRows).not.toContain('LG1620824269786R9896699');
    expect(accountRows).toMatch(/"v1:[^"]+"/);
    expect(linkRows).not.toContain(secret);
    expect(linkRows).toMatch(/"s2:[^"]+"/);
    // Nor in the logs.
    expect(t.rawLogs()).not.toContain(secret);
    expect(t.rawLogs()).not.toContain('LG1620824269786R9896699');
  });

  it('routes the remotes case-insensitively', async () => {
    const { storeId, secret } = await linkedSeller();
    expectBareTrue(await remote('/testintegration', '1001.', { storeId, password: secret }));
    expectBareTrue(await remote('/SAVEACCOUNT', '1001.', activationBody(storeId, secret, { id: 9001 })));
  });

  it('answers 401 false to a missing, forged or expired token', async () => {
    const { storeId, secret } = await linkedSeller();
    expectBareFalse(await http.post('/testIntegration').send({ storeId, password: secret }), 401);
    expectBareFalse(await http.post('/testIntegration').set('x-anymarket-token', anymarket.forgedTokenFor('1002.')).send({ storeId, password: secret }), 401);
    const expired = anymarket.tokenFor('1002.', { expiresInSeconds: -3600 });
    expectBareFalse(await http.post('/saveAccount').set('x-anymarket-token', expired).send(activationBody(storeId, secret)), 401);
  });

  it('answers 401 false to a wrong password, an unknown store id or missing fields, and logs why without the secret', async () => {
    const { storeId, secret } = await linkedSeller();
    expectBareFalse(await remote('/testIntegration', '1003.', { storeId, password: `${secret}x` }), 401);
    expectBareFalse(await remote('/testIntegration', '1003.', { storeId: '999999', password: secret }), 401);
    expectBareFalse(await remote('/testIntegration', '1003.', { storeId }), 401);
    expectBareFalse(await remote('/testIntegration', '1003.', { login: storeId, senha: secret }), 401);
    expectBareFalse(await remote('/saveAccount', '1003.', activationBody(storeId, 'wrong')), 401);
    const reasons = t.logs.filter((line) => line.msg === 'activation refused: seller not identified').map((line) => line.reason);
    expect(reasons).toEqual(expect.arrayContaining(['wrong password for the store id', 'no active seller link has this store id']));
    expect(t.rawLogs()).not.toContain(secret);
    // A megabyte of store id is refused like any other, and logged cut short.
    expectBareFalse(await remote('/testIntegration', '1003.', { storeId: '7'.repeat(1024 * 1024), password: secret }), 401);
    expect(
      Math.max(
        ...t
          .rawLogs()
          .split('\n')
          .map((line) => line.length),
      ),
    ).toBeLessThan(8 * 1024);
    // None of the refusals bound the link.
    const links = await http.get('/admin/seller-links').set(admin).expect(200);
    expect(links.body.find((l: { storeId: string }) => l.storeId === storeId).anymarketOi).toBeNull();
  });

  it('answers 401 false while the Marketplacer seller is inactive, and true again once it is active', async () => {
    const { seller, storeId, secret } = await linkedSeller();
    await simulator.setSellerActive(seller.id, false);
    expectBareFalse(await remote('/testIntegration', '1004.', { storeId, password: secret }), 401);
    expectBareFalse(await remote('/saveAccount', '1004.', activationBody(storeId, secret)), 401);
    await simulator.setSellerActive(seller.id, true);
    expectBareTrue(await remote('/testIntegration', '1004.', { storeId, password: secret }));
  });

  it('answers false with the upstream status when Marketplacer cannot be asked', async () => {
    const { storeId, secret } = await linkedSeller();
    await simulator.marketplacerFails(503);
    expectBareFalse(await remote('/testIntegration', '1005.', { storeId, password: secret }), 503);
  });

  it('never lets a second organisation claim a bound link', async () => {
    const { storeId, secret, linkId } = await linkedSeller();
    expectBareTrue(await remote('/testIntegration', '1006.', { storeId, password: secret }));
    expectBareFalse(await remote('/testIntegration', '6666.', { storeId, password: secret }), 401);
    expectBareFalse(await remote('/saveAccount', '6666.', activationBody(storeId, secret)), 401);
    // Not even with the trailing dot dropped: oi is compared verbatim.
    expectBareFalse(await remote('/testIntegration', '1006', { storeId, password: secret }), 401);
    const link = await http.get(`/admin/seller-links/${linkId}`).set(admin).expect(200);
    expect(link.body.anymarketOi).toBe('1006.');
    expect((await http.get('/admin/accounts?oi=6666.').set(admin).expect(200)).body).toEqual([]);
  });

  it('rotates a secret: the old one stops working, the new one works, the binding stays', async () => {
    const { storeId, secret, linkId } = await linkedSeller();
    expectBareTrue(await remote('/testIntegration', '1007.', { storeId, password: secret }));
    const rotated = await http.post(`/admin/seller-links/${linkId}/rotate-secret`).set(admin).expect(200);
    const fresh: string = rotated.body.integrationSecret;
    expect(fresh).not.toBe(secret);
    expect(rotated.body.moduleScreenFields).toEqual([
      { name: 'storeId', value: storeId },
      { name: 'password', value: fresh },
    ]);
    expect(rotated.body).toMatchObject({ anymarketOi: '1007.', secretRotatedAt: expect.any(String) });
    expectBareFalse(await remote('/testIntegration', '1007.', { storeId, password: secret }), 401);
    expectBareTrue(await remote('/testIntegration', '1007.', { storeId, password: fresh }));
  });

  it('revokes a link: it stops authenticating and its accounts stay stored but inactive', async () => {
    const { seller, storeId, secret, linkId } = await linkedSeller();
    expectBareTrue(await remote('/saveAccount', '1008.', activationBody(storeId, secret, { id: 8001 })));
    expectBareTrue(await remote('/saveAccount', '1008.', activationBody(storeId, secret, { id: 8002 })));
    const revoked = await http.delete(`/admin/seller-links/${linkId}`).set(admin).expect(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expectBareFalse(await remote('/testIntegration', '1008.', { storeId, password: secret }), 401);
    expectBareFalse(await remote('/saveAccount', '1008.', activationBody(storeId, secret, { id: 8001 })), 401);
    const accounts = await http.get('/admin/accounts?oi=1008.').set(admin).expect(200);
    expect(accounts.body.map((a: { idAccount: string; active: boolean }) => [a.idAccount, a.active])).toEqual([
      ['8001', false],
      ['8002', false],
    ]);
    expect(accounts.body[0].seller.linkStatus).toBe('revoked');
    expect(await t.app.get(AccountsService).findActiveAccount('1008.', '8001')).toBeNull();
    await http.post(`/admin/seller-links/${linkId}/rotate-secret`).set(admin).expect(409);
    expect((await http.delete(`/admin/seller-links/${linkId}`).set(admin).expect(200)).body.revokedAt).toBe(revoked.body.revokedAt);
    expect((await http.get('/admin/seller-links?status=revoked').set(admin).expect(200)).body.map((l: { id: number }) => l.id)).toContain(linkId);

    // The seller can be linked again; the new link starts unbound, and re-saving the account moves it over.
    const relinked = await http.post('/admin/seller-links').set(admin).send({ sellerId: seller.id }).expect(201);
    expect(relinked.body.anymarketOi).toBeNull();
    expectBareTrue(await remote('/saveAccount', '1008.', activationBody(storeId, relinked.body.integrationSecret, { id: 8001 })));
    const moved = await http.get('/admin/accounts?oi=1008.&active=true').set(admin).expect(200);
    expect(moved.body.map((a: { idAccount: string; seller: { linkId: number } }) => [a.idAccount, a.seller.linkId])).toEqual([['8001', relinked.body.id]]);
  });

  it('answers a malformed saveAccount 400 false and stores nothing', async () => {
    const { storeId, secret } = await linkedSeller();
    const before = await accountCount();
    for (const bad of [
      { discountType: 'PERCENTAGE' },
      { priceFactor: 'abc' },
      { initialDateOrderImport: '31-02-2022' },
      { initialDateForOrderImport: 'dd-MM-yyyy' },
      { active: 'yes' },
      { id: null },
      { id: '127' },
      { user: { token: 42 } },
      { user: 'LG123' },
      // Numbers that make no sense: an absurd factor, a discount that gives items away, negative freight.
      { priceFactor: 1e308 },
      { priceFactor: -1 },
      { discountValue: 1e308 },
      { discountType: 'PERCENT', discountValue: 100 },
      { discountType: 'VALUE', discountValue: -5 },
      { additionOfFreight: -10 },
      { accountName: 'a\u0000b' },
      { accountName: 'x'.repeat(256) },
    ]) {
      expectBareFalse(await remote('/saveAccount', '1009.', activationBody(storeId, secret, bad)), 400);
    }
    const noId = { ...activationBody(storeId, secret) } as Record<string, unknown>;
    delete noId.id;
    expectBareFalse(await remote('/saveAccount', '1009.', noId), 400);
    expect(await accountCount()).toBe(before);
  });

  it('accepts tolerant bodies: extras, the OpenAPI example, ISO dates, either date key', async () => {
    const { storeId, secret } = await linkedSeller();
    expectBareTrue(await remote('/testIntegration', '1010.', { ...TEST_INTEGRATION_EXAMPLE, storeId, password: secret, somethingNew: { nested: [1] } }));
    expectBareTrue(await remote('/saveAccount', '1010.', { ...SAVE_ACCOUNT_OPENAPI_EXAMPLE, storeId, password: secret, marketplace: 'X', fields: ['a'] }));
    expectBareTrue(
      await remote(
        '/saveAccount',
        '1010.',
        activationBody(storeId, secret, {
          id: 2,
          initialDateOrderImport: undefined,
          initialDateForOrderImport: '2019-08-24T10:00:00-03:00',
          user: { token: 'T2', country: 'BR', extra: true },
        }),
      ),
    );
    const accounts = await http.get('/admin/accounts?oi=1010.').set(admin).expect(200);
    expect(
      accounts.body.map((a: { idAccount: string; initialOrderImportDate: string | null; country: string | null; useSandbox: boolean }) => [
        a.idAccount,
        a.initialOrderImportDate,
        a.country,
        a.useSandbox,
      ]),
    ).toEqual([
      ['1', null, null, true],
      ['2', '2019-08-24', 'BR', false],
    ]);
  });

  it('keeps several accounts per organisation; active:false deactivates one; an update without user keeps the token', async () => {
    const { storeId, secret } = await linkedSeller();
    expectBareTrue(
      await remote('/saveAccount', '1011.', activationBody(storeId, secret, { id: 11, accountName: 'One', user: { token: 'TOKEN-ONE', country: null } })),
    );
    expectBareTrue(
      await remote('/saveAccount', '1011.', activationBody(storeId, secret, { id: 12, accountName: 'Two', user: { token: 'TOKEN-TWO', country: null } })),
    );
    const accounts = t.app.get(AccountsService);
    expect((await accounts.findActiveAccount('1011.', '11'))?.anymarketToken).toBe('TOKEN-ONE');
    expect((await accounts.findActiveAccount('1011.', '12'))?.anymarketToken).toBe('TOKEN-TWO');

    expectBareTrue(await remote('/saveAccount', '1011.', activationBody(storeId, secret, { id: 12, active: false, accountName: 'Two (off)', user: null })));
    expect(await accounts.findActiveAccount('1011.', '12')).toBeNull();
    const listed = await http.get('/admin/accounts?oi=1011.').set(admin).expect(200);
    expect(
      listed.body.map((a: { idAccount: string; active: boolean; accountName: string; hasToken: boolean }) => [
        a.idAccount,
        a.active,
        a.accountName,
        a.hasToken,
      ]),
    ).toEqual([
      ['11', true, 'One', true],
      ['12', false, 'Two (off)', true],
    ]);
    expect((await http.get('/admin/accounts?oi=1011.&active=false').set(admin).expect(200)).body).toHaveLength(1);

    expectBareTrue(await remote('/saveAccount', '1011.', activationBody(storeId, secret, { id: 12, active: true, user: undefined })));
    expect((await accounts.findActiveAccount('1011.', '12'))?.anymarketToken).toBe('TOKEN-TWO');
  });

  it('lets an admin deactivate an account', async () => {
    const { storeId, secret } = await linkedSeller();
    expectBareTrue(await remote('/saveAccount', '1012.', activationBody(storeId, secret, { id: 1201 })));
    const [account] = (await http.get('/admin/accounts?oi=1012.').set(admin).expect(200)).body;
    const res = await http.post(`/admin/accounts/${account.id}/deactivate`).set(admin).expect(200);
    expect(res.body).toMatchObject({ id: account.id, active: false, hasToken: true });
    expect(await t.app.get(AccountsService).findActiveAccount('1012.', '1201')).toBeNull();
    await http.post('/admin/accounts/999999/deactivate').set(admin).expect(404);
  });

  it('refuses links to unknown, inactive or already linked sellers, and surfaces Marketplacer failures', async () => {
    const notFound = await http.post('/admin/seller-links').set(admin).send({ sellerId: '424242' }).expect(404);
    expect(notFound.body.error.code).toBe('SELLER_NOT_FOUND');
    const inactive = await simulator.newSeller({ active: false });
    const refused = await http.post('/admin/seller-links').set(admin).send({ sellerId: inactive.id }).expect(422);
    expect(refused.body.error.code).toBe('SELLER_INACTIVE');
    const { seller, linkId } = await linkedSeller();
    const duplicate = await http
      .post('/admin/seller-links')
      .set(admin)
      .send({ sellerId: String(seller.legacyId) })
      .expect(409);
    expect(duplicate.body.error).toMatchObject({ code: 'SELLER_ALREADY_LINKED', details: [{ field: 'sellerId', messages: [`active link ${linkId}`] }] });
    await simulator.marketplacerFails(503);
    const down = await http.post('/admin/seller-links').set(admin).send({ sellerId: '1' }).expect(503);
    expect(down.body.error.code).toBe('MARKETPLACER_UNAVAILABLE');
    await http.get('/admin/seller-links/999999').set(admin).expect(404);
    await http.post('/admin/seller-links/999999/rotate-secret').set(admin).expect(404);
  });

  it('guards the admin routes and validates their inputs', async () => {
    for (const [method, path] of [
      ['get', '/admin/seller-links'],
      ['post', '/admin/seller-links'],
      ['get', '/admin/seller-links/1'],
      ['post', '/admin/seller-links/1/rotate-secret'],
      ['delete', '/admin/seller-links/1'],
      ['get', '/admin/accounts'],
      ['get', '/admin/accounts/1'],
      ['post', '/admin/accounts/1/deactivate'],
    ] as const) {
      const res = await http[method](path).expect(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    const invalid = await http.post('/admin/seller-links').set(admin).send({ sellerId: '' }).expect(400);
    expect(invalid.body.error.details.map((d: { field: string }) => d.field)).toEqual(['sellerId']);
    await http.post('/admin/seller-links').set(admin).send({ sellerId: 'a b"c' }).expect(400);
    await http.post('/admin/seller-links').set(admin).send({}).expect(400);
    expect((await http.get('/admin/seller-links?status=bogus').set(admin).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await http.get('/admin/accounts?active=maybe').set(admin).expect(400)).body.error.details[0].field).toBe('active');
    await http.get('/admin/accounts/abc').set(admin).expect(400);
    await http.delete('/admin/seller-links/abc').set(admin).expect(400);
  });

  it('documents every route with its security and the bare boolean answers', async () => {
    const doc = (await http.get('/docs-json').expect(200)).body;
    for (const path of ['/testIntegration', '/saveAccount']) {
      const op = doc.paths[path].post;
      expect(op.security).toEqual([{ 'x-anymarket-token': [] }]);
      expect(op.responses['200'].content['application/json'].schema).toEqual({ type: 'boolean', example: true });
      expect(op.responses['401'].content['application/json'].schema).toEqual({ type: 'boolean', example: false });
    }
    expect(doc.paths['/saveAccount'].post.responses['400'].content['application/json'].schema).toEqual({ type: 'boolean', example: false });
    for (const path of [
      '/admin/seller-links',
      '/admin/seller-links/{id}',
      '/admin/seller-links/{id}/rotate-secret',
      '/admin/accounts',
      '/admin/accounts/{id}',
      '/admin/accounts/{id}/deactivate',
    ]) {
      for (const op of Object.values(doc.paths[path]) as Array<{ security: unknown }>) expect(op.security).toEqual([{ admin: [] }]);
    }
    expect(doc.components.schemas.AnymarketAccountDto.properties).not.toHaveProperty('token');
    expect(doc.components.schemas.IssuedSellerLinkDto.required).toContain('integrationSecret');
  });
});

describe('accounts: configurable module-screen field names', () => {
  let database: TestDatabase;
  let t: ConnectorTestApp;
  let simulator: SimulatorInProcess;
  const anymarket = anymarketTestAuth();

  beforeAll(async () => {
    simulator = await SimulatorInProcess.start();
    database = await createTestDatabase('sqlite', tmpdir());
    t = await startConnectorTestApp(
      database.target,
      { ...simulator.connectorEnv, ...anymarket.env, ACCOUNT_AUTH_FIELD_STORE_ID: 'login', ACCOUNT_AUTH_FIELD_PASSWORD: 'senha' },
      [],
      { overrides: anymarket.overrides },
    );
  });

  afterAll(async () => {
    await t?.close();
    await database?.drop();
    await simulator?.stop();
  });

  it('reads login/senha and shows those names to the admin', async () => {
    const http = request(t.app.getHttpServer());
    const seller = await simulator.newSeller();
    const login = String(seller.legacyId);
    const created = await http.post('/admin/seller-links').set(admin).send({ sellerId: seller.id }).expect(201);
    const secret = created.body.integrationSecret;
    expect(created.body.moduleScreenFields).toEqual([
      { name: 'login', value: login },
      { name: 'senha', value: secret },
    ]);
    const call = (body: Record<string, unknown>) => http.post('/testIntegration').set('x-anymarket-token', anymarket.tokenFor(OI)).send(body);
    expect((await call({ ...TEST_INTEGRATION_EXAMPLE, login, senha: secret })).text).toBe('true');
    expect((await call({ storeId: login, password: secret })).status).toBe(401);
  });
});
