import { tmpdir } from 'node:os';
import { DataSource, type EntitySubscriberInterface, type InsertEvent } from 'typeorm';
import { buildDataSourceOptions } from '#common';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import type { MarketplacerFulfilment } from '#marketplacer';
import { connectorEntities } from '../database/entities.js';
import { connectorMigrations } from '../database/migrations/index.js';
import { CarrierDirectory } from './carrier-directory.js';
import { CarrierMappingEntity } from './entities/carrier-mapping.entity.js';
import { MarketplacerCarrierEntity } from './entities/marketplacer-carrier.entity.js';
import type { ShipmentsConfig } from './shipments.config.js';

const databases = await availableDatabases();
const CARRIERS = [
  { id: 'Q2Fycmllci0x', name: 'Australia Post' },
  { id: 'Q2Fycmllci0y', name: 'StarTrack' },
];

/**
 * Another request's insert of the same carrier, committed between this request's read and its insert:
 * armed for one key, it fires once, just before the insert of that key.
 */
class CompetingInsert implements EntitySubscriberInterface<CarrierMappingEntity> {
  private armedFor: string | null = null;
  constructor(private readonly dataSource: DataSource) {}

  listenTo(): typeof CarrierMappingEntity {
    return CarrierMappingEntity;
  }

  arm(carrierKey: string): void {
    this.armedFor = carrierKey;
  }

  async beforeInsert(event: InsertEvent<CarrierMappingEntity>): Promise<void> {
    if (event.entity.carrierKey !== this.armedFor) return;
    this.armedFor = null;
    const row = { ...event.entity, marketplacerCarrierId: CARRIERS[1].id };
    // Postgres: another connection of the pool, committed at once. SQLite: its one connection, so inside this transaction.
    const manager = this.dataSource.options.type === 'postgres' ? this.dataSource.manager : event.manager;
    await manager.insert(CarrierMappingEntity, row);
  }
}

describe.each(databases)('carrier map written by requests at once on %s', (kind) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let directory: CarrierDirectory;
  let competitor: CompetingInsert;

  beforeAll(async () => {
    database = await createTestDatabase(kind, tmpdir());
    dataSource = new DataSource(
      buildDataSourceOptions({ target: database.target, dataDir: tmpdir(), runMigrations: true, entities: connectorEntities, migrations: connectorMigrations }),
    );
    await dataSource.initialize();
    competitor = new CompetingInsert(dataSource);
    dataSource.subscribers.push(competitor);
    const marketplacer = { listCarriers: () => Promise.resolve(CARRIERS) } as unknown as MarketplacerFulfilment;
    const config = { shipmentCarrierMap: '{}', shipmentCarriersRefreshMs: 3_600_000 } as ShipmentsConfig;
    directory = new CarrierDirectory(marketplacer, dataSource.getRepository(MarketplacerCarrierEntity), dataSource.getRepository(CarrierMappingEntity), config);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('settles a lost insert on the unique key: the later request updates the row the earlier one made', async () => {
    competitor.arm('jadlog');
    const { carrier } = await directory.setMapping('Jadlog', 'Australia Post');
    expect(carrier.id).toBe(CARRIERS[0].id);
    expect(await dataSource.getRepository(CarrierMappingEntity).findBy({ carrierKey: 'jadlog' })).toEqual([
      expect.objectContaining({ anymarketCarrier: 'Jadlog', marketplacerCarrierId: CARRIERS[0].id }),
    ]);
  });

  it('answers every one of many writes of the same new carriers at once, and keeps one row per carrier', async () => {
    const names = Array.from({ length: 8 }, (_, index) => `Carrier ${index}`);
    const writes = names.flatMap((name) => [directory.setMapping(name, 'StarTrack'), directory.setMapping(name.toUpperCase(), 'Australia Post')]);
    await expect(Promise.all(writes)).resolves.toHaveLength(names.length * 2);
    const rows = await dataSource.getRepository(CarrierMappingEntity).find();
    expect(rows.filter((row) => row.carrierKey.startsWith('carrier'))).toHaveLength(names.length);
  });
});
