import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error-response.js';

/**
 * Who may call a route. The global access guard denies any route that declares none, so a new
 * controller is closed until it says which caller it serves.
 */
export type RouteAccess = 'public' | 'admin' | 'anymarket' | 'marketplacer-webhook' | 'console';

export const ROUTE_ACCESS = 'routeAccess';
export const ADMIN_SECURITY = 'admin';
export const ANYMARKET_SECURITY = 'x-anymarket-token';

/** Reachable by anyone (health). */
export const PublicRoute = () => SetMetadata(ROUTE_ACCESS, 'public' satisfies RouteAccess);

/** Admin API: `Authorization: Bearer <ADMIN_TOKEN>`. */
export const AdminRoute = () =>
  applyDecorators(
    SetMetadata(ROUTE_ACCESS, 'admin' satisfies RouteAccess),
    ApiBearerAuth(ADMIN_SECURITY),
    ApiUnauthorizedResponse({ description: 'Missing or wrong admin credential', type: ErrorResponseDto }),
  );

/** ANYMARKET remotes: a valid `x-anymarket-token` (checked by the ANYMARKET library's Passport guard, through the access guard). */
export const AnymarketRoute = () => applyDecorators(SetMetadata(ROUTE_ACCESS, 'anymarket' satisfies RouteAccess), ApiSecurity(ANYMARKET_SECURITY));

/**
 * Marketplacer webhooks, authenticated by their `Marketplacer-Hmac-256` signature over the raw body
 * (the `MarketplacerWebhookVerifier`); the route must be one of configureHttpApp's `rawBodyRoutes`.
 * Denied when no verifier is provided or the body did not arrive raw: a webhook route is never open.
 */
export const MarketplacerWebhookRoute = () => SetMetadata(ROUTE_ACCESS, 'marketplacer-webhook' satisfies RouteAccess);

export const ERROR_STYLE = 'errorStyle';
/**
 * How a route answers failures: `json` is the connector's `{error: {…}}`; ANYMARKET remotes answer in
 * ANYMARKET's own `{code, message}` (`anymarket`, their default), bare `false` (`bare-false`), or
 * `{status, code, message}` where remote_pt.yaml documents a `{status}` body (`anymarket-status`); the
 * console's pages answer a small HTML page (`html`).
 */
export type ErrorStyle = 'json' | 'anymarket' | 'bare-false' | 'anymarket-status' | 'html';

/**
 * ANYMARKET's activation remotes answer every failure with the bare JSON body `false` (and the
 * status code), not the JSON error object. Applies to guard rejections too.
 */
export const AnswersBareFalseOnError = () => SetMetadata(ERROR_STYLE, 'bare-false' satisfies ErrorStyle);

/**
 * ANYMARKET remotes whose error body remote_pt.yaml documents as `{status}` (the NF-e XML remote's 401)
 * answer every failure with `status` (the message, field details folded in) besides `code` and `message`.
 * Applies to guard rejections too.
 */
export const AnswersStatusBodyOnError = () => SetMetadata(ERROR_STYLE, 'anymarket-status' satisfies ErrorStyle);

export const CONSOLE_SIGN_IN_PATH = 'consoleSignInPath';

/**
 * The operators' console (server-rendered pages): a signed console session cookie (ConsoleSessions)
 * or the admin bearer token. Failures answer as an HTML page; a page asked for without a session is
 * a 303 to `signInPath`. A form the route takes must carry the session's CSRF token (the route checks it).
 */
export const ConsoleRoute = (signInPath: string) =>
  applyDecorators(
    SetMetadata(ROUTE_ACCESS, 'console' satisfies RouteAccess),
    SetMetadata(CONSOLE_SIGN_IN_PATH, signInPath),
    SetMetadata(ERROR_STYLE, 'html' satisfies ErrorStyle),
  );

/** The console's sign-in pages: open to anyone (they ask for the admin token), failures as an HTML page. */
export const ConsoleSignInRoute = () => applyDecorators(PublicRoute(), SetMetadata(ERROR_STYLE, 'html' satisfies ErrorStyle));
