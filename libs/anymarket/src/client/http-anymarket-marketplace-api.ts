import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import {
  AttemptFailure,
  type AttemptContext,
  realTiming,
  REMOTE_BUDGET_STORE,
  RemoteActivity,
  RemoteCallPolicy,
  type RemoteBudget,
  type RemoteBudgetStore,
  type RemoteCall,
} from '#common';
import { ANYMARKET_SETTINGS, type AnymarketSettings } from '../anymarket.config.js';
import type { AnymarketConfiguration } from '../contract/configuration.js';
import type { AnymarketErrorBody } from '../contract/error-body.js';
import type { FreightQuoteRequest, FreightQuoteResponse } from '../contract/freight.js';
import type {
  ListOrdersQuery,
  Order,
  OrderDelivery,
  OrderPage,
  OrderPost,
  OrderShipment,
  OrderStatusDate,
  OrderTransmissionStatusUpdate,
} from '../contract/order.js';
import type { SkuMarketplace, SkuMarketplacePriceStock, SkuMarketplaceUpdate } from '../contract/sku-marketplace.js';
import type { AnymarketAccountContext } from './anymarket-account.js';
import { ANYMARKET_BUDGET, anymarketBudget } from './anymarket-budget.js';
import { AnymarketError, type AnymarketErrorCode } from './anymarket-error.js';
import { AnymarketMarketplaceApi } from './anymarket-marketplace-api.port.js';

type Method = 'GET' | 'POST' | 'PUT';
type Query = Record<string, string | number | boolean | undefined>;

interface ApiRequest {
  operation: string;
  method: Method;
  path: string;
  query?: Query;
  body?: unknown;
}

/** One failed attempt: an answer that is not 2xx, or no answer (network failure, timeout). */
type Attempt = { response: Response; text: string } | { failure: 'network' | 'timeout'; cause: unknown };

/** The longest single backoff after a 5xx or network error. */
const MAX_BACKOFF_MS = 30_000;
/** The longest wait a `Retry-After` may impose on one attempt (it then tries again anyway). */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * The marketplace API over fetch: `appId` + the seller's `token` headers, base URL by the account's
 * sandbox flag, each request through the one RemoteCallPolicy: the token's budget
 * (ANYMARKET_RATE_LIMIT_PER_SECOND, shared by every replica on Postgres), a circuit breaker per base
 * URL, a timeout, and retries with full-jitter backoff on 429/5xx/network errors/timeouts
 * (`Retry-After` honoured). POST /orders is retried too: a repeat that reached ANYMARKET answers
 * "pedido já existe", which callers accept.
 */
@Injectable()
export class HttpAnymarketMarketplaceApi extends AnymarketMarketplaceApi {
  private readonly logger = new Logger('AnymarketApi');
  private readonly budget: RemoteBudget;
  /** One policy (so one circuit) per base URL: production and sandbox fail independently. */
  private readonly policies = new Map<string, RemoteCallPolicy<Attempt>>();

  constructor(
    @Inject(ANYMARKET_SETTINGS) private readonly settings: AnymarketSettings,
    @Optional() @Inject(REMOTE_BUDGET_STORE) store?: RemoteBudgetStore,
    @Optional() private readonly activity?: RemoteActivity,
    @Optional() @Inject(ANYMARKET_BUDGET) budget?: RemoteBudget,
  ) {
    super();
    // Without the app's budget (a client built by hand, as in tests) it lives in this process's memory.
    this.budget = budget ?? anymarketBudget(settings, store, undefined, activity);
  }

  async getConfigurations(account: AnymarketAccountContext): Promise<AnymarketConfiguration[]> {
    const answer = await this.send<AnymarketConfiguration | AnymarketConfiguration[]>(account, {
      operation: 'getConfigurations',
      method: 'GET',
      path: '/configuration',
    });
    return Array.isArray(answer) ? answer : [answer];
  }

  getConfiguration(account: AnymarketAccountContext, id: number): Promise<AnymarketConfiguration> {
    return this.send(account, { operation: 'getConfiguration', method: 'GET', path: `/configuration/${segment(id)}` });
  }

  getSkuMarketplace(account: AnymarketAccountContext, id: number): Promise<SkuMarketplace> {
    return this.send(account, { operation: 'getSkuMarketplace', method: 'GET', path: `/skumarketplace/${segment(id)}` });
  }

  getSkuMarketplacePriceStock(account: AnymarketAccountContext, id: number): Promise<SkuMarketplacePriceStock> {
    return this.send(account, { operation: 'getSkuMarketplacePriceStock', method: 'GET', path: `/skumarketplace/${segment(id)}/priceStock` });
  }

  updateSkuMarketplace(account: AnymarketAccountContext, id: number, update: SkuMarketplaceUpdate): Promise<SkuMarketplace> {
    return this.send(account, { operation: 'updateSkuMarketplace', method: 'PUT', path: `/skumarketplace/${segment(id)}`, body: update });
  }

