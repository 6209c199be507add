import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ConfigError, type EnvVariable } from '../config/env-variable.js';
import { readOrCreateDemoSecret } from './demo-secret-file.js';

export const ENCRYPTION_KEY_BYTES = 32;
export const DEMO_ENCRYPTION_KEY_FILE = 'encryption.key';

/**
 * A 32-byte AES-256 key written as 64 hex characters or as base64 / base64url (44 or 43 characters).
 * The reason never echoes the value: it is a secret.
 */
export function parseEncryptionKey(raw: string): Buffer {
  const value = raw.trim();
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length === ENCRYPTION_KEY_BYTES) return bytes;
    throw new Error(
      `must be ${ENCRYPTION_KEY_BYTES} bytes written as 64 hex characters or base64 (it decodes to ${bytes.length} bytes); generate one with: openssl rand -base64 32`,
    );
  }
  throw new Error('must be 32 bytes written as 64 hex characters or base64; generate one with: openssl rand -base64 32');
}

const encryptionKeyVariable: EnvVariable<Buffer | undefined> = {
  name: 'ENCRYPTION_KEY',
  description:
    'Key that encrypts secrets at rest (AES-256-GCM): 32 bytes as 64 hex characters or base64 (`openssl rand -base64 32`); required outside demo mode',
  defaultLabel: 'demo mode: generated once into `DATA_DIR/encryption.key`',
  parse(raw) {
    return raw === undefined || raw.trim() === '' ? undefined : parseEncryptionKey(raw);
  },
};

const previousEncryptionKeysVariable: EnvVariable<Buffer[]> = {
  name: 'ENCRYPTION_PREVIOUS_KEYS',
  description: 'Comma-separated keys that only decrypt (after a rotation, until every value has been re-encrypted with ENCRYPTION_KEY)',
  defaultLabel: 'none',
  parse(raw) {
    if (raw === undefined || raw.trim() === '') return [];
    return raw.split(',').map((part, index) => {
      try {
        return parseEncryptionKey(part);
      } catch (error) {
        throw new Error(`key #${index + 1} ${(error as Error).message}`);
      }
    });
  },
};

/** Variables of encryption at rest; a context that stores secrets spreads this into its shape. */
export const encryptionConfigShape = {
  encryptionKey: encryptionKeyVariable,
  encryptionPreviousKeys: previousEncryptionKeysVariable,
};

export interface EncryptionKeySettings {
  readonly encryptionKey: Buffer | undefined;
  readonly encryptionPreviousKeys: readonly Buffer[];
  readonly demoMode: boolean;
  readonly dataDir: string;
}

export interface ResolvedEncryptionKeys {
  current: Buffer;
  previous: Buffer[];
  /** Set when the key is the demo key kept in DATA_DIR (the caller logs it loudly). */
  demoKeyFile?: string;
}

/**
 * The rule that spans variables, without touching the disk: outside demo mode ENCRYPTION_KEY must be
 * set. Run it right after loadConfig so a missing key stops start-up with one line.
 */
export function requireEncryptionKeyOutsideDemo(settings: Pick<EncryptionKeySettings, 'encryptionKey' | 'demoMode'>): void {
  if (settings.encryptionKey === undefined && !settings.demoMode) {
    throw new ConfigError(
      'ENCRYPTION_KEY',
      'must be set outside demo mode (32 bytes as 64 hex characters or base64; generate one with: openssl rand -base64 32)',
    );
  }
}

/**
 * The configured key; in demo mode without one, the demo key in `DATA_DIR/encryption.key` (created
 * on first start with mode 0600 and reused afterwards, so stored secrets survive restarts). Outside
 * demo mode a missing key is a ConfigError naming ENCRYPTION_KEY.
 */
export function resolveEncryptionKeys(settings: EncryptionKeySettings): ResolvedEncryptionKeys {
  const previous = [...settings.encryptionPreviousKeys];
  requireEncryptionKeyOutsideDemo(settings);
  if (settings.encryptionKey) return { current: settings.encryptionKey, previous };
  const file = resolve(join(settings.dataDir, DEMO_ENCRYPTION_KEY_FILE));
  return { current: readOrCreateDemoKey(file), previous, demoKeyFile: file };
}

function readOrCreateDemoKey(file: string): Buffer {
  const text = readOrCreateDemoSecret(file, () => randomBytes(ENCRYPTION_KEY_BYTES).toString('base64'));
  try {
    return parseEncryptionKey(text);
  } catch (error) {
    throw new ConfigError('ENCRYPTION_KEY', `is unset and the demo key file ${file} is unreadable: it ${(error as Error).message}`);
  }
}
