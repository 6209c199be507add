import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { Column, type DataSource, Entity, PrimaryColumn } from 'typeorm';
import { availableDatabases, failureOf, openEntitiesTestDatabase, type EntitiesTestDatabase } from '../testing/index.js';
import { createDataSource } from './create-data-source.js';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { buildDataSourceOptions } from './data-source-options.js';

@Entity('availability_probe')
class AvailabilityProbe {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Column({ type: 'varchar', length: 40 }) note: string;
}

const databases = await availableDatabases();

describe.each(databases)('isDatabaseUnavailable on %s', (kind) => {
  let database: EntitiesTestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await openEntitiesTestDatabase(kind, [AvailabilityProbe]);
    dataSource = database.dataSource;
  });

  afterAll(() => database?.close());

  it('does not take a statement the database refused for unavailability', async () => {
    const syntax = await failureOf(dataSource.query('SELEC 1'));
    const missingTable = await failureOf(dataSource.query('SELECT * FROM no_such_table'));
    await dataSource.getRepository(AvailabilityProbe).insert({ id: 'one', note: 'first' });
    const duplicate = await failureOf(dataSource.getRepository(AvailabilityProbe).insert({ id: 'one', note: 'again' }));
    expect([syntax, missingTable, duplicate].map(isDatabaseUnavailable)).toEqual([false, false, false]);
  });

  it('takes a data source that is no longer connected (shutdown) for unavailability', async () => {
    const stopped = createDataSource(dataSource.options);
    await stopped.initialize();
    await stopped.destroy();
    const failure = await failureOf(stopped.getRepository(AvailabilityProbe).find());
    expect(isDatabaseUnavailable(failure)).toBe(true);
  });
});

(databases.includes('postgres') ? describe : describe.skip)('isDatabaseUnavailable on postgres failures', () => {
  let database: EntitiesTestDatabase;

  beforeAll(async () => {
    database = await openEntitiesTestDatabase('postgres', [AvailabilityProbe]);
  });

  afterAll(() => database?.close());

  it('takes an address where no server listens for unavailability', async () => {
    const options = buildDataSourceOptions({
      target: { type: 'postgres', url: 'postgres://postgres@127.0.0.1:1/test' },
      dataDir: tmpdir(),
      runMigrations: false,
      entities: [AvailabilityProbe],
      migrations: [],
    });
    const failure = await failureOf(createDataSource(options).initialize());
    expect({ code: (failure as { code?: unknown }).code, unavailable: isDatabaseUnavailable(failure) }).toEqual({ code: 'ECONNREFUSED', unavailable: true });
  });

  it('takes a session the server terminated under its statement for unavailability', async () => {
    const runner = database.dataSource.createQueryRunner();
    try {
      // The session ends itself: the statement's answer is the termination (57P01), with no race.
      const failure = await failureOf(runner.query('SELECT pg_terminate_backend(pg_backend_pid())'));
      const code = (failure as { driverError?: { code?: unknown } }).driverError?.code;
      expect({ code, unavailable: isDatabaseUnavailable(failure) }).toEqual({ code: '57P01', unavailable: true });
    } finally {
      await runner.release().catch(() => undefined);
    }
  });
});

describe('isDatabaseUnavailable on a sqlite file another connection holds', () => {
  let database: EntitiesTestDatabase;

  beforeAll(async () => {
    database = await openEntitiesTestDatabase('sqlite', [AvailabilityProbe]);
  });

  afterAll(() => database?.close());

  it('takes a write that found the file locked for unavailability', async () => {
    const path = (database.dataSource.options as { database: string }).database;
    const holder = new Database(path);
    try {
      holder.exec('BEGIN IMMEDIATE');
      await database.dataSource.query('PRAGMA busy_timeout = 0');
      const failure = await failureOf(database.dataSource.getRepository(AvailabilityProbe).insert({ id: 'locked', note: 'out' }));
      expect({ code: ((failure as { driverError?: { code?: unknown } }).driverError ?? {}).code, unavailable: isDatabaseUnavailable(failure) }).toEqual({
        code: 'SQLITE_BUSY',
        unavailable: true,
      });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });
});
