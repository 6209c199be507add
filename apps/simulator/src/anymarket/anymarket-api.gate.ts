import { createParamDecorator, type ExecutionContext, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { SIMULATED_ANYMARKET_API_PATH } from '#anymarket';
import { readBodyNow } from '#common';
import { delayUnlessAbandoned } from '../http/delay-unless-abandoned.js';
import { AnymarketSimulatorState, type SimulatedAnymarketCall, type SimulatedFault } from './anymarket-simulator.state.js';
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
 * any injected fault (before serving, or after it for a lost answer), checks the `appId` and `token`
 * headers (401 `{code, message}`), and serves at most the configured requests per second per token
 * (then 429 with Retry-After).
 */
@Injectable()
export class AnymarketApiGate implements NestMiddleware {
  constructor(private readonly state: AnymarketSimulatorState) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    await readBodyNow(req); // recorded below, before any guard (the app reads bodies after its guard)
    const appId = req.header('appId') ?? null;
    const token = req.header('token') ?? null;
    const path = req.originalUrl.split('?')[0];
    const call: SimulatedAnymarketCall = {
      at: new Date().toISOString(),
      method: req.method,
      path,
      query: { ...req.query },
      appId,
      tokenHint: token === null ? null : `…${token.slice(-4)}`,
      body: req.body ?? null,
      status: undefined,
    };
    this.state.record(call);
    res.on('finish', () => (call.status = res.statusCode));

    const apiPath = path.startsWith(SIMULATED_ANYMARKET_API_PATH) ? path.slice(SIMULATED_ANYMARKET_API_PATH.length) : path;
    const fault = this.state.takeFault(req.method, apiPath);
    if (fault?.delayMs && !(await delayUnlessAbandoned(fault.delayMs, res))) return;
    if (fault?.afterServe) loseAnswer(res, fault, call);
    else if (fault?.status) return sendAnymarketError(res, faultError(fault, fault.status));
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
}

function faultError(fault: SimulatedFault, status: number): SimulatedAnymarketError {
  const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
  return new SimulatedAnymarketError(status, 'Falha simulada.', headers);
}

/**
 * Lets the call be served, then loses its answer: the first `send` (every answer of the app goes
 * through it: Nest's `json`, the error filters) is replaced by the fault's error status, or by a
 * destroyed connection when the fault has no status. The call keeps what it was served in `servedStatus`.
 */
function loseAnswer(res: Response, fault: SimulatedFault, call: SimulatedAnymarketCall): void {
  const send = res.send.bind(res);
  res.send = ((): Response => {
    res.send = send;
    call.servedStatus = res.statusCode;
    if (fault.status !== undefined) {
      sendAnymarketError(res, faultError(fault, fault.status));
      return res;
    }
    res.socket?.destroy();
    return res;
  }) as Response['send'];
}
