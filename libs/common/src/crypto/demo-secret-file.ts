import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A demo-mode secret kept in a file of DATA_DIR: created on first start with mode 0600 and reused
 * afterwards, so what depends on it survives restarts. Two processes starting together keep the
 * first one's ('wx' fails when the file exists). Answers the file's text, trimmed.
 */
export function readOrCreateDemoSecret(file: string, generate: () => string): string {
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${generate()}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}
