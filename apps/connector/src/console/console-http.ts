import { type PipeTransform } from '@nestjs/common';
import type { Request, Response } from 'express';
import { MAX_ROW_ID } from '#common';
import type { Flash } from './console-actions.service.js';
import { CONSOLE_BASE } from './console-paths.js';
import { consoleErrors } from './console.errors.js';
import type { Html } from './html.js';

/**
 * The pages' own policy, stricter than the API's: no script at all, styles inline, forms only to the
 * console. (The API's policy, from helmet, also asks browsers to upgrade requests to HTTPS, which a
 * console reached over plain HTTP on a private network could not follow.)
 */
export const CONSOLE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const FLASH_COOKIE = 'console_flash';

/** The console's cookies: HttpOnly, SameSite=Strict, scoped to the console's paths, Secure when the request came over HTTPS. */
export function cookieOptions(req: Request, maxAgeMs?: number) {
  return { httpOnly: true, sameSite: 'strict' as const, path: CONSOLE_BASE, secure: req.secure, ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }) };
}

export function sendPage(res: Response, status: number, page: Html): void {
  res.status(status).type('html').setHeader('Cache-Control', 'no-store').setHeader('Content-Security-Policy', CONSOLE_CSP).send(page.text);
}

/** After an action: back to `to` (303, so the browser GETs it), with the message for the next page. */
export function redirectWithFlash(req: Request, res: Response, to: string, flash: Flash): void {
  const value = Buffer.from(JSON.stringify({ kind: flash.kind, text: flash.text.slice(0, 1000) }), 'utf8').toString('base64url');
  res.cookie(FLASH_COOKIE, value, cookieOptions(req, 60_000));
  res.redirect(303, to);
}

/** The message the last action left (read once: the cookie is cleared), or null. */
export function takeFlash(req: Request, res: Response, read: (header: string | undefined, name: string) => string | undefined): Flash | null {
  const value = read(req.header('cookie'), FLASH_COOKIE);
  if (value === undefined) return null;
  res.clearCookie(FLASH_COOKIE, cookieOptions(req));
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { kind?: unknown; text?: unknown };
    if ((parsed.kind === 'ok' || parsed.kind === 'error') && typeof parsed.text === 'string') return { kind: parsed.kind, text: parsed.text.slice(0, 1000) };
  } catch {
    // A cookie the console did not write: no message.
  }
  return null;
}

/** A row id in a console path: digits, 1 to MAX_ROW_ID (a larger one names nothing; Postgres would refuse it). */
export class ConsoleIdPipe implements PipeTransform<string, number> {
  constructor(private readonly name: string) {}

  transform(value: string): number {
    if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > MAX_ROW_ID) throw consoleErrors.invalidId(this.name);
    return Number(value);
  }
}
