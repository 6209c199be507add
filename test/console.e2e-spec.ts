import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestDatabase, eventually, type TestDatabase } from '#common/testing';
import { TEST_ADMIN_TOKEN } from '#test-support/connector/connector-test-app';
import { ListingsConnector } from './support/listings-connector.js';
import { ListingsSimulator } from './support/listings-simulator.js';
import { http, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

/**
 * The operators' console in a real browser: Debian's Chromium driven by playwright-core (no browser
 * download). A seller stopped in the simulated Marketplacer shows as stopped with its reason; after
 * it is restored there, its page's "Refresh from Marketplacer" shows it active again. Screenshots go
 * to test-output/console/ (CONSOLE_SCREENSHOT_DIR to put them elsewhere, e.g. docs/ for the README's).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = resolve(process.env.CONSOLE_SCREENSHOT_DIR ?? 'test-output/console');
const SLOW = 90_000;

if (!existsSync(CHROMIUM) && process.env.CI === 'true')
  throw new Error(`Chromium is required in CI: none at ${CHROMIUM} (set CHROMIUM_PATH, or apt-get install chromium)`);
if (!existsSync(CHROMIUM)) console.warn(`console e2e skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
const describeWithBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

interface OnboardedView {
  seller: { id: string; businessName: string };
  link: { id: number };
}

describeWithBrowser('the seller console in Chromium', () => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;
  let sim: ListingsSimulator;
  let app: ListingsConnector;
  let browser: Browser;
  let page: Page;
  let stopped: OnboardedView;

  beforeAll(async () => {
    simulator = await startSimulator({ SIMULATOR_SEED_SELLERS: '4' });
    sim = new ListingsSimulator(simulator.url);
    database = await createTestDatabase('sqlite', tmpdir());
    connector = await startConnector(database.target, simulator.url);
    app = new ListingsConnector(connector, sim);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    // A new context is a fresh, empty profile: no cookie from anything before.
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    // A missing element fails its step with a message well before the test's own timeout.
    page.setDefaultTimeout(15_000);
    mkdirSync(SCREENSHOTS, { recursive: true });

    // Two sellers onboarded and linked; one goes offline in Marketplacer and the sellers feed brings it home.
    const onboard = async (tag: string) =>
      (
        await http<OnboardedView>(`${connector.url}/admin/sellers`, {
          method: 'POST',
          headers: connector.admin,
          body: {
            requestId: `console-${tag}`,
            businessName: `Console ${tag} Outdoor`,
            legalBusinessName: `Console ${tag} Outdoor Pty Ltd`,
            phone: '+61 3 9000 0000',
            user: { firstName: 'Ana', surname: 'Souza', emailAddress: `${tag}@console.example` },
            address: { address: '10 Collins Street', city: 'Melbourne', postcode: '3000', state: 'VIC', countryCode: 'AU' },
          },
        })
      ).body;
    await onboard('active');
    stopped = await onboard('stopped');
    expect(await app.poll('sellers')).toMatchObject({ outcome: 'succeeded' });
    await sim.editSeller(stopped.seller.id, { online: false });
    expect(await app.poll('sellers')).toMatchObject({ outcome: 'succeeded', itemsFailed: 0 });
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  it('signs in with the admin token through the form', async () => {
    await page.goto(`${connector.url}/admin/console`);
    expect(new URL(page.url()).pathname).toBe('/admin/console/sign-in');
    await page.fill('input[name="token"]', 'not-the-token');
    await page.click('button[type="submit"]');
    expect(await page.textContent('[role="alert"]')).toContain('That is not the admin token');

    await page.fill('input[name="token"]', TEST_ADMIN_TOKEN);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${connector.url}/admin/console`);
    const cookies = await page.context().cookies();
    expect(cookies).toEqual([expect.objectContaining({ name: 'console_session', httpOnly: true, sameSite: 'Strict', path: '/admin/console' })]);
  });

  it('shows the seller stopped in Marketplacer as stopped, with its reason', async () => {
    await page.goto(`${connector.url}/admin/console`);
    const row = page.locator(`tr[data-seller-link="${stopped.link.id}"]`);
    expect(await row.locator('.badge').first().textContent()).toBe('stopped');
    expect(await row.locator('[data-reason]').textContent()).toBe('the seller is offline in Marketplacer');
    expect(await page.locator('tr[data-seller-link] .badge', { hasText: /^active$|^not activated$/ }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'console-overview.png'), fullPage: true });

    await page.click('a:text("stopped only")');
    expect(await page.locator('tr[data-seller-link]').count()).toBe(1);
  });

  it(
    "opens the seller's page, and the stopped seller's Retry shows it active again once Marketplacer has it online",
    async () => {
      await page.click(`tr[data-seller-link="${stopped.link.id}"] a`);
      await page.waitForURL(`${connector.url}/admin/console/sellers/${stopped.link.id}`);
      expect(await page.textContent('#standing')).toContain('the seller is offline in Marketplacer');
      await page.screenshot({ path: join(SCREENSHOTS, 'console-seller.png'), fullPage: true });

      // Still offline: the refresh reads it and says so.
      await page.click('#standing button:text("Refresh from Marketplacer")');
      expect(await page.textContent('.flash')).toContain('read from Marketplacer: the seller is offline in Marketplacer');

      // Back online in Marketplacer: the overview's Retry on the stopped seller's row reads it again.
      await sim.editSeller(stopped.seller.id, { online: true });
      await page.goto(`${connector.url}/admin/console`);
      await page.click(`tr[data-seller-link="${stopped.link.id}"] button:text("Retry")`);
      await page.waitForURL(`${connector.url}/admin/console/sellers/${stopped.link.id}`);
      expect(await page.textContent('.flash.ok')).toContain('read from Marketplacer: it may trade');
      expect(await page.locator('#standing .badge').first().textContent()).not.toBe('stopped');
      expect(await page.textContent('#standing')).not.toContain('offline');
      // The action is in the page's audit section, and the directory agrees.
      expect(await page.textContent('#actions')).toContain(`POST /admin/console/sellers/${stopped.link.id}/refresh`);
      await eventually(
        async () => (await http<{ inactiveReason: string | null }>(`${connector.url}/admin/sellers/${stopped.seller.id}`, { headers: connector.admin })).body,
        (seller) => seller.inactiveReason === null,
        'the directory to have the seller active',
      );
    },
    SLOW,
  );

  it('signs out', async () => {
    await page.click('header button:text("Sign out")');
    await page.waitForURL(`${connector.url}/admin/console/sign-in`);
    await page.goto(`${connector.url}/admin/console`);
    expect(new URL(page.url()).pathname).toBe('/admin/console/sign-in');
  });
});
