import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/env-variable.js';
import { encryptionConfigShape, parseEncryptionKey, requireEncryptionKeyOutsideDemo, resolveEncryptionKeys } from './encryption-key.js';

describe('ENCRYPTION_KEY', () => {
  const key = randomBytes(32);

  it.each([
    ['hex', key.toString('hex')],
    ['base64', key.toString('base64')],
    ['base64url', key.toString('base64url')],
  ])('accepts a 32-byte key as %s', (_form, raw) => {
    expect(parseEncryptionKey(raw).equals(key)).toBe(true);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['not a key', 'correct horse battery staple'],
    ['hex of the wrong length', randomBytes(31).toString('hex')],
  ])('refuses a key that is %s, with one line naming the variable and not echoing the value', (_case, raw) => {
    let error: unknown;
    try {
      loadConfig(encryptionConfigShape, { ENCRYPTION_KEY: raw });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^Invalid configuration: ENCRYPTION_KEY must be 32 bytes/);
    expect((error as ConfigError).message).not.toContain(raw);
    expect((error as ConfigError).message).not.toContain('\n');
  });

  it('reads previous keys for decryption only, naming a bad one by position', () => {
    const values = loadConfig(encryptionConfigShape, {
      ENCRYPTION_KEY: key.toString('hex'),
      ENCRYPTION_PREVIOUS_KEYS: `${randomBytes(32).toString('base64')}, ${key.toString('base64')}`,
    });
    expect(values.encryptionPreviousKeys).toHaveLength(2);
    expect(() => loadConfig(encryptionConfigShape, { ENCRYPTION_PREVIOUS_KEYS: `${key.toString('base64')},nope` })).toThrow(
      /^Invalid configuration: ENCRYPTION_PREVIOUS_KEYS key #2 must be 32 bytes/,
    );
  });
});

describe('resolveEncryptionKeys', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'encryption-key-'));

  it('uses the configured key and writes no file', () => {
    const key = randomBytes(32);
    const dir = dataDir();
    const resolved = resolveEncryptionKeys({ encryptionKey: key, encryptionPreviousKeys: [], demoMode: true, dataDir: dir });
    expect(resolved.current.equals(key)).toBe(true);
    expect(resolved.demoKeyFile).toBeUndefined();
    expect(() => statSync(join(dir, 'encryption.key'))).toThrow();
  });

  it('outside demo mode, refuses a missing key with one line naming ENCRYPTION_KEY', () => {
    const run = () => resolveEncryptionKeys({ encryptionKey: undefined, encryptionPreviousKeys: [], demoMode: false, dataDir: dataDir() });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/^Invalid configuration: ENCRYPTION_KEY must be set outside demo mode/);
    expect(() => requireEncryptionKeyOutsideDemo({ encryptionKey: undefined, demoMode: false })).toThrow(/^Invalid configuration: ENCRYPTION_KEY must be set/);
    expect(() => requireEncryptionKeyOutsideDemo({ encryptionKey: undefined, demoMode: true })).not.toThrow();
    expect(() => requireEncryptionKeyOutsideDemo({ encryptionKey: randomBytes(32), demoMode: false })).not.toThrow();
  });

  it('in demo mode, generates the key once into DATA_DIR/encryption.key (0600) and reuses it', () => {
    const dir = join(dataDir(), 'nested');
    const settings = { encryptionKey: undefined, encryptionPreviousKeys: [], demoMode: true, dataDir: dir };
    const first = resolveEncryptionKeys(settings);
    expect(first.demoKeyFile).toBe(join(dir, 'encryption.key'));
    expect(statSync(first.demoKeyFile!).mode & 0o777).toBe(0o600);
    expect(parseEncryptionKey(readFileSync(first.demoKeyFile!, 'utf8')).equals(first.current)).toBe(true);
    const second = resolveEncryptionKeys(settings);
    expect(second.current.equals(first.current)).toBe(true);
  });

  it('in demo mode, refuses a damaged demo key file instead of replacing it', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'encryption.key'), 'garbage\n', { mode: 0o600 });
    expect(() => resolveEncryptionKeys({ encryptionKey: undefined, encryptionPreviousKeys: [], demoMode: true, dataDir: dir })).toThrow(
      /^Invalid configuration: ENCRYPTION_KEY is unset and the demo key file .* is unreadable/,
    );
  });
});
