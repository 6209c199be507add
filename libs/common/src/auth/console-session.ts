import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { AdminCredential } from './admin-credential.js';

/** The cookie that carries a signed console session (never the admin token). */
export const CONSOLE_SESSION_COOKIE = 'console_session';

/** How long a console sign-in lasts. */
export const CONSOLE_SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/** Who a console request came from: a signed-in browser (its CSRF token) or a caller with the admin bearer token. */
export type ConsoleCaller = { kind: 'session'; sessionId: string; expiresAt: Date; csrfToken: string } | { kind: 'bearer' };

const CALLER = Symbol('consoleCaller');
type RequestWithConsoleCaller = Request & { [CALLER]?: ConsoleCaller };

/**
 * Console sessions: `<payload>.<mac>`, the payload a random session id and an expiry, the MAC an
 * HMAC-SHA256 under a key derived from the admin credential (so a new ADMIN_TOKEN ends every session).
 * The CSRF token of a session is another MAC of its id: a form carries it, a cross-site page cannot
 * know it. Nothing is stored: replicas verify alike.
 */
export class ConsoleSessions {
  private readonly key: Buffer;

  constructor(
    private readonly admin: AdminCredential,
    private readonly ttlMs = CONSOLE_SESSION_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.key = admin.derivedKey('console-session');
  }

  /** The admin token as typed into the sign-in form, checked in constant time. */
  credentialMatches(token: string): boolean {
    return this.admin.matches(token);
  }

  /** A new session's cookie value and its caller. */
  issue(): { cookie: string; caller: ConsoleCaller & { kind: 'session' } } {
    const sessionId = randomBytes(18).toString('base64url');
    const expiresAt = this.now() + this.ttlMs;
    const payload = Buffer.from(JSON.stringify({ sid: sessionId, exp: expiresAt }), 'utf8').toString('base64url');
    return { cookie: `${payload}.${this.mac(`session:${payload}`)}`, caller: this.callerOf(sessionId, expiresAt) };
  }

  /** The session a cookie value proves, or null (missing, forged, expired, malformed). */
  verify(cookie: string | undefined): (ConsoleCaller & { kind: 'session' }) | null {
    if (!cookie || cookie.length > 512) return null;
    const [payload, mac, ...rest] = cookie.split('.');
    if (!payload || !mac || rest.length) return null;
    if (!equal(mac, this.mac(`session:${payload}`))) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    const { sid, exp } = (parsed ?? {}) as { sid?: unknown; exp?: unknown };
    if (typeof sid !== 'string' || typeof exp !== 'number' || exp <= this.now()) return null;
    return this.callerOf(sid, exp);
  }

  /** Whether a form's CSRF token is the caller's; a bearer caller sends no cookie, so needs none. */
  csrfMatches(caller: ConsoleCaller, presented: unknown): boolean {
    if (caller.kind === 'bearer') return true;
    return typeof presented === 'string' && equal(presented, caller.csrfToken);
  }

  private callerOf(sessionId: string, expiresAt: number): ConsoleCaller & { kind: 'session' } {
    return { kind: 'session', sessionId, expiresAt: new Date(expiresAt), csrfToken: this.mac(`csrf:${sessionId}`) };
  }

  private mac(value: string): string {
    return createHmac('sha256', this.key).update(value, 'utf8').digest('base64url');
  }
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** One cookie of a `Cookie` header, or undefined (no cookie parser is installed: this is the one reader). */
export function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** Set by the access guard on a console route's request. */
export function setConsoleCaller(req: Request, caller: ConsoleCaller): void {
  (req as RequestWithConsoleCaller)[CALLER] = caller;
}

/** The console caller the access guard let in; throws on a route that is not a console route. */
export function consoleCallerOf(req: Request): ConsoleCaller {
  const caller = (req as RequestWithConsoleCaller)[CALLER];
  if (!caller) throw new Error('no console caller on this request: the route is not a @ConsoleRoute()');
  return caller;
}
