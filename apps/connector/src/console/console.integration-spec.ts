import { tmpdir } from 'node:os';
import { jest } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { availableDatabases, createTestDatabase, until, type TestDatabase } from '#common/testing';
import { startConnectorTestApp, TEST_ADMIN_TOKEN, type ConnectorTestApp } from '#test-support/connector/connector-test-app';
import { AnymarketAccountEntity, SellerLinkEntity } from '../accounts/index.js';
import { AdminAuditEventEntity } from '../audit/index.js';
import { OrderEntity } from '../orders/index.js';
import { ListingEntity } from '../products/index.js';
import { ContractCheckService } from '../system/index.js';
import { ConsoleOverviewService, OVERVIEW_PAGE_SIZE } from './console-overview.service.js';

const databases = await availableDatabases();
const SELLERS = 1_000;
const HOSTILE_NAME = `<script>alert("pwned")</script> & Co`;
const STOP_REASON = `the seller is offline in Marketplacer <img src=x onerror=alert(1)>`;

/** The tables the overview reads, and how many statements each one got. */
const TABLES = ['seller_link', 'anymarket_account', 'anymarket_order', 'listing'] as const;

describe.each(databases)('the seller console on %s', (kind) => {
  let database: TestDatabase;
  let connector: ConnectorTestApp;
  let session: string;
  let csrf: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind, tmpdir());
    connector = await startConnectorTestApp(database.target, {});
    // The start's contract check reads the accounts: let it end before seeding and counting.
    const contract = connector.app.get(ContractCheckService);
    await until(() => contract.lastReport() !== null && !contract.isRunning(), 'the start contract check to end', 30_000);
    await seed(connector.app.get(DataSource));
    ({ session, csrf } = await signIn());
  }, 120_000);

  afterAll(async () => {
    await connector?.close();
    await database?.drop();
  });

  const http = () => request(connector.app.getHttpServer());

  async function signIn(): Promise<{ session: string; csrf: string }> {
    const signedIn = await http().post('/admin/console/sign-in').type('form').send({ token: TEST_ADMIN_TOKEN }).expect(303);
    expect(signedIn.headers.location).toBe('/admin/console');
    const cookie = cookiesOf(signedIn).find((each) => each.startsWith('console_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/admin\/console/);
    expect(cookie).not.toContain(TEST_ADMIN_TOKEN);
    const value = cookie.split(';')[0];
    const page = await http().get('/admin/console').set('Cookie', value).expect(200);
    return { session: value, csrf: /name="csrf" value="([^"]+)"/.exec(page.text)![1] };
  }

  it('sends a browser without a session to the sign-in form, and refuses a wrong token with the form again (401), logged', async () => {
    const away = await http().get('/admin/console?page=2').expect(303);
    expect(away.headers.location).toBe('/admin/console/sign-in');
    expect((await http().get('/admin/console/sellers/1').expect(303)).headers.location).toBe('/admin/console/sign-in');
    const form = await http().get('/admin/console/sign-in').expect(200);
    expect(form.headers['content-type']).toMatch(/text\/html/);
    expect(form.text).toContain('name="token"');

    const refused = await http().post('/admin/console/sign-in').type('form').send({ token: 'not-the-token' }).expect(401);
    expect(refused.text).toContain('That is not the admin token');
    expect(cookiesOf(refused)).toEqual([]);
    expect(connector.logs).toContainEqual(expect.objectContaining({ msg: 'console sign-in refused', cause: 'wrong admin credential' }));
    expect(connector.rawLogs()).not.toContain('not-the-token');
    await http().post('/admin/console/sign-in').type('form').send({}).expect(400);
    // A forged or tampered session is no session.
    const forged = `${session.slice(0, -3)}abc`;
    expect((await http().get('/admin/console').set('Cookie', forged).expect(303)).headers.location).toBe('/admin/console/sign-in');
    // A signed-in browser asking for the form goes to the overview.
    expect((await http().get('/admin/console/sign-in').set('Cookie', session).expect(303)).headers.location).toBe('/admin/console');
  });

  it('renders every seller across pages of 50, with a bounded number of queries per page whatever its size', async () => {
    const dataSource = connector.app.get(DataSource);
    const counts = await countQueries(dataSource, () => http().get('/admin/console').set('Cookie', session).expect(200));
    expect(counts).toEqual({ seller_link: expect.any(Number), anymarket_account: 1, anymarket_order: 1, listing: 1 });
    expect(counts.seller_link).toBeLessThanOrEqual(2);
    // The same statements for a page of 5 and a page of 200: nothing is asked per seller.
    const overview = connector.app.get(ConsoleOverviewService);
    expect(await countQueries(dataSource, () => overview.page('all', 1, 5))).toEqual(counts);
    expect(await countQueries(dataSource, () => overview.page('all', 1, 200))).toEqual(counts);

    const seen = new Set<string>();
    const pages = Math.ceil(SELLERS / OVERVIEW_PAGE_SIZE);
    for (let page = 1; page <= pages; page += 1) {
      const answer = await http().get(`/admin/console?page=${page}`).set('Cookie', session).expect(200);
      const ids = [...answer.text.matchAll(/data-seller-link="(\d+)"/g)].map((match) => match[1]);
      expect(ids).toHaveLength(OVERVIEW_PAGE_SIZE);
      for (const id of ids) seen.add(id);
      expect(answer.text).toContain(`Page ${page} of ${pages}`);
    }
    expect(seen.size).toBe(SELLERS);
    const beyond = await http()
      .get(`/admin/console?page=${pages + 1}`)
      .set('Cookie', session)
      .expect(200);
    expect(beyond.text).toContain('No seller on this page');
  });

  it('shows stopped sellers with their reason, escaped, and their counts', async () => {
    const stopped = await http().get('/admin/console?show=stopped').set('Cookie', session).expect(200);
    expect(stopped.text).toContain('(2 stopped)');
    expect(stopped.text).not.toContain('<script>alert');
    expect(stopped.text).not.toContain('<img src=x');
    expect(stopped.text).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; Co');
    expect(stopped.text).toContain('the seller is offline in Marketplacer &lt;img src=x onerror=alert(1)&gt;');
    expect(stopped.text).toContain('2 in error');
    expect(stopped.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it("shows a seller's page with its orders, listings in error and the actions' outcome in the audit trail", async () => {
    const page = await http().get('/admin/console/sellers/1').set('Cookie', session).expect(200);
    expect(page.text).toContain('&lt;script&gt;alert(&quot;pwned&quot;)');
    expect(page.text).toContain('/admin/console/sellers/1/orders/');
    expect(page.text).toContain('/admin/console/sellers/1/listings/');
    expect(page.text).toContain('listing broke &lt;b&gt;');

    const missing = await http().post('/admin/console/sellers/1/orders/999999/repush').set('Cookie', session).type('form').send({ csrf }).expect(303);
    expect(missing.headers.location).toBe('/admin/console/sellers/1');
    const flash = cookiesOf(missing)
      .find((each) => each.startsWith('console_flash='))!
      .split(';')[0];
    const after = await http().get('/admin/console/sellers/1').set('Cookie', `${session}; ${flash}`).expect(200);
    expect(after.text).toMatch(/class="flash error"[^>]*>[^<]*ORDER_NOT_FOUND/);
    expect(after.text).toContain('POST /admin/console/sellers/1/orders/999999/repush');
    const audit = await connector.app
      .get(DataSource)
      .getRepository(AdminAuditEventEntity)
      .findOneByOrFail({ path: '/admin/console/sellers/1/orders/999999/repush' });
    expect(audit).toMatchObject({ method: 'POST', statusCode: 404, errorCode: 'ORDER_NOT_FOUND' });

    const listing = await connector.app.get(DataSource).getRepository(ListingEntity).findOneByOrFail({ accountId: 1, state: 'error' });
    const resynced = await http().post(`/admin/console/sellers/1/listings/${listing.id}/resync`).set('Cookie', session).type('form').send({ csrf }).expect(303);
    const resyncedFlash = cookiesOf(resynced)
      .find((each) => each.startsWith('console_flash='))!
      .split(';')[0];
    const shown = await http().get('/admin/console/sellers/1').set('Cookie', `${session}; ${resyncedFlash}`).expect(200);
    expect(shown.text).toContain(`class="flash ok" role="status">Listing ${listing.id} (transmission 700) is queued for a full read again</p>`);
    // Read once: the next page has no message.
    expect(cookiesOf(shown).find((each) => each.startsWith('console_flash='))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(
      await connector.app
        .get(DataSource)
        .getRepository(AdminAuditEventEntity)
        .findOneByOrFail({ path: `/admin/console/sellers/1/listings/${listing.id}/resync` }),
    ).toMatchObject({
      statusCode: 303,
      errorCode: null,
    });
  });

  it('answers hostile input with a 4xx page, never a 5xx, and changes nothing', async () => {
    const pages = [
      '/admin/console?page=0',
      '/admin/console?page=abc',
      '/admin/console?page=99999999999',
      '/admin/console?page=1.5',
      '/admin/console?show=%3Cscript%3E',
      '/admin/console/sellers/abc',
      '/admin/console/sellers/0',
      '/admin/console/sellers/99999999999',
      '/admin/console/sellers/-1',
    ];
    for (const path of pages) {
      const answer = await http().get(path).set('Cookie', session);
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      expect(answer.headers['content-type']).toMatch(/text\/html/);
    }
    expect((await http().get('/admin/console/sellers/999999').set('Cookie', session)).status).toBe(404);

    const auditBefore = await connector.app.get(DataSource).getRepository(AdminAuditEventEntity).count();
    const actions = [
      '/admin/console/sellers/1/refresh',
      '/admin/console/webhook-events/replay-failed',
      `/admin/console/work/${'3f1c2a9e-8b7d-4c62-9e0f-5a4b3c2d1e0f'}/retry`,
    ];
    for (const path of actions) {
      expect((await http().post(path).type('form').send({ csrf })).status).toBe(401); // no session
      expect((await http().post(path).set('Cookie', session).type('form').send({})).status).toBe(403); // no CSRF token
      expect((await http().post(path).set('Cookie', session).type('form').send({ csrf: 'forged' })).status).toBe(403);
      expect((await http().post(path).set('Cookie', session).type('form').send('csrf=a&csrf=b&junk[x][y]=1')).status).toBe(403);
      expect((await http().post(path).set('Cookie', session).set('Content-Type', 'application/json').send('{not json')).status).toBe(400);
      expect((await http().post(path).set('Cookie', session).set('Content-Type', 'text/plain').send('csrf')).status).toBe(415);
    }
    expect((await http().post('/admin/console/work/not-a-uuid/retry').set('Cookie', session).type('form').send({ csrf })).status).toBe(400);
    expect((await http().post('/admin/console/sellers/abc/refresh').set('Cookie', session).type('form').send({ csrf })).status).toBe(400);
    expect((await http().post('/admin/console/sellers/1/orders/99999999999/repush').set('Cookie', session).type('form').send({ csrf })).status).toBe(400);
    expect(await connector.app.get(DataSource).getRepository(AdminAuditEventEntity).count()).toBe(auditBefore);
  });

  it('accepts the admin bearer token instead of a session (no CSRF token: no cookie to ride on), and signs out', async () => {
    const bearer = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    expect((await http().get('/admin/console').set(bearer)).status).toBe(200);
    expect((await http().post('/admin/console/webhook-events/replay-failed').set(bearer)).status).toBe(303);
    expect((await http().get('/admin/console').set({ Authorization: 'Bearer wrong' })).status).toBe(303);

    const out = await http().post('/admin/console/sign-out').set('Cookie', session).type('form').send({ csrf }).expect(303);
    expect(out.headers.location).toBe('/admin/console/sign-in');
    expect(cookiesOf(out).find((each) => each.startsWith('console_session='))).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it('keeps the console out of the OpenAPI document', async () => {
    const document = await http().get('/docs-json').expect(200);
    expect(Object.keys((document.body as { paths: Record<string, unknown> }).paths).filter((path) => path.includes('console'))).toEqual([]);
  });
});

function cookiesOf(answer: { headers: Record<string, unknown> }): string[] {
  const header = answer.headers['set-cookie'];
  return Array.isArray(header) ? (header as string[]) : [];
}

/** Statements per table of the overview while `work` runs (other tables, and background work, are left out). */
async function countQueries(dataSource: DataSource, work: () => Promise<unknown>): Promise<Record<(typeof TABLES)[number], number>> {
  const counts = Object.fromEntries(TABLES.map((table) => [table, 0])) as Record<(typeof TABLES)[number], number>;
  const spy = jest.spyOn(dataSource.logger, 'logQuery').mockImplementation((query: string) => {
    const from = /\bFROM\s+"?(\w+)"?/i.exec(query)?.[1];
    if (from && (TABLES as readonly string[]).includes(from)) counts[from as (typeof TABLES)[number]] += 1;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return counts;
}

/** 1,000 seller links with one account each; two stopped (one with a hostile name), and orders and listings for the first. */
async function seed(dataSource: DataSource): Promise<void> {
  const now = new Date();
  const links = Array.from({ length: SELLERS }, (_, index) => ({
    sellerId: `U2VsbGVyLT${index + 1}`,
    sellerLegacyId: index + 1,
    sellerBusinessName: index === 0 ? HOSTILE_NAME : `Seller ${index + 1}`,
    secretHash: 'x',
    createdAt: now,
    sellerInactiveReason: index === 0 || index === 500 ? STOP_REASON : null,
    sellerInactiveSince: index === 0 || index === 500 ? now : null,
  }));
  for (let at = 0; at < links.length; at += 100) await dataSource.getRepository(SellerLinkEntity).insert(links.slice(at, at + 100));
  const accounts = Array.from({ length: SELLERS }, (_, index) => ({
    oi: `${index + 1}.`,
    idAccount: String(5000 + index),
    sellerLinkId: index + 1,
    accountName: `Account ${index + 1}`,
    discountType: 'PERCENT' as const,
    discountValue: 0,
    priceFactor: 1,
    additionOfFreight: 0,
    createdAt: now,
    updatedAt: now,
  }));
  for (let at = 0; at < accounts.length; at += 100) await dataSource.getRepository(AnymarketAccountEntity).insert(accounts.slice(at, at + 100));
  const order = (index: number, state: 'error' | 'synced' | 'pending') => ({
    accountId: 1,
    invoiceId: `SW52b2ljZS0${index}`,
    marketPlaceId: String(10_000 + index),
    sellerId: 'U2VsbGVyLT1',
    targetStatus: 'PAID' as const,
    state,
    invoiceStatus: 'paid',
    invoiceUpdatedAt: now.toISOString(),
    invoiceJson: '{}',
    attempts: 0,
    lastError: state === 'error' ? 'ANYMARKET refused it <b>' : null,
    createdAt: now,
    updatedAt: now,
  });
  await dataSource.getRepository(OrderEntity).insert([order(1, 'error'), order(2, 'error'), order(3, 'synced')]);
  await dataSource.getRepository(ListingEntity).insert({
    accountId: 1,
    oi: '1.',
    idAccount: '5000',
    idSkuMarketplace: '700',
    state: 'error',
    requestedStatus: 'ACTIVE',
    readMode: 'full',
    requestSeq: 1,
    attempts: 1,
    lastError: 'listing broke <b>',
    createdAt: now,
    updatedAt: now,
  });
}
