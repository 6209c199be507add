import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { visit, type DocumentNode } from 'graphql';
import { APP_CONFIG } from '#common';
import { GraphqlExecutor, type GraphqlRequest } from '../graphql/graphql-executor.js';
import type { MarketplacerSimulatorConfig } from '../marketplacer-simulator.config.js';
import { SimulatedMarketplacer } from '../simulated-marketplacer.js';
import { apiKeyMatches, presentedApiKey } from './api-key.js';
import { FaultInjector } from './fault-injector.js';
import { SlidingWindowRateLimiter } from './rate-limiter.js';
import { LOGGED_HEADERS, RequestLog, type LoggedHeaders, type RequestSeen } from './request-log.js';
import { delayUnlessAbandoned } from '../../http/delay-unless-abandoned.js';

/** Marketplacer's answer to a missing or wrong API key (HTTP 401). INFERRED: plain text; only the words are documented. */
export const API_KEY_REFUSED = 'API Token has expired';
/** The answer to a throttled request (HTTP 429). INFERRED: the Rack::Attack default Marketplacer's stack likely uses. */
export const THROTTLED = 'Retry later\n';
/** What a proxy in front of Marketplacer may answer, with HTTP 200, while it is down for maintenance. */
export const MAINTENANCE_PAGE = '<html><body><h1>Down for maintenance</h1><p>We will be back shortly.</p></body></html>';
/** graphql-ruby's answer to `__schema` on an instance with introspection turned off. */
export const INTROSPECTION_REFUSED = {
  message: "Field '__schema' doesn't exist on type 'Query'",
  extensions: { code: 'undefinedField', typeName: 'Query', fieldName: '__schema' },
};

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
    const seen = seenIn(req, body);
    const fault = this.faults.next(prepared.operationName);
    this.requests.arrive(operationName);
    // Slow, as Marketplacer can be. A caller that hangs up (timed out, or its process killed) ends the
    // wait, and the request is still carried out, as Marketplacer would: only its answer is lost. So no
    // timer outlives the caller, and a create cut off by a crash is there for the next attempt to find.
    if (fault.latencyMs > 0) await delayUnlessAbandoned(fault.latencyMs, res);

    switch (fault.kind) {
      case 'drop':
        this.requests.record({ operationName, httpStatus: null, outcome: 'dropped', graphqlErrors: false, ...seen });
        req.socket.destroy();
        return;
      case 'fail':
        this.requests.record({ operationName, httpStatus: fault.status, outcome: 'fault-status', graphqlErrors: false, ...seen });
        if (fault.retryAfter !== null) res.setHeader('Retry-After', fault.retryAfter);
        res.status(fault.status).type('text/html').send(`<html><body><h1>${fault.status}</h1><p>Simulated failure.</p></body></html>`);
        return;
      case 'throttle':
        this.requests.record({ operationName, httpStatus: 429, outcome: 'fault-429', graphqlErrors: false, ...seen });
        if (fault.retryAfter !== null) res.setHeader('Retry-After', fault.retryAfter);
        res.status(429).type('text/plain').send(THROTTLED);
        return;
      case 'maintenance-page':
        this.requests.record({ operationName, httpStatus: 200, outcome: 'maintenance-page', graphqlErrors: false, ...seen });
        res.status(200).type('text/html').send(MAINTENANCE_PAGE);
        return;
    }

    const key = presentedApiKey(req.headers);
    if (!apiKeyMatches(key, this.config.marketplacerApiKey)) {
      this.requests.record({ operationName, httpStatus: 401, outcome: 'unauthorized', graphqlErrors: false, ...seen });
      res.status(401).type('text/plain').send(API_KEY_REFUSED);
      return;
    }
    const decision = this.limiter.take(key!);
    if (!decision.allowed) {
      this.requests.record({ operationName, httpStatus: 429, outcome: 'rate-limited', graphqlErrors: false, ...seen });
      res.status(429).setHeader('Retry-After', String(decision.retryAfterSeconds));
      res.type('text/plain').send(THROTTLED);
      return;
    }

    const introspectionRefusal = this.faults.introspectionRefusal;
    if (introspectionRefusal && prepared.document && selectsSchema(prepared.document)) {
      const status = introspectionRefusal === 'http-400' ? 400 : 200;
      this.requests.record({ operationName, httpStatus: status, outcome: 'introspection-refused', graphqlErrors: true, ...seen });
      res.status(status).json({ errors: [INTROSPECTION_REFUSED] });
      return;
    }

    const result = this.executor.run(prepared, body, { state: this.simulated.state });
    if (fault.kind === 'lose-answer') {
      this.requests.record({ operationName, httpStatus: fault.status ?? null, outcome: 'answer-lost', graphqlErrors: Boolean(result.errors?.length), ...seen });
      if (fault.status === undefined) req.socket.destroy();
      else
        res
          .status(fault.status)
          .type('text/html')
          .send(`<html><body><h1>${fault.status}</h1><p>Simulated failure after the change was made.</p></body></html>`);
      return;
    }
    this.requests.record({ operationName, httpStatus: 200, outcome: 'executed', graphqlErrors: Boolean(result.errors?.length), ...seen });
    res.status(200).json(result);
  }
}

function seenIn(req: Request, body: GraphqlRequest): RequestSeen {
  const headers: LoggedHeaders = {};
  for (const name of LOGGED_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const variables =
    body.variables !== null && typeof body.variables === 'object' && !Array.isArray(body.variables) ? (body.variables as Record<string, unknown>) : null;
  return { variables, headers };
}

/** True when the document asks for `__schema` anywhere (the introspection query does, at its root). */
function selectsSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema') found = true;
    },
  });
  return found;
}
