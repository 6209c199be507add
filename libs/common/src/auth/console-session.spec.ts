import { AdminCredential } from './admin-credential.js';
import { ConsoleSessions, cookieOf } from './console-session.js';

describe('ConsoleSessions', () => {
  const credential = AdminCredential.fromConfig('configured-admin-token-123').credential;
  let now = 1_000_000;
  const sessions = new ConsoleSessions(credential, 60_000, () => now);

  it('issues a signed session that verifies, never holding the token, with a CSRF token bound to it', () => {
    const { cookie, caller } = sessions.issue();
    expect(cookie).not.toContain('configured-admin-token-123');
    const verified = sessions.verify(cookie);
    expect(verified).toEqual(caller);
    expect(sessions.csrfMatches(verified!, caller.csrfToken)).toBe(true);
    expect(sessions.csrfMatches(verified!, sessions.issue().caller.csrfToken)).toBe(false);
    expect(sessions.csrfMatches(verified!, undefined)).toBe(false);
    expect(sessions.csrfMatches(verified!, [caller.csrfToken])).toBe(false);
    expect(sessions.csrfMatches({ kind: 'bearer' }, undefined)).toBe(true);
  });

  it('refuses a tampered, malformed, expired or foreign session', () => {
    const { cookie } = sessions.issue();
    const [payload, mac] = cookie.split('.');
    const longer = Buffer.from(JSON.stringify({ sid: 'x', exp: now + 10 ** 12 })).toString('base64url');
    expect(sessions.verify(`${longer}.${mac}`)).toBeNull();
    expect(sessions.verify(`${payload}.${mac.slice(0, -2)}aa`)).toBeNull();
    expect(sessions.verify(payload)).toBeNull();
    expect(sessions.verify(`${cookie}.x`)).toBeNull();
    expect(sessions.verify(undefined)).toBeNull();
    expect(sessions.verify('x'.repeat(5000))).toBeNull();
    const other = new ConsoleSessions(AdminCredential.fromConfig('another-admin-token-456').credential, 60_000, () => now);
    expect(other.verify(cookie)).toBeNull();
    now += 60_001;
    expect(sessions.verify(cookie)).toBeNull();
  });

  it('checks the admin token typed into the form', () => {
    expect(sessions.credentialMatches('configured-admin-token-123')).toBe(true);
    expect(sessions.credentialMatches('configured-admin-token-12')).toBe(false);
  });
});

describe('cookieOf', () => {
  it('reads one cookie of a Cookie header', () => {
    expect(cookieOf('a=1; console_session=abc.def; b=2', 'console_session')).toBe('abc.def');
    expect(cookieOf('xconsole_session=1', 'console_session')).toBeUndefined();
    expect(cookieOf(undefined, 'console_session')).toBeUndefined();
  });
});
