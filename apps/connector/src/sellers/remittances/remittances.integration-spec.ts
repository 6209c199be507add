import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ScheduleModule } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AdminCredential, CoreModule, createLogger, JsonLogger, type DatabaseTarget } from '#common';
import { availableDatabases, createTestDatabase, logLines, type TestDatabase } from '#common/testing';
import { MarketplacerRemittances, toGlobalId } from '#marketplacer';
import { AdaptersOnSimulator } from '#test-support/simulator/adapters-on-simulator';
import type { RemittanceAdviceRecord, RemittanceRecord } from '../../../../simulator/src/marketplacer/state/records.js';
import { configureConnectorHttp } from '../../bootstrap.js';
import { loadConnectorConfig } from '../../config/connector.config.js';
import { connectorEntities } from '../../database/entities.js';
import { connectorMigrations } from '../../database/migrations/index.js';
import { SyncModule } from '../../sync/sync.module.js';
import { SellerRemittanceAdviceEntity } from '../entities/seller-remittance-advice.entity.js';
import { SellerRemittanceEntity } from '../entities/seller-remittance.entity.js';
import { REMITTANCE_CONTROLLERS, REMITTANCE_ENTITIES, REMITTANCE_PROVIDERS } from './remittance.providers.js';

const databases = await availableDatabases();
const ADMIN_TOKEN = 'test-admin-token-0123456789';
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

interface TestApp {
  app: NestExpressApplication;
  logs: () => Array<Record<string, unknown>>;
}

/**
 * The connector's core (database with every committed migration, global pipe, guard and filter, HTTP
 * setup and Swagger as in production), the sync engine, and the remittances on the real adapter
 * against the in-process simulator.
 */