  createOrder(account: AnymarketAccountContext, order: OrderPost, options: { orderNewPattern?: boolean } = {}): Promise<Order> {
    return this.send(account, { operation: 'createOrder', method: 'POST', path: '/orders', query: { orderNewPattern: options.orderNewPattern }, body: order });
  }

  getOrder(account: AnymarketAccountContext, id: string | number): Promise<Order> {
    return this.send(account, { operation: 'getOrder', method: 'GET', path: `/orders/${segment(id)}` });
  }

  listOrders(account: AnymarketAccountContext, query: ListOrdersQuery = {}): Promise<OrderPage> {
    return this.send(account, { operation: 'listOrders', method: 'GET', path: '/orders', query: { ...query } });
  }

  markAsPaid(account: AnymarketAccountContext, marketPlaceId: string, body: OrderStatusDate = {}): Promise<Order> {
    return this.markAs(account, 'markAsPaid', marketPlaceId, body);
  }

  markAsCanceled(account: AnymarketAccountContext, marketPlaceId: string, body: Required<OrderStatusDate>): Promise<Order> {
    return this.markAs(account, 'markAsCanceled', marketPlaceId, body);
  }

  markAsInvoiced(account: AnymarketAccountContext, marketPlaceId: string, body: OrderStatusDate = {}): Promise<Order> {
    return this.markAs(account, 'markAsInvoiced', marketPlaceId, body);
  }

  markAsShipped(account: AnymarketAccountContext, marketPlaceId: string, body: OrderShipment): Promise<Order> {
    return this.markAs(account, 'markAsShipped', marketPlaceId, body);
  }

  markAsDelivered(account: AnymarketAccountContext, marketPlaceId: string, body: OrderDelivery): Promise<Order> {
    return this.markAs(account, 'markAsDelivered', marketPlaceId, body);
  }

  updateOrderTransmissionStatus(account: AnymarketAccountContext, marketPlaceId: string, update: OrderTransmissionStatusUpdate): Promise<Order> {
    return this.send(account, {
      operation: 'updateOrderTransmissionStatus',
      method: 'PUT',
      path: `/orders/${segment(marketPlaceId)}/transmissionStatus`,
      body: update,
    });
  }

  quoteFreight(account: AnymarketAccountContext, request: FreightQuoteRequest): Promise<FreightQuoteResponse> {
    return this.send(account, { operation: 'quoteFreight', method: 'POST', path: '/freight', body: request });
  }

  private markAs(account: AnymarketAccountContext, transition: string, marketPlaceId: string, body: object): Promise<Order> {
    return this.send(account, { operation: transition, method: 'PUT', path: `/orders/${segment(marketPlaceId)}/${transition}`, body });
  }

  private async send<T>(account: AnymarketAccountContext, request: ApiRequest): Promise<T> {
    const url = this.urlFor(account, request);
    const call: RemoteCall = { operation: request.operation, budgetKey: account.token, operationClass: request.method === 'GET' ? 'read' : 'write' };
    const text = await this.policyFor(account).execute(call, ({ signal, timedOut, traceparent }) =>
      this.attempt(account, request, url, { signal, timedOut, traceparent }),
    );
    return parseAnswer<T>(request, text);
  }

  private policyFor(account: AnymarketAccountContext): RemoteCallPolicy<Attempt> {
    const base = account.useSandbox ? this.settings.sandboxApiUrl : this.settings.apiUrl;
    let policy = this.policies.get(base);
    if (!policy) {
      policy = new RemoteCallPolicy<Attempt>({
        remote: 'ANYMARKET',
        maxAttempts: this.settings.maxAttempts,
        retryBaseMs: this.settings.retryBaseMs,
        maxBackoffMs: MAX_BACKOFF_MS,
        maxRetryAfterMs: MAX_RETRY_AFTER_MS,
        timeoutMs: this.settings.timeoutMs,
        breaker: { consecutiveFailures: this.settings.breakerFailures, halfOpenAfterMs: this.settings.breakerCooldownMs },
        budget: this.budget,
        timing: realTiming,
        logger: this.logger,
        activity: this.activity && { report: this.activity, remote: 'anymarket', policyId: base },
        errors: {
          gaveUp: (failure, _reason, _attempts, call) => failureOf(call.operation, failure.detail),
          circuitOpen: (call, cause) =>
            new AnymarketError(
              'ANYMARKET_UNAVAILABLE',
              `ANYMARKET call ${call.operation} was not sent: ANYMARKET keeps failing, so calls fail fast until a probe succeeds (circuit open)`,
              { operation: call.operation },
              { cause },
            ),
          budgetRefused: (call, cause) =>
            new AnymarketError(
              cause.code === 'REMOTE_BUDGET_WAIT_EXCEEDED' ? 'ANYMARKET_RATE_LIMITED' : 'ANYMARKET_UNAVAILABLE',
              `ANYMARKET call ${call.operation}: ${cause.message}`,
              { operation: call.operation },
              { cause },
            ),
        },
      });
      this.policies.set(base, policy);
    }
    return policy;
  }

