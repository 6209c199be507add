import { env } from './env-variable.js';
import { databaseUrlVariable } from '../database/database-url.js';

/** Variables every deployable (connector, simulator) reads: HTTP server, logging, database, admin. */
export const httpConfigShape = {
  host: env.string({ name: 'HOST', description: 'Interface the HTTP server binds to', default: '0.0.0.0' }),
  logLevel: env.oneOf({
    name: 'LOG_LEVEL',
    description: 'Minimum level of the JSON logs',
    default: 'info',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
  }),
  bodyLimit: env.byteSize({ name: 'BODY_LIMIT', description: 'Largest accepted request body (bytes, or units such as 512kb, 2mb)', default: '2mb' }),
};

export const databaseConfigShape = {
  dataDir: env.string({ name: 'DATA_DIR', description: 'Folder for the SQLite file and generated demo keys (created if missing)', default: './data' }),
  databaseUrl: databaseUrlVariable,
  databaseRunMigrations: env.boolean({ name: 'DATABASE_RUN_MIGRATIONS', description: 'Run pending committed migrations at start-up', default: true }),
};

export const adminConfigShape = {
  adminToken: env.optionalString({
    name: 'ADMIN_TOKEN',
    description: 'Bearer credential for every /admin route (at least 16 characters)',
    defaultLabel: 'demo mode: generated once into `DATA_DIR/admin-token`; otherwise generated at start-up and printed once',
    minLength: 16,
  }),
};
