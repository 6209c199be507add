import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../errors/domain-error.js';
import { withoutStack } from '../errors/without-stack.js';
import { AdminCredential, bearerToken } from './admin-credential.js';
import { AnymarketTokenGuard } from './anymarket-token-guard.js';
import { MarketplacerWebhookVerifier } from './marketplacer-webhook-verifier.js';
import { ERROR_RENDERER, type ErrorRenderer, type RequestWithErrorRenderer } from '../errors/all-exceptions.filter.js';
import { toAnymarketError, toAnymarketStatusError } from '../errors/error-response.js';
import { htmlErrorRenderer } from '../errors/html-error-page.js';
import { CONSOLE_SESSION_COOKIE, ConsoleSessions, cookieOf, setConsoleCaller } from './console-session.js';
import { CONSOLE_SIGN_IN_PATH, ERROR_STYLE, ROUTE_ACCESS, type ErrorStyle, type RouteAccess } from './route-access.js';
import { Metrics } from '../metrics/metrics.js';
import { webhookDeliveries } from '../metrics/webhook-deliveries.js';

export const ADMIN_CREDENTIAL = Symbol('AdminCredential');

/** Error formats other than the filter's default JSON body. */
const RENDERERS: Partial<Record<ErrorStyle, ErrorRenderer>> = {
  anymarket: (status, error, res) => res.status(status).json(toAnymarketError(error)),
  'bare-false': (status, _error, res) => res.status(status).json(false),
  'anymarket-status': (status, error, res) => res.status(status).json(toAnymarketStatusError(error)),
  html: htmlErrorRenderer(undefined),
};

/** Registered as APP_GUARD: every route must declare its caller, and is checked accordingly. */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');
  private readonly webhookDeliveries;

  constructor(
    private readonly reflector: Reflector,
    @Inject(ADMIN_CREDENTIAL) private readonly admin: AdminCredential,
    @Optional() private readonly anymarket?: AnymarketTokenGuard,
    @Optional() private readonly webhooks?: MarketplacerWebhookVerifier,
    @Optional() private readonly consoleSessions?: ConsoleSessions,
    @Optional() metrics?: Metrics,
  ) {
    this.webhookDeliveries = metrics && webhookDeliveries(metrics);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<RequestWithErrorRenderer>();
    // The guard is the first step that knows the handler, so it picks the error format for the rest.
    const errorStyle = this.reflector.getAllAndOverride<ErrorStyle | undefined>(ERROR_STYLE, [context.getHandler(), context.getClass()]);
    const signInPath = this.reflector.getAllAndOverride<string | undefined>(CONSOLE_SIGN_IN_PATH, [context.getHandler(), context.getClass()]);
    const renderer = signInPath ? htmlErrorRenderer(signInPath) : RENDERERS[errorStyle ?? (access === 'anymarket' ? 'anymarket' : 'json')];
    if (renderer) req[ERROR_RENDERER] = renderer;
    switch (access) {
      case 'public':
        return true;
      case 'marketplacer-webhook':
        // Marketplacer-Hmac-256 over the raw body; the verifier logs why it refused (never the body).
        if (this.webhooks?.verify(req)) return true;
        if (!this.webhooks) this.logger.error({ path: req.path, msg: 'no verifier of Marketplacer webhook signatures; denied' });
        this.webhookDeliveries?.inc({ outcome: 'refused' });
        throw new DomainError('UNAUTHENTICATED', 'unauthenticated', 'A valid Marketplacer-Hmac-256 signature is required');
      case 'admin':
        return this.checkAdmin(req);
      case 'anymarket':
        return this.checkAnymarket(context, req);
      case 'console':
        return this.checkConsole(req);
      default:
        this.logger.error({ path: req.path, msg: 'route declares no access rule; denied' });
        throw new DomainError('UNAUTHENTICATED', 'unauthenticated', 'Authentication is required');
    }
  }

  /**
   * Refusals are logged once, by the exception filter, with why (the error's cause): a refused token
   * or credential costs one warn line besides the request line.
   */
  private checkAdmin(req: Request): true {
    const token = bearerToken(req.header('authorization'));
    if (token && this.admin.matches(token)) return true;
    const cause = token ? 'wrong admin credential' : 'missing admin credential';
    throw withoutStack(() => new DomainError('UNAUTHENTICATED', 'unauthenticated', 'A valid admin bearer credential is required', [], { cause }));
  }

  /**
   * A console page or action: a valid signed session cookie, or the admin bearer token (scripts). The
   * renderer set above answers a page asked for without either with a 303 to the sign-in page.
   */
  private checkConsole(req: Request): true {
    const session = this.consoleSessions?.verify(cookieOf(req.header('cookie'), CONSOLE_SESSION_COOKIE));
    if (session) {
      setConsoleCaller(req, session);
      return true;
    }
    const token = bearerToken(req.header('authorization'));
    if (token && this.admin.matches(token)) {
      setConsoleCaller(req, { kind: 'bearer' });
      return true;
    }
    const cookie = cookieOf(req.header('cookie'), CONSOLE_SESSION_COOKIE);
    const cause = token ? 'wrong admin credential' : cookie ? 'expired or invalid console session' : 'no console session';
    throw withoutStack(() => new DomainError('UNAUTHENTICATED', 'unauthenticated', 'Sign in to the console with the admin token', [], { cause }));
  }

  /** The ANYMARKET library's Passport guard (its verified-token cache first); it throws why it refused. */
  private async checkAnymarket(context: ExecutionContext, req: Request): Promise<true> {
    let refusal: unknown = 'no x-anymarket-token guard is provided';
    if (this.anymarket) {
      try {
        if (await this.anymarket.canActivate(context)) return true;
        refusal = 'refused';
      } catch (error) {
        refusal = error;
      }
    } else {
      this.logger.error({ path: req.path, msg: 'no x-anymarket-token guard; denied' });
    }
    throw withoutStack(() => new DomainError('UNAUTHENTICATED', 'unauthenticated', 'A valid x-anymarket-token is required', [], { cause: refusal }));
  }
}