async function startRemittancesApp(target: DatabaseTarget, remittances: MarketplacerRemittances): Promise<TestApp> {
  const env = { ADMIN_TOKEN, DATA_DIR: mkdtempSync(join(tmpdir(), 'remittances-test-')), LOG_LEVEL: 'debug', SYNC_ENABLED: 'false' };
  const connector = loadConnectorConfig(env);
  const config = { ...connector, databaseUrl: target };
  const { sink, lines } = logLines();
  const logger = createLogger('debug', 'connector', sink);
  const { credential } = AdminCredential.fromConfig(config.adminToken);

  @Module({
    imports: [TypeOrmModule.forFeature(REMITTANCE_ENTITIES), SyncModule],
    controllers: REMITTANCE_CONTROLLERS,
    providers: [...REMITTANCE_PROVIDERS, { provide: MarketplacerRemittances, useValue: remittances }],
  })
  class RemittancesTestModule {}

  const moduleRef = await Test.createTestingModule({
    imports: [
      CoreModule.forRoot({
        config,
        adminCredential: credential,
        database: {
          settings: config,
          entities: connectorEntities,
          migrations: connectorMigrations,
        },
      }),
      ScheduleModule.forRoot(),
      RemittancesTestModule,
    ],
  })
    .setLogger(new JsonLogger(logger))
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: new JsonLogger(logger), bodyParser: false, abortOnError: false });
  configureConnectorHttp(app, connector, logger);
  await app.init();
  return { app, logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe.each(databases)('remittances copy and admin API on %s', (kind) => {
  let adapters: AdaptersOnSimulator;
  let database: TestDatabase;
  let t: TestApp;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    adapters = await AdaptersOnSimulator.start();
    database = await createTestDatabase(kind, tmpdir());
    t = await startRemittancesApp(database.target, adapters.remittances);
    http = request(t.app.getHttpServer());
  });

  afterAll(async () => {
    await t?.app.close();
    await database?.drop();
    await adapters?.stop();
  });

  beforeEach(async () => {
    await adapters.reset();
    const dataSource = t.app.get(DataSource);
    await dataSource.getRepository(SellerRemittanceEntity).clear();
    await dataSource.getRepository(SellerRemittanceAdviceEntity).clear();
  });

  /** One whole scan of a job, as an admin triggers it; answers the run. */
  async function scan(job: 'remittances' | 'remittance-advices') {
    const run = await http.post(`/admin/sync/jobs/${job}/run?wait=true`).set(admin).expect(200);
    expect(run.body).toMatchObject({ outcome: 'succeeded', itemsFailed: 0 });
    return run.body as { itemsSeen: number; itemsChanged: number; pages: number };
  }

  async function scanBoth() {
    return { remittances: await scan('remittances'), advices: await scan('remittance-advices') };
  }

  const simRemittances = (): RemittanceRecord[] => [...adapters.state.remittances.values()];
  const simAdvices = (): RemittanceAdviceRecord[] => [...adapters.state.remittanceAdvices.values()];
  const remittanceId = (record: RemittanceRecord) => toGlobalId('Remittance', record.legacyId);
  const adviceId = (legacyId: number) => toGlobalId('RemittanceAdvice', legacyId);
  const sellerId = (legacyId: number) => toGlobalId('Seller', legacyId);

  async function copiedRemittance(id: string) {
    const all = (await http.get('/admin/remittances?limit=500').set(admin).expect(200)).body as Array<Record<string, unknown>>;
    return all.find((remittance) => remittance.id === id);
  }

  /** What the seller's summary must say, worked out from the simulator's own records. */
  function expectedTotals(sellerLegacyId: number) {
    const remittances = simRemittances().filter((r) => r.sellerId === sellerLegacyId);
    const advices = simAdvices().filter((a) => a.sellerId === sellerLegacyId);
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    const totalOf = (advice: RemittanceAdviceRecord) => sum(advice.remittanceIds.map((id) => adapters.state.remittances.get(id)!.amountCents));
    const unpaid = advices.filter((a) => a.paidAt === null);
    const paid = advices.filter((a) => a.paidAt !== null);
    return {
      remittanceCount: remittances.length,
      heldCount: remittances.filter((r) => !r.released).length,
      heldCents: sum(remittances.filter((r) => !r.released).map((r) => r.amountCents)),
      releasedUnadvisedCount: 0,
      releasedUnadvisedCents: 0,
      adviceCount: advices.length,
      advisedUnpaidCount: unpaid.length,
      advisedUnpaidCents: sum(unpaid.map(totalOf)),
      paidCount: paid.length,
      paidCents: sum(paid.map((a) => a.totalPaidCents ?? totalOf(a))),
    };
  }

  function heldRemittance(): RemittanceRecord {
    const held = simRemittances().find((r) => !r.released);
    if (!held) throw new Error('the seed has no held remittance');
    return held;
  }

  it('fills the copy with a full scan of both lists, each remittance linked to the advice that lists it', async () => {
    expect(simRemittances().length).toBeGreaterThan(0);
    const { remittances, advices } = await scanBoth();
    expect(remittances).toMatchObject({ itemsSeen: simRemittances().length, itemsChanged: simRemittances().length });
    expect(advices).toMatchObject({ itemsSeen: simAdvices().length, itemsChanged: simAdvices().length });

    const copy = (await http.get('/admin/remittances?limit=500').set(admin).expect(200)).body as Array<Record<string, any>>;
    expect(copy).toHaveLength(simRemittances().length);
    for (const record of simRemittances()) {
      expect(copy.find((r) => r.id === remittanceId(record))).toMatchObject({
        seller: { id: sellerId(record.sellerId), legacyId: record.sellerId },
        invoice: { id: toGlobalId('Invoice', record.invoiceId), legacyId: record.invoiceId },
        amountCents: record.amountCents,
        commissionCents: record.commissionCents,
        released: record.released,
        pendingReasons: record.pendingReasons,
        adviceId: record.adviceId === null ? null : adviceId(record.adviceId),
      });
    }
    const sample = copy[0];
    expect(sample.amountFormatted).toBe(`${Math.trunc(sample.amountCents / 100)}.${String(sample.amountCents % 100).padStart(2, '0')}`);

    const [record] = simRemittances();
    const seller = (await http.get(`/admin/sellers/${record.sellerId}/remittances`).set(admin).expect(200)).body;
    expect(seller.seller).toMatchObject({ id: sellerId(record.sellerId), legacyId: record.sellerId });
    expect(seller.summary).toMatchObject(expectedTotals(record.sellerId));
    expect(seller.remittances.every((r: { seller: { legacyId: number } }) => r.seller.legacyId === record.sellerId)).toBe(true);
    expect(seller.advices).toHaveLength(simAdvices().filter((a) => a.sellerId === record.sellerId).length);
  });

  it('changes nothing on a second scan when nothing changed in Marketplacer', async () => {
    await scanBoth();
    const before = (await http.get('/admin/remittances?limit=500').set(admin).expect(200)).body;
    const again = await scanBoth();
    expect(again.remittances).toMatchObject({ itemsSeen: simRemittances().length, itemsChanged: 0 });
    expect(again.advices).toMatchObject({ itemsSeen: simAdvices().length, itemsChanged: 0 });
    expect((await http.get('/admin/remittances?limit=500').set(admin).expect(200)).body).toEqual(before);
  });

  it('Remittances released in the simulator appear in the admin API', async () => {
    await scanBoth();
    const held = heldRemittance();
    expect(await copiedRemittance(remittanceId(held))).toMatchObject({ released: false, adviceId: null });
    const heldBefore = (await http.get(`/admin/sellers/${held.sellerId}/remittances`).set(admin).expect(200)).body.summary;

    // The operator releases it in Marketplacer itself (the simulator's control API: the same code as remittancesRelease).
    const released = await adapters.sim.control('POST', '/remittances/release', { remittanceIds: [String(held.legacyId)] });
    expect(released.status).toBe(200);
    const advice = adapters.state.remittances.get(held.legacyId)!.adviceId!;
    // Not in the copy before the scans read it...
    expect(await copiedRemittance(remittanceId(held))).toMatchObject({ released: false });

    // ...and after them: released, on its advice, the seller's money moved from held to advised.
    const scans = await scanBoth();
    expect(scans.remittances.itemsChanged).toBe(1);
    expect(scans.advices.itemsChanged).toBe(1);
    expect(await copiedRemittance(remittanceId(held))).toMatchObject({ released: true, pendingReasons: [], adviceId: adviceId(advice) });
    const after = (await http.get(`/admin/sellers/${held.sellerId}/remittances`).set(admin).expect(200)).body.summary;
    expect(after).toMatchObject(expectedTotals(held.sellerId));
    expect(after.heldCents).toBe(heldBefore.heldCents - held.amountCents);
    expect(after.advisedUnpaidCents).toBe(heldBefore.advisedUnpaidCents + held.amountCents);
    const advices = (await http.get(`/admin/remittance-advices?sellerId=${held.sellerId}&paid=false`).set(admin).expect(200)).body;
    expect(advices.find((a: { id: string }) => a.id === adviceId(advice)).remittanceIds).toContain(remittanceId(held));
    // The feed of remittance advices told of it.
    expect(t.logs().some((line) => line.context === 'Sellers' && line.adviceId === adviceId(advice) && line.source === 'scan')).toBe(true);
  });

  it('releases through the admin API in Marketplacer and in the copy at once; the advice shows after the advices scan', async () => {
    await scanBoth();
    const held = heldRemittance();
    const answer = await http
      .post('/admin/remittances/release')
      .set(admin)
      .send({ remittanceIds: [String(held.legacyId), remittanceId(held)] })
      .expect(200);
    expect(answer.body).toEqual([expect.objectContaining({ id: remittanceId(held), released: true, pendingReasons: [], adviceId: null })]);
    expect(adapters.state.remittances.get(held.legacyId)!.released).toBe(true);

    // At once, without a scan: released, not on an advice yet as far as the copy knows.
    expect(await copiedRemittance(remittanceId(held))).toMatchObject({ released: true, adviceId: null });
    const summary = (await http.get(`/admin/sellers/${held.sellerId}/remittances`).set(admin).expect(200)).body.summary;
    expect(summary).toMatchObject({ releasedUnadvisedCount: 1, releasedUnadvisedCents: held.amountCents });

    const scans = await scanBoth();
    expect(scans.remittances.itemsChanged).toBe(0);
    expect(scans.advices.itemsChanged).toBe(1);
    const advice = adapters.state.remittances.get(held.legacyId)!.adviceId!;
    expect(await copiedRemittance(remittanceId(held))).toMatchObject({ adviceId: adviceId(advice) });
    expect((await http.get(`/admin/sellers/${held.sellerId}/remittances`).set(admin).expect(200)).body.summary).toMatchObject(expectedTotals(held.sellerId));
  });

  it('records an advice paid in Marketplacer and in the copy at once, and announces it', async () => {
    await scanBoth();
    const advice = simAdvices().find((a) => a.paidAt === null)!;
    const total = advice.remittanceIds.reduce((sum, id) => sum + adapters.state.remittances.get(id)!.amountCents, 0);
    const paid = await http
      .put(`/admin/remittance-advices/${advice.legacyId}/payment`)
      .set(admin)
      .send({ totalPaidCents: total, paidAt: '2026-03-02T14:00:00Z', paymentReference: 'TED 000123456' })
      .expect(200);
    expect(paid.body).toMatchObject({
      id: adviceId(advice.legacyId),
      paid: true,
      paidAt: '2026-03-02T14:00:00.000Z',
      totalCents: total,
      totalPaidCents: total,
      paymentReference: 'TED 000123456',
    });
    expect(adapters.state.remittanceAdvices.get(advice.legacyId)).toMatchObject({ totalPaidCents: total, paymentReference: 'TED 000123456' });
    expect(adapters.state.remittanceAdvices.get(advice.legacyId)!.paidAt).not.toBeNull();

    const paidList = (await http.get(`/admin/remittance-advices?paid=true`).set(admin).expect(200)).body;
    expect(paidList.map((a: { id: string }) => a.id)).toEqual([adviceId(advice.legacyId)]);
    const summary = (await http.get(`/admin/sellers/${advice.sellerId}/remittances`).set(admin).expect(200)).body.summary;
    expect(summary).toMatchObject({ ...expectedTotals(advice.sellerId), paidCount: 1, paidCents: total });
    expect(t.logs()).toContainEqual(
      expect.objectContaining({
        context: 'Sellers',
        msg: 'remittance advice paid',
        adviceId: adviceId(advice.legacyId),
        source: 'admin',
        totalPaidCents: total,
      }),
    );

    // The copy already holds what the next scan reads.
    expect((await scan('remittance-advices')).itemsChanged).toBe(0);
  });

  it('answers a seller the copy knows nothing of with zero totals and empty lists', async () => {
    const answer = await http.get('/admin/sellers/999999/remittances').set(admin).expect(200);
    expect(answer.body).toEqual({
      seller: { id: sellerId(999999), legacyId: null, businessName: null },
      summary: expect.objectContaining({ remittanceCount: 0, heldCents: 0, heldFormatted: '0.00', advisedUnpaidCents: 0, paidCents: 0, adviceCount: 0 }),
      remittances: [],
      advices: [],
    });
  });

  it('pages and filters the copy', async () => {
    await scanBoth();
    const held = (await http.get('/admin/remittances?released=false&limit=500').set(admin).expect(200)).body;
    expect(held).toHaveLength(simRemittances().filter((r) => !r.released).length);
    const [first, second] = [
      (await http.get('/admin/remittances?limit=2&offset=0').set(admin).expect(200)).body,
      (await http.get('/admin/remittances?limit=2&offset=2').set(admin).expect(200)).body,
    ];
    expect(first).toHaveLength(2);
    expect(first.map((r: { id: string }) => r.id)).not.toContain(second[0]?.id);
    const seller = simRemittances()[0].sellerId;
    const bySeller = (
      await http
        .get(`/admin/remittances?sellerId=${sellerId(seller)}&limit=500`)
        .set(admin)
        .expect(200)
    ).body;
    expect(bySeller).toHaveLength(simRemittances().filter((r) => r.sellerId === seller).length);
  });

  it('refuses malformed input with 400 before asking Marketplacer, and passes on what Marketplacer refuses', async () => {
    const bad = async (method: 'get' | 'post' | 'put', path: string, body?: object) => {
      const answer = await http[method](path).set(admin).send(body).expect(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      return answer.body.error.details.map((d: { field: string }) => d.field) as string[];
    };
    expect(await bad('get', '/admin/remittances?released=maybe&offset=-1&sellerId=abc!')).toEqual(expect.arrayContaining(['released', 'offset', 'sellerId']));
    expect(await bad('get', '/admin/remittance-advices?paid=1&limit=0')).toEqual(expect.arrayContaining(['paid', 'limit']));
    expect(await bad('get', '/admin/sellers/not-an-id!/remittances')).toEqual(['sellerId']);
    expect(await bad('get', '/admin/sellers/99999999999999/remittances')).toEqual(['sellerId']);
    expect(await bad('post', '/admin/remittances/release', { remittanceIds: [] })).toEqual(['remittanceIds']);
    expect(await bad('post', '/admin/remittances/release', { remittanceIds: ['60001', 'nope!'] })).toEqual(['remittanceIds']);
    expect(await bad('post', '/admin/remittances/release', { remittanceIds: Array.from({ length: 101 }, (_, i) => String(i + 1)) })).toEqual(['remittanceIds']);
    expect(await bad('post', '/admin/remittances/release', { remittanceIds: [toGlobalId('Seller', 1)] })).toEqual(['remittanceIds']);
    expect(await bad('post', '/admin/remittances/release', {})).toEqual(['remittanceIds']);
    expect(await bad('put', '/admin/remittance-advices/70001/payment', { totalPaidCents: -1, paidAt: 'yesterday', paymentReference: 'x'.repeat(256) })).toEqual(
      expect.arrayContaining(['totalPaidCents', 'paidAt', 'paymentReference']),
    );
    expect(await bad('put', '/admin/remittance-advices/70001/payment', { totalPaidCents: 2 ** 31 })).toEqual(['totalPaidCents']);
    expect(await bad('put', '/admin/remittance-advices/x!/payment', { totalPaidCents: 1 })).toEqual(['id']);
    expect(await adapters.requestsOf('RemittancesRelease')).toBe(0);
    expect(await adapters.requestsOf('RemittanceAdviceUpdate')).toBe(0);

    const unknown = await http
      .post('/admin/remittances/release')
      .set(admin)
      .send({ remittanceIds: ['1999999'] })
      .expect(404);
    expect(unknown.body.error).toMatchObject({ code: 'MARKETPLACER_NOT_FOUND', details: [{ field: 'remittanceIds' }] });
    const unknownAdvice = await http.put('/admin/remittance-advices/1999999/payment').set(admin).send({ totalPaidCents: 1 }).expect(404);
    expect(unknownAdvice.body.error).toMatchObject({ code: 'MARKETPLACER_NOT_FOUND', details: [{ field: 'remittanceAdviceId' }] });
    await http.get('/admin/remittances').expect(401);
  });

  it('documents every route: tag, summary, description, parameters with examples', async () => {
    const doc = (await http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { tags?: string[]; summary?: string; description?: string; parameters?: Array<Record<string, any>> }>>;
    };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => /remittance/.test(path))
      .flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ name: `${method} ${path}`, ...operation })));
    expect(routes.map((route) => route.name).sort()).toEqual([
      'get /admin/remittance-advices',
      'get /admin/remittances',
      'get /admin/sellers/{sellerId}/remittances',
      'post /admin/remittances/release',
      'put /admin/remittance-advices/{id}/payment',
    ]);
    for (const route of routes) {
      expect(route.tags).toEqual(['admin: remittances']);
      expect(route.summary).toContain(' ');
      expect(route.description?.trim()).toBeTruthy();
      for (const parameter of route.parameters ?? []) {
        expect([route.name, parameter.name, parameter.description]).toEqual([route.name, parameter.name, expect.any(String)]);
        expect(parameter.example ?? parameter.schema?.example ?? parameter.schema?.enum).toBeDefined();
      }
    }
  });

  it('builds the tables its entities describe', async () => {
    const pending = await t.app.get(DataSource).driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query).filter((query) => query.includes('seller_remittance'))).toEqual([]);
  });
});
