import { QueryFailedError } from 'typeorm';
import { isUniqueViolation, settledOnUniqueKey } from './unique-key-race.js';

function refused(code: string): QueryFailedError {
  return new QueryFailedError('INSERT …', [], Object.assign(new Error('refused'), { code }));
}

describe('settledOnUniqueKey', () => {
  it('knows a unique violation on Postgres and on SQLite, and nothing else', () => {
    expect(isUniqueViolation(refused('23505'))).toBe(true);
    expect(isUniqueViolation(refused('SQLITE_CONSTRAINT_UNIQUE'))).toBe(true);
    expect(isUniqueViolation(refused('SQLITE_CONSTRAINT_PRIMARYKEY'))).toBe(true);
    expect(isUniqueViolation(refused('23503'))).toBe(false);
    expect(isUniqueViolation(new Error('23505'))).toBe(false);
  });

  it('runs the read-then-write once more after it lost the insert, and only once', async () => {
    const runs: number[] = [];
    const settled = await settledOnUniqueKey(() => {
      runs.push(runs.length);
      return runs.length === 1 ? Promise.reject(refused('23505')) : Promise.resolve('updated');
    });
    expect(settled).toBe('updated');
    expect(runs).toHaveLength(2);
    await expect(settledOnUniqueKey(() => Promise.reject(refused('23505')))).rejects.toBeInstanceOf(QueryFailedError);
    const other = refused('23503');
    let attempts = 0;
    await expect(settledOnUniqueKey(() => (attempts++, Promise.reject(other)))).rejects.toBe(other);
    expect(attempts).toBe(1);
  });
});
