import { tmpdir } from 'node:os';
import request from 'supertest';
import type { SkuMarketplace } from '#anymarket';
import { createTestDatabase, type TestDatabase } from '#common/testing';
import { anymarketTestAuth } from '../accounts/anymarket-test-auth.js';
import { startConnectorTestApp, TEST_ADMIN_TOKEN, type ConnectorTestApp } from '../connector-test-app.js';
import { SimulatorInProcess } from '../simulator-in-process.js';
import { ListingWork } from '../../../../apps/connector/src/products/listings.queue.js';
import { ListingStore } from '../../../../apps/connector/src/products/listing.store.js';
import { SimulatedAnymarket } from './simulated-anymarket.js';
import { SimulatedCatalog, type TestTaxonomy } from './simulated-catalog.js';
import { newPublicationNotice, simpleTransmission } from './spec-examples.js';

export const ADMIN = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

export interface TestAccount {
  id: number;
  oi: string;
  idAccount: number;
  sellerId: string;
  token: string;
}

/**
 * The connector on a fresh database, against the simulator started in this process (ANYMARKET's
 * marketplace API, Marketplacer's catalogue, taxonomy and sellers), one per test file. Accounts are
 * activated through the real remotes.
 */
export class ListingsTestKit {
  readonly auth = anymarketTestAuth();
  simulator!: SimulatorInProcess;
  /** Marketplacer's catalogue: what the connector asked, the adverts it made, the operator's edits, faults. */
  catalog!: SimulatedCatalog;
  /** ANYMARKET's marketplace API: transmissions, and the calls the connector made. */
  anymarket!: SimulatedAnymarket;
  /** The simulated taxonomy the transmissions are mapped to. */
  taxonomy!: TestTaxonomy;
  app!: ConnectorTestApp;
  private database!: TestDatabase;

  static async start(kind: 'sqlite' | 'postgres', env: Record<string, string> = {}): Promise<ListingsTestKit> {
    const kit = new ListingsTestKit();
    // No seeded adverts or invoices: the change feed holds only what the tests make.
    kit.simulator = await SimulatorInProcess.start({ SIMULATOR_SEED_ADVERTS: '0', SIMULATOR_SEED_INVOICES: '0' });
    kit.catalog = new SimulatedCatalog(kit.simulator);
    kit.anymarket = new SimulatedAnymarket(kit.simulator);
    kit.taxonomy = kit.catalog.taxonomy();
    kit.database = await createTestDatabase(kind, tmpdir());
    kit.app = await startConnectorTestApp(
      kit.database.target,
      { ...kit.simulator.connectorEnv, SYNC_ENABLED: 'false', LISTING_RETRY_BASE_MS: '5', LISTING_MAX_ATTEMPTS: '3', ...kit.auth.env, ...env },
      [],
      { overrides: kit.auth.overrides },
    );
    await kit.reset();
    return kit;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.database?.drop();
    await this.simulator?.stop();
  }

  /** Empty request and call logs, no faults; adverts made from now on are this test's. */
  async reset(): Promise<void> {
    await this.catalog.reset();
    await this.anymarket.reset();
  }

  get http() {
    return request(this.app.app.getHttpServer());
  }

  /** Listing work as tests drive it: wait for it, queue one listing now, re-queue what is unfinished (recovery). */
  get queue() {
    const work = this.app.app.get(ListingWork);
    return {
      /** Waits until no listing work is waiting, due later or running (the id names what the test waits for). */
      whenIdle: (_listingId?: number) => work.whenIdle(),
      kick: async (listingId: number) => work.enqueue((await this.store.get(listingId))!),
      recover: () => work.requeueUnfinished(),
    };
  }

  get store(): ListingStore {
    return this.app.app.get(ListingStore);
  }

