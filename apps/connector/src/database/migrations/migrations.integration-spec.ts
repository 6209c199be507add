import { tmpdir } from 'node:os';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '#common';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { connectorEntities } from '../entities.js';
import { connectorMigrations } from './index.js';

const databases = await availableDatabases();

describe.each(databases)('committed migrations on %s', (kind) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(kind, tmpdir());
    dataSource = new DataSource(
      buildDataSourceOptions({
        target: database.target,
        dataDir: tmpdir(),
        runMigrations: false,
        entities: connectorEntities,
        migrations: connectorMigrations,
      }),
    );
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('apply in order, leave nothing pending, and match the entities', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(connectorMigrations.map((m) => m.name));
    expect(await dataSource.showMigrations()).toBe(false);
    // The schema the migrations built is the one the entities describe: nothing left to synchronise.
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it("finds the listings on a page's adverts of any account through an index (the adverts feed's routing, docs/scale.md)", async () => {
    if (kind === 'postgres') {
      // Postgres picks by its statistics (an empty table has none worth the name): the index is there, led by the advert.
      const [index] = (await dataSource.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'listing' AND indexname = 'idx_listing_advert'`)) as Array<{
        indexdef: string;
      }>;
      expect(index?.indexdef).toContain('(advert_id, state)');
      return;
    }
    const plan = (await dataSource.query(
      `EXPLAIN QUERY PLAN SELECT id FROM listing WHERE advert_id IN ('QWR2ZXJ0LTE=', 'QWR2ZXJ0LTI=') AND state = 'synced' AND variant_id IS NOT NULL`,
    )) as Array<{ detail: string }>;
    expect(plan.map((step) => step.detail).join('; ')).toContain('USING INDEX idx_listing_advert (advert_id=? AND state=?)');
  });

  it('are idempotent at start-up: a second run applies nothing', async () => {
    expect(await dataSource.runMigrations()).toEqual([]);
  });

  it('can be reverted and re-applied', async () => {
    for (let i = 0; i < connectorMigrations.length; i++) await dataSource.undoLastMigration();
    expect(await dataSource.showMigrations()).toBe(true);
    await dataSource.runMigrations();
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
