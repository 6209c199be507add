import { Inject, Injectable } from '@nestjs/common';
import type { AnymarketConfiguration, Order, SkuMarketplace } from '#anymarket';
import { ANYMARKET_SIMULATOR_SETTINGS, type AnymarketSimulatorSettings } from './anymarket-simulator.config.js';
import { STRICT_ORDER_RULES, type OrderRules } from './order-transitions.js';
import { seedTransmissions } from './seed/seed-transmissions.js';
import { SlidingWindowRateLimit } from './sliding-window-rate-limit.js';

/** One request to the simulated marketplace API, as the control API shows it (never the whole token). */
export interface SimulatedAnymarketCall {
  at: string;
  method: string;
  path: string;
  query: Record<string, unknown>;
  appId: string | null;
  /** The token's last 4 characters, e.g. "…6699". */
  tokenHint: string | null;
  body: unknown;
  /** Filled in when the answer is sent (stays unset when an injected fault destroyed the connection). */
  status?: number;
  /** Set when an `afterServe` fault lost the answer: the status the call was actually served with. */
  servedStatus?: number;
}

/**
 * Injected trouble for the next `remaining` matching API calls: wait `delayMs`, then answer `status`
 * instead of serving. With `afterServe` the call is served first (state changes) and its answer is then
 * lost: replaced by `status`, or the connection is destroyed when there is no status.
 */
export interface SimulatedFault {
  remaining: number;
  status?: number;
  delayMs?: number;
  retryAfterSeconds?: number;
  afterServe?: boolean;
  /** Only calls with this HTTP method (upper case); all when absent. */
  method?: string;
  /** Only calls whose path below the API base (e.g. `/orders`) matches; all when absent. */
  pathPattern?: RegExp;
}

/** A request that broke ANYMARKET's contract (schema or money rules) and was answered 400. */
export interface SimulatedContractViolation {
  at: string;
  /** e.g. "POST /orders", "PUT /orders/{marketPlaceId}/markAsShipped". */
  operation: string;
  /** The order the request was about, when known. */
  marketPlaceId?: string;
  /** Path of the offending field, e.g. `items[0].amount` ('' for the whole body). */
  field: string;
  message: string;
}

export interface StoredOrder {
  order: Order;
  sellerToken: string;
  /** Last `errorMessage` of PUT transmissionStatus (not part of ANYMARKET's Order). */
  transmissionErrorMessage?: string;
}

/** Calls kept for the control API; older ones are dropped so long benchmark runs stay flat. */
export const MAX_RECORDED_CALLS = 10_000;

/** Everything the simulated ANYMARKET knows, in memory; `reset()` returns to the seed. */
@Injectable()
export class AnymarketSimulatorState {
  /** Seller token → the account configuration it stands for. */
  readonly sellers = new Map<string, AnymarketConfiguration>();
  readonly transmissions = new Map<number, SkuMarketplace>();
  /** Seller token → marketPlaceId → order: each seller has its own orders, as in ANYMARKET. */
  readonly orders = new Map<string, Map<string, StoredOrder>>();
  readonly calls: SimulatedAnymarketCall[] = [];
  faults: SimulatedFault[] = [];
  /** Contract violations since the last reset or clear, oldest first (capped like `calls`). */
  readonly violations: SimulatedContractViolation[] = [];
  readonly rateLimit: SlidingWindowRateLimit;
  /** How order transitions beyond the v2 table are treated (`PUT /_control/anymarket/order-rules`); strict after a reset. */
  orderRules: OrderRules = { ...STRICT_ORDER_RULES };
  private nextOrderId = 1;
  private nextAccountId = 1;

  constructor(@Inject(ANYMARKET_SIMULATOR_SETTINGS) readonly settings: AnymarketSimulatorSettings) {
    this.rateLimit = new SlidingWindowRateLimit(settings.simulatorAnymarketRateLimitPerSecond);
    this.reset();
  }

  reset(): void {
    this.sellers.clear();
    this.transmissions.clear();
    this.orders.clear();
    this.calls.length = 0;
    this.faults = [];
    this.violations.length = 0;
    this.rateLimit.clear();
    this.orderRules = { ...STRICT_ORDER_RULES };
    this.nextOrderId = 1;
    this.nextAccountId = 1;
    this.registerSeller(this.settings.simulatorAnymarketToken, {});
    for (const transmission of seedTransmissions(this.settings.simulatorAnymarketTransmissions)) this.transmissions.set(transmission.id, transmission);
  }

  /** Registers (or replaces) a seller token with its account configuration, defaults filled in. */
  registerSeller(token: string, configuration: Partial<AnymarketConfiguration>): AnymarketConfiguration {
    const id = configuration.id ?? this.sellers.get(token)?.id ?? this.nextAccountId++;
    const stored: AnymarketConfiguration = {
      id,
      oi: '22449504.',
      active: true,
      templateId: null,
      accountName: `Conta simulada ${id}`,
      marketplace: 'MARKETPLACER',
      discountType: 'PERCENT',
      useSandbox: false,
      accountDefault: true,
      priceFactor: 1,
      discountValue: 0,
      updatePriceStockStatus: true,
      additionOfFreight: 0,
      fields: [{ key: 'storeId', value: '78' }],
      initialDateOrderImport: '2026-01-01',
      ...configuration,
    };
    this.sellers.set(token, stored);
    return stored;
  }

  ordersOf(token: string): Map<string, StoredOrder> {
    let orders = this.orders.get(token);
    if (!orders) {
      orders = new Map();
      this.orders.set(token, orders);
    }
    return orders;
  }

  takeOrderId(): number {
    return this.nextOrderId++;
  }

  record(call: SimulatedAnymarketCall): void {
    this.calls.push(call);
    if (this.calls.length > MAX_RECORDED_CALLS) this.calls.splice(0, this.calls.length - MAX_RECORDED_CALLS);
  }

  recordViolation(violation: SimulatedContractViolation): void {
    this.violations.push(violation);
    if (this.violations.length > MAX_RECORDED_CALLS) this.violations.splice(0, this.violations.length - MAX_RECORDED_CALLS);
  }

  /**
   * The first armed fault that applies to this call (`apiPath`: the path below the API base), if any;
   * each use counts down, and a used-up fault is dropped.
   */
  takeFault(method: string, apiPath: string): SimulatedFault | undefined {
    const index = this.faults.findIndex((fault) => (fault.method === undefined || fault.method === method) && (fault.pathPattern?.test(apiPath) ?? true));
    if (index < 0) return undefined;
    const fault = this.faults[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }
}
