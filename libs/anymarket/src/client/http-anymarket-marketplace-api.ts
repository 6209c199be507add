import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { PerKeyRateLimiter } from '#common';
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
import { AnymarketError, type AnymarketErrorCode } from './anymarket-error.js';
import { AnymarketMarketplaceApi } from './anymarket-marketplace-api.port.js';
import { backoffDelayMs, retryAfterMs } from './retry-delay.js';

type Method = 'GET' | 'POST' | 'PUT';
type Query = Record<string, string | number | boolean | undefined>;

interface ApiRequest {
  operation: string;
  method: Method;
  path: string;
  query?: Query;
  body?: unknown;
}

/** One attempt's outcome: an answer, or no answer (network failure, timeout). */
type Attempt = { response: Response; text: string } | { failure: 'network' | 'timeout'; cause: unknown };

/**
 * The marketplace API over fetch: `appId` + the seller's `token` headers, base URL by the account's
 * sandbox flag, at most ANYMARKET_RATE_LIMIT_PER_SECOND requests per second per token, retries with
 * backoff and jitter on 429/5xx/network errors/timeouts (`Retry-After` honoured). POST /orders is
 * retried too: a repeat that reached ANYMARKET answers "pedido já existe", which callers accept.
 */
@Injectable()
export class HttpAnymarketMarketplaceApi extends AnymarketMarketplaceApi {
  private readonly logger = new Logger('AnymarketApi');
  private readonly limiter: PerKeyRateLimiter;

  constructor(@Inject(ANYMARKET_SETTINGS) private readonly settings: AnymarketSettings) {
    super();
    this.limiter = new PerKeyRateLimiter(settings.rateLimitPerSecond);
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
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(account, request, url);
      const status = 'response' in outcome ? outcome.response.status : undefined;
      if ('response' in outcome && outcome.response.ok) return parseAnswer<T>(request, outcome.text);
      const retryable = status === undefined || status === 429 || status >= 500;
      if (!retryable || attempt >= this.settings.maxAttempts) throw failureOf(request, outcome);
      const delayMs =
        ('response' in outcome ? retryAfterMs(outcome.response.headers.get('retry-after')) : undefined) ?? backoffDelayMs(attempt, this.settings.retryBaseMs);
      this.logger.warn({
        msg: 'ANYMARKET call failed; retrying',
        operation: request.operation,
        status,
        failure: 'failure' in outcome ? outcome.failure : undefined,
        attempt,
        delayMs,
      });
      await sleep(delayMs);
    }
  }

  private async attempt(account: AnymarketAccountContext, request: ApiRequest, url: string): Promise<Attempt> {
    const release = await this.limiter.acquire(account.token);
    const started = Date.now();
    const signal = AbortSignal.timeout(this.settings.timeoutMs);
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: {
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          appId: this.settings.appId,
          token: account.token,
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
      return { response, text };
    } catch (cause) {
      return { failure: signal.aborted ? 'timeout' : 'network', cause };
    } finally {
      release();
    }
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

function failureOf(request: ApiRequest, outcome: Attempt): AnymarketError {
  const { operation } = request;
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
