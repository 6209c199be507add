import { Column, type DataSource, Entity, PrimaryGeneratedColumn, type Repository, type ValueTransformer } from 'typeorm';
import { availableDatabases, openEntitiesTestDatabase, type EntitiesTestDatabase } from '../testing/index.js';
import { insertRows } from './multi-row-insert.js';
import { updateRowById } from './row-update.js';
import { TimestampColumn } from './timestamp-column.js';

/** Stored in cents, read and written in whole units here: a transformer insertRows must apply as TypeORM does. */
const CENTS: ValueTransformer = {
  to: (value: number | null) => (value === null ? null : value * 100),
  from: (value: number | null) => (value === null ? null : value / 100),
};

@Entity('insert_rows_entry')
class InsertRowsEntry {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 40, unique: true }) code: string;
  @Column({ type: 'integer', nullable: true, transformer: CENTS }) amount: number | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @TimestampColumn({ name: 'seen_at' }) seenAt: Date;
}

const databases = await availableDatabases();

describe.each(databases)('insertRows and updateRowById on %s', (kind) => {
  let database: EntitiesTestDatabase;
  let dataSource: DataSource;
  let entries: Repository<InsertRowsEntry>;

  beforeAll(async () => {
    database = await openEntitiesTestDatabase(kind, [InsertRowsEntry]);
    dataSource = database.dataSource;
    entries = dataSource.getRepository(InsertRowsEntry);
  });

  afterAll(() => database?.close());

  beforeEach(async () => {
    await entries.clear();
  });

  it('inserts every row in one statement, each value prepared as TypeORM would (transformer, timestamp), and reads back as TypeORM wrote it', async () => {
    const seenAt = new Date('2026-12-07T10:11:12.345Z');
    const rows = [
      { code: 'A', amount: 12, note: 'it\'s "quoted"', seenAt },
      { code: 'B', amount: null, note: null, seenAt },
    ];

    const answered = await insertRows(dataSource.manager, InsertRowsEntry, rows, { returning: ['id', 'code'] });
    await entries.insert({ code: 'C', amount: 12, note: 'it\'s "quoted"', seenAt });

    expect(answered.map((row) => row.code)).toEqual(['A', 'B']);
    expect(answered.every((row) => Number.isInteger(Number(row.id)) && Number(row.id) > 0)).toBe(true);
    const stored = await entries.find({ order: { code: 'ASC' } });
    expect(stored.map(({ code, amount, note, seenAt: at }) => ({ code, amount, note, seenAt: at.toISOString() }))).toEqual([
      { code: 'A', amount: 12, note: 'it\'s "quoted"', seenAt: seenAt.toISOString() },
      { code: 'B', amount: null, note: null, seenAt: seenAt.toISOString() },
      { code: 'C', amount: 12, note: 'it\'s "quoted"', seenAt: seenAt.toISOString() },
    ]);
    // The same raw values as TypeORM's own insert (the cents, the timestamp's text or value).
    const raw = (await dataSource.query(`SELECT "code", "amount", "seen_at" FROM "insert_rows_entry" ORDER BY "code"`)) as Array<Record<string, unknown>>;
    expect(raw[0].amount).toEqual(raw[2].amount);
    expect(String(raw[0].seen_at)).toEqual(String(raw[2].seen_at));
  });

  it('skips a row whose unique value is already stored and answers only the rows it inserted', async () => {
    const seenAt = new Date();
    await entries.insert({ code: 'A', amount: 1, note: 'first', seenAt });

    const answered = await insertRows(
      dataSource.manager,
      InsertRowsEntry,
      [
        { code: 'A', amount: 2, note: 'again', seenAt },
        { code: 'B', amount: 3, note: 'new', seenAt },
      ],
      { skipConflictOn: 'code', returning: ['code'] },
    );

    expect(answered).toEqual([{ code: 'B' }]);
    expect((await entries.findOneByOrFail({ code: 'A' })).note).toBe('first');
  });

  it('is refused, with nothing stored, when a row leaves out a property the first row gives', async () => {
    await expect(
      insertRows(dataSource.manager, InsertRowsEntry, [
        { code: 'A', amount: 1, note: 'x', seenAt: new Date() },
        { code: 'B', amount: 1, seenAt: new Date() },
      ]),
    ).rejects.toThrow('every row must give note');
    expect(await entries.count()).toBe(0);
  });

  it("updateRowById updates only the row of that id, each value prepared as TypeORM's update would (transformer, timestamp, null), with the same raw values", async () => {
    const before = new Date('2026-12-01T00:00:00.000Z');
    const seenAt = new Date('2026-12-07T10:11:12.345Z');
    const [mine, other, same] = await entries.save([
      entries.create({ code: 'A', amount: 1, note: 'old', seenAt: before }),
      entries.create({ code: 'B', amount: 1, note: 'old', seenAt: before }),
      entries.create({ code: 'C', amount: 1, note: 'old', seenAt: before }),
    ]);

    await updateRowById(dataSource.manager, InsertRowsEntry, mine.id, { amount: 12, note: null, seenAt });
    await entries.update({ id: same.id }, { amount: 12, note: null, seenAt });
    await updateRowById(dataSource.manager, InsertRowsEntry, other.id, { note: 'it\'s "quoted"' });

    expect(await entries.findOneByOrFail({ id: mine.id })).toEqual({ id: mine.id, code: 'A', amount: 12, note: null, seenAt });
    expect(await entries.findOneByOrFail({ id: other.id })).toEqual({ id: other.id, code: 'B', amount: 1, note: 'it\'s "quoted"', seenAt: before });
    const raw = (await dataSource.query(`SELECT "amount", "seen_at" FROM "insert_rows_entry" ORDER BY "code"`)) as Array<Record<string, unknown>>;
    expect(raw[0].amount).toEqual(raw[2].amount);
    expect(String(raw[0].seen_at)).toEqual(String(raw[2].seen_at));
  });

  it('updateRowById is refused for a property that is no column, and changes nothing', async () => {
    const row = await entries.save(entries.create({ code: 'A', amount: 1, note: 'kept', seenAt: new Date() }));
    await expect(updateRowById(dataSource.manager, InsertRowsEntry, row.id, { note: 'changed', nope: 1 } as never)).rejects.toThrow('has no column nope');
    expect((await entries.findOneByOrFail({ id: row.id })).note).toBe('kept');
  });
});
