import { Column, type DataSource, Entity, PrimaryColumn, QueryFailedError, type Repository } from 'typeorm';
import { availableDatabases, failureOf, openEntitiesTestDatabase, type EntitiesTestDatabase } from '../testing/index.js';
import { insertOrLoseRace, isUniqueViolation } from './unique-key-race.js';

@Entity('race_entry')
class RaceEntry {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Column({ type: 'varchar', length: 40, unique: true }) code: string;
  @Column({ type: 'varchar', length: 40 }) note: string;
}

const databases = await availableDatabases();

describe.each(databases)('insertOrLoseRace on %s', (kind) => {
  let database: EntitiesTestDatabase;
  let dataSource: DataSource;
  let entries: Repository<RaceEntry>;

  beforeAll(async () => {
    database = await openEntitiesTestDatabase(kind, [RaceEntry]);
    dataSource = database.dataSource;
    entries = dataSource.getRepository(RaceEntry);
  });

  afterAll(() => database?.close());

  beforeEach(async () => {
    await entries.clear();
    await entries.insert({ id: 'first', code: 'A', note: 'the winner' });
  });

  it('knows a unique index and a primary key refusing a second row as a lost race', async () => {
    const uniqueIndex = await failureOf(entries.insert({ id: 'second', code: 'A', note: 'the loser' }));
    const primaryKey = await failureOf(entries.insert({ id: 'first', code: 'B', note: 'the loser' }));
    expect([isUniqueViolation(uniqueIndex), isUniqueViolation(primaryKey)]).toEqual([true, true]);

    const answer = await insertOrLoseRace(
      () => entries.insert({ id: 'second', code: 'A', note: 'the loser' }).then(() => 'inserted'),
      async () => `lost to ${(await entries.findOneByOrFail({ code: 'A' })).note}`,
    );
    expect(answer).toBe('lost to the winner');
    expect(await entries.count()).toBe(1);
  });

  it('throws a NOT NULL refusal and a missing column as they are: they are no race', async () => {
    const losses: QueryFailedError[] = [];
    const lost = (violation: QueryFailedError) => (losses.push(violation), Promise.resolve('lost'));
    const notNull = insertOrLoseRace(() => entries.insert({ id: 'second', code: 'B', note: null as unknown as string }).then(() => 'inserted'), lost);
    await expect(notNull).rejects.toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(await failureOf(entries.insert({ id: 'third', code: 'C', note: null as unknown as string })))).toBe(false);

    const badColumn = insertOrLoseRace(() => dataSource.query("INSERT INTO race_entry (id, code, nothing_here) VALUES ('x', 'X', 'y')"), lost);
    await expect(badColumn).rejects.toBeInstanceOf(QueryFailedError);
    expect(losses).toEqual([]);
    expect(await entries.count()).toBe(1);
  });
});