  /** Links a new seller and runs testIntegration + saveAccount for it, as ANYMARKET would. */
  async activateAccount(oi: string, idAccount: number, settings: Record<string, unknown> = {}): Promise<TestAccount> {
    const seller = await this.simulator.newSeller();
    const link = await this.http.post('/admin/seller-links').set(ADMIN).send({ sellerId: seller.id }).expect(201);
    const credentials = { storeId: link.body.storeId, password: link.body.integrationSecret };
    await this.remote('post', '/testIntegration', oi)
      .send({ id: null, active: true, ...credentials })
      .expect(200);
    const token = `LG${idAccount}R${oi.replace(/\D/g, '')}`;
    await this.anymarket.registerToken(token, { idAccount, oi });
    await this.remote('post', '/saveAccount', oi)
      .send({
        id: idAccount,
        active: true,
        accountName: `Conta ${idAccount}`,
        discountType: 'PERCENT',
        discountValue: 0,
        priceFactor: 1,
        useSandbox: false,
        ...settings,
        user: { token, country: 'BR' },
        ...credentials,
      })
      .expect(200);
    const accounts = await this.http
      .get(`/admin/accounts?oi=${encodeURIComponent(oi)}`)
      .set(ADMIN)
      .expect(200);
    const account = (accounts.body as Array<{ id: number; idAccount: string }>).find((candidate) => candidate.idAccount === String(idAccount))!;
    return { id: account.id, oi, idAccount, sellerId: seller.id, token };
  }

  remote(method: 'get' | 'post' | 'delete', path: string, oi: string) {
    return this.http[method](path).set('x-anymarket-token', this.auth.tokenFor(oi));
  }

  /** A transmission in the simulated ANYMARKET, mapped to the simulated taxonomy, from the simple spec example. */
  async transmission(
    id: number,
    account: TestAccount,
    overrides: { sku?: string; idProduct?: number; price?: number; stock?: number; colour?: string } = {},
  ): Promise<SkuMarketplace> {
    const t = simpleTransmission();
    t.id = id;
    t.idAccount = account.idAccount;
    t.skuInMarketplace = overrides.sku ?? `SKU-${id}`;
    t.price = overrides.price ?? t.price;
    // ANYMARKET's transmission price is the SKU's price with the factor; the test accounts' factor applies on top of sku.price.
    t.sku.price = overrides.price ?? t.sku.price;
    t.stock = { ...t.stock!, availableAmount: overrides.stock ?? 10 };
    t.sku.id = 900_000 + id;
    t.sku.product.id = overrides.idProduct ?? 800_000 + id;
    t.sku.product.category = { ...t.sku.product.category!, idInMarketplace: this.taxonomy.leafTaxon };
    t.sku.product.brand = { ...t.sku.product.brand!, idInMarketplace: this.taxonomy.brand };
    t.attributes = { [this.taxonomy.select.id]: this.taxonomy.select.values[0].id };
    if (overrides.colour) {
      t.sku.product.hasVariations = true;
      t.sku.variations = [{ id: id, description: overrides.colour, type: { id: 1, name: 'Cor', idInMarketplace: this.taxonomy.colour.id } }];
    }
    return this.anymarket.put(t);
  }

  /** sendProduct as ANYMARKET sends it for a transmission. */
  sendProduct(account: TestAccount, transmission: SkuMarketplace, body: Record<string, unknown> = {}) {
    return this.remote('post', '/sendProduct', account.oi).send({ ...newPublicationNotice(transmission, account.idAccount), ...body });
  }

  async listingOf(account: TestAccount, transmissionId: number) {
    const listing = await this.store.findByTransmission([account.id], String(transmissionId));
    if (!listing) throw new Error(`no listing for transmission ${transmissionId}`);
    return listing;
  }

  /** deletePublication as ANYMARKET sends it, then wait for its work to finish (it is answered before). */
  async deleteAndWait(account: TestAccount, transmission: { id: number }) {
    const res = await this.remote('delete', '/deletePublication', account.oi)
      .send({ idSkuMarketplace: transmission.id, onlySync: false, idSku: 1, skuInMarketplace: `SKU-${transmission.id}`, idAccount: account.idAccount })
      .expect(200);
    await this.queue.whenIdle((await this.listingOf(account, transmission.id)).id);
    return res;
  }

  /** sendProduct, then wait for its work to finish. */
  async sendAndWait(account: TestAccount, transmission: SkuMarketplace, body: Record<string, unknown> = {}) {
    const res = await this.sendProduct(account, transmission, body).expect(200);
    const listing = await this.listingOf(account, transmission.id);
    await this.queue.whenIdle(listing.id);
    return { res, listing: (await this.store.get(listing.id))! };
  }
}
