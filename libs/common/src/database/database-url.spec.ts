import { databaseUrlVariable, describeDatabaseTarget, parseDatabaseUrl } from './database-url.js';

describe('DATABASE_URL', () => {
  it('defaults to SQLite in DATA_DIR', () => {
    expect(databaseUrlVariable.parse(undefined)).toEqual({ type: 'sqlite' });
    expect(databaseUrlVariable.parse('  ')).toEqual({ type: 'sqlite' });
  });

  it.each([
    ['postgres://postgres@127.0.0.1:5432/test', 'postgres'],
    ['postgresql://u:p@db.internal/connector?sslmode=require', 'postgres'],
  ])('accepts %s', (url, type) => {
    expect(parseDatabaseUrl(url)).toEqual({ type, url });
  });

  it('accepts sqlite files and memory', () => {
    expect(parseDatabaseUrl('sqlite:./x.sqlite')).toEqual({ type: 'sqlite', path: './x.sqlite' });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ type: 'sqlite', path: ':memory:' });
  });

  it.each([
    ['not a url', 'must be a URL'],
    ['mysql://root@localhost/db', 'unsupported scheme "mysql"'],
    ['postgres://postgres@127.0.0.1:5432/', 'must name a database'],
    ['postgres:///test', 'must name a host'],
    ['sqlite:', 'must name a file'],
  ])('rejects %s', (url, reason) => {
    expect(() => parseDatabaseUrl(url)).toThrow(reason);
  });

  it('masks the password when describing the target', () => {
    expect(describeDatabaseTarget({ type: 'postgres', url: 'postgres://u:hunter2@h:5432/d' }, './data')).toBe('postgres://u:***@h:5432/d');
    expect(describeDatabaseTarget({ type: 'sqlite' }, './data')).toBe('sqlite:./data/connector.sqlite');
  });
});
