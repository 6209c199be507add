import type { EnvVariable } from '../config/env-variable.js';

export type DatabaseTarget = { type: 'sqlite'; /** file path, or undefined for DATA_DIR/connector.sqlite */ path?: string } | { type: 'postgres'; url: string };

/** `postgres://user@host:5432/db`, `postgresql://…`, `sqlite:./file.sqlite`, `sqlite::memory:`; unset → SQLite in DATA_DIR. */
export function parseDatabaseUrl(raw: string): DatabaseTarget {
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length);
    if (path === '') throw new Error('must name a file after "sqlite:" (or ":memory:")');
    return { type: 'sqlite', path };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('must be a URL such as postgres://user:password@host:5432/database or sqlite:./data/connector.sqlite');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`has an unsupported scheme "${url.protocol.replace(':', '')}" (use postgres:// or sqlite:)`);
  }
  if (!url.hostname) throw new Error('must name a host (postgres://user@host:5432/database)');
  if (url.pathname.replace(/^\//, '') === '') throw new Error('must name a database (postgres://user@host:5432/database)');
  if (url.port && !(Number(url.port) > 0 && Number(url.port) < 65536)) throw new Error('has an invalid port');
  return { type: 'postgres', url: raw };
}

export const databaseUrlVariable: EnvVariable<DatabaseTarget> = {
  name: 'DATABASE_URL',
  description: 'Database: postgres://user:password@host:5432/database, or sqlite:path/to/file.sqlite',
  defaultLabel: 'SQLite file `DATA_DIR/connector.sqlite`',
  parse(raw) {
    const value = raw?.trim();
    return value ? parseDatabaseUrl(value) : { type: 'sqlite' };
  },
};

/** The URL with its password masked, for logs. */
export function describeDatabaseTarget(target: DatabaseTarget, dataDir: string): string {
  if (target.type === 'sqlite') return `sqlite:${target.path ?? `${dataDir}/connector.sqlite`}`;
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  return url.toString();
}
