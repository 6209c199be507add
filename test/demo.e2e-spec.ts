import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '#common/testing';
import { DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY } from '#marketplacer';
import { TEST_ADMIN_TOKEN } from '#test-support/connector/connector-test-app';
import { http, startConnector, startSimulator, type ConnectorUnderTest, type Listening } from './support/stack.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT_DEADLINE_MS = 90_000;

/** The bash block of the README's "Try it" section, as a reader copies it. */
function walkThrough(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Try it: the demo walk-through'));
  const block = /```bash\n([\s\S]*?)\n```/.exec(section);
  if (!block) throw new Error('README has no bash block under "Try it"');
  return block[1];
}

/** Runs a bash script from the project's folder (npm scripts need it), bounded; answers its exit code and output. */
function runBash(script: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), SCRIPT_DEADLINE_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * The README's demo walk-through, run as written: only its first line (where the connector, the
 * simulator and the admin token are) points at this test's own instances. No hand-made data: the
 * admin API, the remote caller's example bodies and the simulator's seed.
 */
describe('demo walk-through', () => {
  let database: TestDatabase;
  let simulator: Listening;
  let connector: ConnectorUnderTest;

  beforeAll(async () => {
    simulator = await startSimulator();
    database = await createTestDatabase('sqlite', tmpdir());
    connector = await startConnector(database.target, simulator.url);
    // As `npm start` wires them: the simulator delivers its webhooks to the connector, signed with the demo key.
    const wired = await http(`${simulator.url}/_control/marketplacer/webhooks`, {
      method: 'PUT',
      body: { url: `${connector.url}/webhooks/marketplacer`, hmacKey: DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY },
    });
    expect(wired.status).toBe(200);
  });

  afterAll(async () => {
    await connector?.close();
    await simulator?.close();
    await database?.drop();
  });

  it(
    "runs the README's block as written, twice: links a seller, activates the module, publishes both spec products, reports an unpublish, makes a sale an ANYMARKET order and ships it back, calls a remote",
    async () => {
      const [settings, ...rest] = walkThrough().split('\n');
      expect(settings).toBe('C=http://localhost:3000 S=http://localhost:3001 ADMIN=$(cat data/admin-token)');
      const script = [`C=${connector.url} S=${simulator.url} ADMIN=${TEST_ADMIN_TOKEN}`, ...rest].join('\n');
      // Pasted twice: the second run finds the seller linked and issues its secret anew, and makes a second sale.
      for (const round of [1, 2]) {
        const run = await runBash(script);
        expect({ round, code: run.code, output: run.code === 0 ? '' : run.output }).toEqual({ round, code: 0, output: '' });
        expect(run.output).not.toContain('refused:');
        // The sync trigger waited for its outcome, and the remote called with the printed token answered the brands.
        expect(run.output).toMatch(/"outcome": "succeeded"/);
        expect(run.output).toMatch(/\[\s*\{\s*"codeInMarketplace": "[^"]+",\s*"name": "[^"]+"/);
        expect(run.output).not.toContain(TEST_ADMIN_TOKEN);
        // The unpublish came as a signed Advert webhook, stored and processed.
        expect(run.output).toMatch(/"type": "Advert",\s*"state": "processed"/);
        // The sale's timeline, printed: created in ANYMARKET, SHIPPED back as a Marketplacer shipment, acknowledged.
        expect(run.output).toContain('anymarket POST /orders: ANYMARKET order');
        expect(run.output).toMatch(/marketplacer shipmentCreate: shipment \S+: Correios .*BR123456789/);
        expect(run.output).toContain('anymarket transmissionStatus: success');
      }

      // Both listings synced, on one account of seller 3.
      const listings = (
        await http<Array<{ idSkuMarketplace: string; state: string; lastError: string | null }>>(`${connector.url}/admin/listings`, {
          headers: connector.admin,
        })
      ).body;
      expect(listings.map((row) => [row.idSkuMarketplace, row.state, row.lastError]).sort()).toEqual([
        ['61233', 'synced', null],
        ['61234', 'synced', null],
      ]);
      // ANYMARKET was told ACTIVE for both, then PAUSED for the unpublished one (the sold one's stock change follows the sale).
      const calls = (await http<{ calls: Array<{ method: string; path: string; body: Record<string, unknown> }> }>(`${simulator.url}/_control/anymarket/calls`))
        .body.calls;
      const puts = calls
        .filter((call) => call.method === 'PUT' && call.path.includes('/skumarketplace/'))
        .map((call) => [call.path.split('/').pop(), call.body.status, call.body.transmissionStatus]);
      expect(puts).toEqual(
        expect.arrayContaining([
          ['61234', 'ACTIVE', 'OK'],
          ['61233', 'ACTIVE', 'OK'],
        ]),
      );
      expect(puts.filter(([sku]) => sku === '61234').at(-1)).toEqual(['61234', 'PAUSED', 'OK']);
      // Two sales, one per run: each an ANYMARKET order, SHIPPED there and shipped in Marketplacer.
      const orders = (
        await http<Array<{ anymarketStatus: string; invoiceStatus: string; state: string }>>(`${connector.url}/admin/orders`, { headers: connector.admin })
      ).body;
      expect(orders.map((order) => [order.anymarketStatus, order.invoiceStatus, order.state])).toEqual([
        ['SHIPPED', 'SENT', 'synced'],
        ['SHIPPED', 'SENT', 'synced'],
      ]);
      const held = (await http<{ orders: Array<{ order: { status: string; transmissionStatus: string } }> }>(`${simulator.url}/_control/anymarket/orders`)).body
        .orders;
      expect(held.map(({ order }) => [order.status, order.transmissionStatus])).toEqual([
        ['SHIPPED', 'OK'],
        ['SHIPPED', 'OK'],
      ]);
    },
    2 * SCRIPT_DEADLINE_MS + 10_000,
  );
});
