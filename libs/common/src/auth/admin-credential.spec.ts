import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminCredential } from './admin-credential.js';

describe('AdminCredential.fromConfig', () => {
  it('uses the configured token', () => {
    const { credential, source } = AdminCredential.fromConfig('configured-admin-token-123');
    expect(source).toEqual({ kind: 'configured' });
    expect(credential.matches('configured-admin-token-123')).toBe(true);
    expect(credential.matches('configured-admin-token-12')).toBe(false);
  });

  it('in demo mode keeps a generated token in DATA_DIR/admin-token (0600), the same across restarts', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'admin-credential-'));
    const first = AdminCredential.fromConfig(undefined, { dataDir });
    const again = AdminCredential.fromConfig(undefined, { dataDir });
    expect(first.source).toMatchObject({ kind: 'demo-file', file: join(dataDir, 'admin-token') });
    const token = (first.source as { token: string }).token;
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(again.source).toMatchObject({ token });
    expect(again.credential.matches(token)).toBe(true);
    expect(statSync(join(dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
  });

  it('outside demo mode generates one for this run only', () => {
    const a = AdminCredential.fromConfig(undefined);
    const b = AdminCredential.fromConfig(undefined);
    expect(a.source.kind).toBe('generated');
    expect((a.source as { token: string }).token).not.toBe((b.source as { token: string }).token);
  });
});
