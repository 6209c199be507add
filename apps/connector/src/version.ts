import { readFileSync } from 'node:fs';

/** The package version, read once from package.json at the working directory's root. */
export const CONNECTOR_VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync('package.json', 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
})();
