import { setTimeout as sleep } from 'node:timers/promises';
import { createParamDecorator, type ExecutionContext, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AnymarketSimulatorState } from './anymarket-simulator.state.js';
import { sendAnymarketError, SimulatedAnymarketError } from './simulated-anymarket-error.js';

const SELLER_TOKEN = Symbol('simulatedSellerToken');
type RequestWithSeller = Request & { [SELLER_TOKEN]?: string };

/** Handler parameter: the token of the seller the gate let through. */
export const SellerToken = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const token = context.switchToHttp().getRequest<RequestWithSeller>()[SELLER_TOKEN];
  if (token === undefined) throw new Error('SellerToken used outside the simulated ANYMARKET API');
  return token;
});

/**
 * In front of every simulated marketplace-API route, as ANYMARKET would be: records the call, plays
 * any injected fault, checks the `appId` and `token` headers (401 `{code, message}`), and serves at
 * most the configured requests per second per token (then 429 with Retry-After).
 */
@Injectable()
export class AnymarketApiGate implements NestMiddleware {
  constructor(private readonly state: AnymarketSimulatorState) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const appId = req.header('appId') ?? null;
    const token = req.header('token') ?? null;
    const call = {
      at: new Date().toISOString(),
      method: req.method,
      path: req.originalUrl.split('?')[0],
      query: { ...req.query },
      appId,
      tokenHint: token === null ? null : `…${token.slice(-4)}`,
      body: req.body ?? null,
      status: undefined as number | undefined,
    };
    this.state.record(call);
    res.on('finish', () => (call.status = res.statusCode));

    const fault = this.state.takeFault();
    if (fault?.delayMs && !(await this.delayUnlessAbandoned(fault.delayMs, res))) return;
    if (fault?.status) {
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      return sendAnymarketError(res, new SimulatedAnymarketError(fault.status, 'Falha simulada.', headers));
    }
    if (appId !== this.state.settings.simulatorAnymarketAppId) {
      return sendAnymarketError(res, new SimulatedAnymarketError(401, 'appId inválido ou não informado.'));
    }
    if (token === null || !this.state.sellers.has(token)) {
      return sendAnymarketError(res, new SimulatedAnymarketError(401, 'Token inválido ou não informado.'));
    }
    const waitMs = this.state.rateLimit.tryAccept(token);
    if (waitMs !== undefined) {
      const limit = this.state.settings.simulatorAnymarketRateLimitPerSecond;
      const retryAfter = String(Math.max(1, Math.ceil(waitMs / 1000)));
      return sendAnymarketError(res, new SimulatedAnymarketError(429, `Limite de ${limit} requisições por segundo excedido.`, { 'retry-after': retryAfter }));
    }
    (req as RequestWithSeller)[SELLER_TOKEN] = token;
    next();
  }

  /** Waits, unless the caller hangs up first (a client that timed out): then false, and nothing is answered. */
  private async delayUnlessAbandoned(delayMs: number, res: Response): Promise<boolean> {
    const hangUp = new AbortController();
    const onClose = () => hangUp.abort();
    res.once('close', onClose);
    try {
      await sleep(delayMs, undefined, { signal: hangUp.signal });
      return true;
    } catch {
      return false;
    } finally {
      res.off('close', onClose);
    }
  }
}
