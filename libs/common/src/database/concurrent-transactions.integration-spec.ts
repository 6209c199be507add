import { Column, type DataSource, Entity, PrimaryGeneratedColumn, type Repository } from 'typeorm';
import { availableDatabases, openEntitiesTestDatabase, until, type EntitiesTestDatabase } from '../testing/index.js';
import { TurnTakingSqliteDataSource } from './create-data-source.js';

@Entity('ledger_line')
class LedgerLine {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 40, unique: true }) code: string;
  @Column({ type: 'varchar', length: 40 }) batch: string;
}

const CONCURRENT = 16;
const databases = await availableDatabases();

/** Whether a promise has settled, read without awaiting it. */
function watch(promise: Promise<unknown>): { settled: boolean } {
  const state = { settled: false };
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}

/** A promise and the function that resolves it. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe.each(databases)('concurrent transactions on %s', (kind) => {
  let database: EntitiesTestDatabase;
  let dataSource: DataSource;
  let lines: Repository<LedgerLine>;

  beforeAll(async () => {
    database = await openEntitiesTestDatabase(kind, [LedgerLine]);
    dataSource = database.dataSource;
    lines = dataSource.getRepository(LedgerLine);
  });

  afterAll(() => database?.close());

  beforeEach(() => lines.clear());

  /** Every batch whose write resolved has all its `size` rows; every batch whose write rejected has none. */
  async function expectAllOrNothing(outcomes: PromiseSettledResult<unknown>[], batchOf: (index: number) => string, size: number): Promise<void> {
    const kept = await lines.find();
    const rowsOf = (batch: string) => kept.filter((line) => line.batch === batch).length;
    const seen = outcomes.map((outcome, index) => `${batchOf(index)} ${outcome.status}: ${rowsOf(batchOf(index))} rows`);
    const expected = outcomes.map((outcome, index) => `${batchOf(index)} ${outcome.status}: ${outcome.status === 'fulfilled' ? size : 0} rows`);
    expect(seen).toEqual(expected);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(CONCURRENT / 2);
  }

  it('keeps every resolved dataSource.transaction and nothing of a rejected one', async () => {
    const batchOf = (index: number) => `tx-${index}`;
    const outcomes = await Promise.allSettled(
      Array.from({ length: CONCURRENT }, (_, index) =>
        dataSource.transaction(async (manager) => {
          await manager.insert(LedgerLine, { code: `${batchOf(index)}-a`, batch: batchOf(index) });
          await manager.insert(LedgerLine, { code: `${batchOf(index)}-b`, batch: batchOf(index) });
          if (index % 2 === 1) throw new Error(`batch ${index} gives up after writing`);
        }),
      ),
    );
    await expectAllOrNothing(outcomes, batchOf, 2);
  });

  it('keeps every resolved transaction begun while the ones before it are open, and nothing of a rejected one', async () => {
    const batchOf = (index: number) => `staggered-${index}`;
    const transactions: Promise<void>[] = [];
    for (let index = 0; index < CONCURRENT; index++) {
      const begun = signal();
      transactions.push(
        dataSource.transaction(async (manager) => {
          begun.resolve();
          await manager.insert(LedgerLine, { code: `${batchOf(index)}-a`, batch: batchOf(index) });
          await manager.insert(LedgerLine, { code: `${batchOf(index)}-b`, batch: batchOf(index) });
          if (index % 2 === 1) throw new Error(`batch ${index} gives up after writing`);
        }),
      );
      await begun.promise;
    }
    await expectAllOrNothing(await Promise.allSettled(transactions), batchOf, 2);
  });

  it('keeps every resolved repository .save() and nothing of one that hit a unique violation', async () => {
    await lines.insert({ code: 'taken', batch: 'existing' });
    const batchOf = (index: number) => `save-${index}`;
    const outcomes = await Promise.allSettled(
      Array.from({ length: CONCURRENT }, (_, index) =>
        lines.save([
          { code: `${batchOf(index)}-a`, batch: batchOf(index) },
          { code: index % 2 === 1 ? 'taken' : `${batchOf(index)}-b`, batch: batchOf(index) },
        ]),
      ),
    );
    await expectAllOrNothing(outcomes, batchOf, 2);
  });

  it('keeps every resolved manager.transaction nested in another, and nothing of a rejected one', async () => {
    await lines.insert({ code: 'taken', batch: 'existing' });
    const batchOf = (index: number) => `nested-${index}`;
    const outcomes = await Promise.allSettled(
      Array.from({ length: CONCURRENT }, (_, index) =>
        lines.manager.transaction(async (outer) => {
          await outer.insert(LedgerLine, { code: `${batchOf(index)}-a`, batch: batchOf(index) });
          await outer.transaction(async (inner) => {
            await inner.insert(LedgerLine, { code: `${batchOf(index)}-b`, batch: batchOf(index) });
          });
          if (index % 2 === 1) await outer.insert(LedgerLine, { code: 'taken', batch: batchOf(index) });
        }),
      ),
    );
    await expectAllOrNothing(outcomes, batchOf, 2);
  });

  it('lets a transaction callback use a repository instead of its manager, a failed save there undone alone', async () => {
    await lines.insert({ code: 'taken', batch: 'existing' });
    const seen = await dataSource.transaction(async (manager) => {
      await manager.insert(LedgerLine, { code: 'by-manager', batch: 'callback' });
      await lines.insert({ code: 'by-repository', batch: 'callback' });
      const refused = await lines
        .save([
          { code: 'half-saved', batch: 'callback' },
          { code: 'taken', batch: 'callback' },
        ])
        .catch((error: Error) => error);
      expect(refused).toBeInstanceOf(Error);
      await lines.save({ code: 'saved', batch: 'callback' });
      return lines.countBy({ batch: 'existing' });
    });
    expect(seen).toBe(1);
    expect((await lines.findBy({ batch: 'callback' })).map((line) => line.code).sort()).toEqual(['by-manager', 'by-repository', 'saved']);
  });

  it('neither rolls back nor shows uncommitted rows to a write and a read made outside an open transaction', async () => {
    const written = signal();
    const proceed = signal();
    const failing = dataSource.transaction(async (manager) => {
      await manager.insert(LedgerLine, { code: 'inside', batch: 'failing' });
      written.resolve();
      await proceed.promise;
      throw new Error('the transaction gives up after the others were issued');
    });
    await written.promise;
    const outsideWrite = lines.insert({ code: 'outside', batch: 'outside' });
    const outsideRead = lines.countBy({ batch: 'failing' });
    const write = watch(outsideWrite);
    const read = watch(outsideRead);
    // Either both ran at once (Postgres: another connection) or both wait their turn behind the open transaction.
    await until(() => (write.settled && read.settled) || waitingBehindTransaction(dataSource) === 2, 'the outside write and read ran or wait');
    proceed.resolve();

    await expect(failing).rejects.toThrow('gives up');
    await outsideWrite;
    expect(await outsideRead).toBe(0);
    expect((await lines.find()).map((line) => line.code)).toEqual(['outside']);
  });
});

/** How many statements wait for the SQLite connection while a transaction holds it (none on Postgres). */
function waitingBehindTransaction(dataSource: DataSource): number {
  return dataSource instanceof TurnTakingSqliteDataSource ? dataSource.turns.waiting : 0;
}
