import type { ConfigValues } from './env-variable.js';
import type { adminConfigShape, databaseConfigShape, httpConfigShape } from './common.config.js';

/** Injection token for the validated configuration object of the running app. */
export const APP_CONFIG = Symbol('AppConfig');

export type HttpConfig = ConfigValues<typeof httpConfigShape> & { readonly port: number };
export type DatabaseConfig = ConfigValues<typeof databaseConfigShape>;
export type AdminConfig = ConfigValues<typeof adminConfigShape>;
