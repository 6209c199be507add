import type { DatabaseConfig } from '#common';

/** What the system context shows of the running connector's config (GET /admin/system). */
export type SystemConfig = Pick<DatabaseConfig, 'databaseUrl'> & {
  readonly demoMode: boolean;
  readonly marketplacerApiUrl?: string;
  readonly simulatorUrl: string;
};
