import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '#common';
import { GraphqlExecutor, type GraphqlRequest } from '../graphql/graphql-executor.js';
import type { MarketplacerSimulatorConfig } from '../marketplacer-simulator.config.js';
import { SimulatedMarketplacer } from '../simulated-marketplacer.js';
import { apiKeyMatches, presentedApiKey } from './api-key.js';
import { FaultInjector } from './fault-injector.js';
import { SlidingWindowRateLimiter } from './rate-limiter.js';
import { RequestLog, type LoggedRequest } from './request-log.js';
import { delayUnlessAbandoned } from '../../http/delay-unless-abandoned.js';

/** Marketplacer's answer to a missing or wrong API key (HTTP 401). INFERRED: plain text; only the words are documented. */
export const API_KEY_REFUSED = 'API Token has expired';
/** The answer to a throttled request (HTTP 429). INFERRED: the Rack::Attack default Marketplacer's stack likely uses. */
export const THROTTLED = 'Retry later\n';

/**
 * POST /graphql the way Marketplacer answers it: injected faults first, then the API key (401), the
 * per-key rate limit (429 + Retry-After), then GraphQL: always HTTP 200 with `{data, errors}`.
 */
@Injectable()
export class MarketplacerGraphqlEndpoint {
  constructor(
    @Inject(APP_CONFIG) private readonly config: MarketplacerSimulatorConfig,
    private readonly simulated: SimulatedMarketplacer,
    private readonly executor: GraphqlExecutor,
    private readonly faults: FaultInjector,
    private readonly limiter: SlidingWindowRateLimiter,
    private readonly requests: RequestLog,
  ) {}

  async handle(req: Request, res: Response): Promise<void> {
    const body = (req.body ?? {}) as GraphqlRequest;
    const prepared = this.executor.prepare(body);
    const operationName = prepared.operationName;
    const record = (entry: Omit<LoggedRequest, 'seq' | 'at' | 'operationName' | 'variables'>): void =>
      this.requests.record({ operationName, variables: body.variables ?? null, ...entry });
    const fault = this.faults.next(prepared.operationName);
    this.requests.arrive(operationName);
    // Slow, as Marketplacer can be. A caller that hangs up (timed out, or its process killed) ends the
    // wait, and the request is still carried out, as Marketplacer would: only its answer is lost. So no
    // timer outlives the caller, and a create cut off by a crash is there for the next attempt to find.
    if (fault.latencyMs > 0) await delayUnlessAbandoned(fault.latencyMs, res);

    switch (fault.kind) {
      case 'drop':
        record({ httpStatus: null, outcome: 'dropped', graphqlErrors: false });
        req.socket.destroy();
        return;
      case 'fail':
        record({ httpStatus: fault.status, outcome: 'fault-status', graphqlErrors: false });
        res.status(fault.status).type('text/html').send(`<html><body><h1>${fault.status}</h1><p>Simulated failure.</p></body></html>`);
        return;
      case 'throttle':
        record({ httpStatus: 429, outcome: 'fault-429', graphqlErrors: false });
        res.status(429).setHeader('Retry-After', String(fault.retryAfterSeconds));
        res.type('text/plain').send(THROTTLED);
        return;
    }

    const key = presentedApiKey(req.headers);
    if (!apiKeyMatches(key, this.config.marketplacerApiKey)) {
      record({ httpStatus: 401, outcome: 'unauthorized', graphqlErrors: false });
      res.status(401).type('text/plain').send(API_KEY_REFUSED);
      return;
    }
    const decision = this.limiter.take(key!);
    if (!decision.allowed) {
      record({ httpStatus: 429, outcome: 'rate-limited', graphqlErrors: false });
      res.status(429).setHeader('Retry-After', String(decision.retryAfterSeconds));
      res.type('text/plain').send(THROTTLED);
      return;
    }

    const result = this.executor.run(prepared, body, { state: this.simulated.state });
    if (fault.kind === 'lose-answer') {
      record({ httpStatus: fault.status ?? null, outcome: 'answer-lost', graphqlErrors: Boolean(result.errors?.length) });
      if (fault.status === undefined) req.socket.destroy();
      else
        res
          .status(fault.status)
          .type('text/html')
          .send(`<html><body><h1>${fault.status}</h1><p>Simulated failure after the change was made.</p></body></html>`);
      return;
    }
    record({ httpStatus: 200, outcome: 'executed', graphqlErrors: Boolean(result.errors?.length) });
    res.status(200).json(result);
  }
}