  /** One request; a 2xx answer's text, or an AttemptFailure telling the policy whether to retry. */
  private async attempt(
    account: AnymarketAccountContext,
    request: ApiRequest,
    url: string,
    { signal, timedOut, traceparent }: AttemptContext,
  ): Promise<string> {
    const started = Date.now();
    let outcome: Attempt;
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: {
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          appId: this.settings.appId,
          token: account.token,
          // The flow's trace, with this attempt's span as the parent.
          traceparent,
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
      const text = await response.text();
      this.logger.debug({
        msg: 'ANYMARKET call',
        operation: request.operation,
        method: request.method,
        status: response.status,
        durationMs: Date.now() - started,
      });
      if (response.ok) return text;
      outcome = { response, text };
    } catch (cause) {
      outcome = { failure: timedOut() ? 'timeout' : 'network', cause };
    }
    throw attemptFailure(outcome);
  }

  private urlFor(account: AnymarketAccountContext, request: ApiRequest): string {
    const base = account.useSandbox ? this.settings.sandboxApiUrl : this.settings.apiUrl;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) params.set(key, String(value));
    const search = params.toString() ? `?${params.toString()}` : '';
    return `${base}${request.path}${search}`;
  }
}

function segment(id: string | number): string {
  return encodeURIComponent(String(id));
}

function parseAnswer<T>(request: ApiRequest, text: string): T {
  if (text.trim() === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new AnymarketError(
      'ANYMARKET_UNAVAILABLE',
      `ANYMARKET answered ${request.operation} with something that is not JSON`,
      { operation: request.operation },
      { cause },
    );
  }
}

/**
 * What a failed attempt tells the policy. Every ANYMARKET call may be repeated (reads, PUTs of a
 * state, and POST /orders whose repeat is answered "pedido já existe"), so only 4xx other than 429
 * are final; 5xx, timeouts and network failures count towards opening the circuit.
 */
function attemptFailure(outcome: Attempt): AttemptFailure<Attempt> {
  if ('failure' in outcome)
    return new AttemptFailure('unknown', outcome, { outage: true }, `ANYMARKET call ${outcome.failure === 'timeout' ? 'timed out' : 'failed'}`);
  const { status, headers } = outcome.response;
  const said = `HTTP ${status}`;
  if (status === 429) return new AttemptFailure('not-applied', outcome, { rateLimited: true, retryAfter: headers.get('retry-after'), status }, said);
  if (status === 503) return new AttemptFailure('not-applied', outcome, { outage: true, retryAfter: headers.get('retry-after'), status }, said);
  if (status >= 500) return new AttemptFailure('unknown', outcome, { outage: true, retryAfter: headers.get('retry-after'), status }, said);
  return new AttemptFailure('final', outcome, { status }, said);
}

function failureOf(operation: string, outcome: Attempt): AnymarketError {
  if ('failure' in outcome) {
    return outcome.failure === 'timeout'
      ? new AnymarketError('ANYMARKET_TIMEOUT', `ANYMARKET did not answer ${operation} in time`, { operation }, { cause: outcome.cause })
      : new AnymarketError('ANYMARKET_UNAVAILABLE', `ANYMARKET could not be reached for ${operation}`, { operation }, { cause: outcome.cause });
  }
  const status = outcome.response.status;
  const body = errorBody(outcome.text);
  const code = codeFor(status);
  const said = body?.message ? `: ${body.message}` : '';
  return new AnymarketError(code, `ANYMARKET answered ${operation} with ${status}${said}`, {
    operation,
    status,
    anymarketCode: body ? String(body.code) : undefined,
    anymarketMessage: body?.message,
  });
}

function codeFor(status: number): AnymarketErrorCode {
  if (status === 401 || status === 403) return 'ANYMARKET_AUTHENTICATION_FAILED';
  if (status === 404) return 'ANYMARKET_NOT_FOUND';
  if (status === 429) return 'ANYMARKET_RATE_LIMITED';
  if (status >= 500) return 'ANYMARKET_UNAVAILABLE';
  return 'ANYMARKET_REJECTED';
}

/** ANYMARKET's `{code, message}`; a plain-text answer becomes the message (cut short). */
function errorBody(text: string): AnymarketErrorBody | undefined {
  if (text.trim() === '') return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<AnymarketErrorBody> | null;
    if (parsed && typeof parsed === 'object' && typeof parsed.message === 'string') return { code: parsed.code ?? '', message: parsed.message };
  } catch {
    // not JSON: fall through to the text itself
  }
  return { code: '', message: text.trim().slice(0, 300) };
}
