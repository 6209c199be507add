import { env, type ConfigValues } from '#common';

/** Variables of the Orders context: the invoices and refund-request feeds and the order work. */
export const ordersConfigShape = {
  syncInvoicesIntervalMs: env.integer({
    name: 'SYNC_INVOICES_INTERVAL_MS',
    description: "How often Marketplacer's invoices change feed is read (once for the whole marketplace) for orders to create or bring up to date in ANYMARKET",
    default: 60_000,
    min: 1_000,
    max: 86_400_000,
  }),
  syncRefundsIntervalMs: env.integer({
    name: 'SYNC_REFUNDS_INTERVAL_MS',
    description: "How often Marketplacer's refund requests change feed is read (once for the whole marketplace): whole-invoice refunds cancel the order",
    default: 300_000,
    min: 1_000,
    max: 86_400_000,
  }),
  orderConcurrency: env.integer({
    name: 'ORDER_CONCURRENCY',
    description: 'Orders one process pushes to ANYMARKET at the same time (each seller token stays within its own request budget)',
    default: 10,
    min: 1,
    max: 64,
  }),
  orderMaxAttempts: env.integer({
    name: 'ORDER_MAX_ATTEMPTS',
    description: 'Attempts at one order push or transition (first one included) on transient failures before the order is shown in error',
    default: 8,
    min: 1,
    max: 30,
  }),
  orderRetryBaseMs: env.integer({
    name: 'ORDER_RETRY_BASE_MS',
    description:
      'First wait before retrying order work that failed transiently (a push, a transition, a /forceImportOrders import), doubled per attempt (with jitter), in milliseconds',
    default: 5_000,
    min: 1,
    max: 3_600_000,
  }),
  orderRunExpiryMs: env.integer({
    name: 'ORDER_RUN_EXPIRY_MS',
    description: 'How long one run at an order may last before it is presumed dead (its process crashed) and run again elsewhere',
    default: 900_000,
    min: 1_000,
    max: 86_400_000,
  }),
  orderFirstScanDays: env.integer({
    name: 'ORDER_FIRST_SCAN_DAYS',
    description:
      "How far back the very first invoices scan may start (the earliest account's initialDateForOrderImport, at most this many days ago); older orders come with /forceImportOrders",
    default: 30,
    min: 1,
    max: 3_650,
  }),
  ordersWaitingAlertSeconds: env.integer({
    name: 'ORDERS_WAITING_ALERT_SECONDS',
    description:
      'An order still pending (or unrouted) this long after its creation or last sync counts in `connector_orders_waiting_too_long` (the "orders stuck" alert)',
    default: 900,
    min: 1,
    max: 604_800,
  }),
  ordersReconciliationIntervalMs: env.integer({
    name: 'ORDERS_RECONCILIATION_INTERVAL_MS',
    description:
      "How often each account's orders are compared with ANYMARKET's (GET /orders since the account's import date); the accounts are spread over the interval, each at its own time",
    default: 3_600_000,
    min: 60_000,
    max: 604_800_000,
  }),
  ordersReconciliationPushAfterMs: env.integer({
    name: 'ORDERS_RECONCILIATION_PUSH_AFTER_MS',
    description:
      'A paid order recorded this long ago that ANYMARKET still lacks (no ANYMARKET order id here, none in its list) is pushed again by the orders reconciliation',
    default: 900_000,
    min: 1_000,
    max: 604_800_000,
  }),
  orderCancelRefund: env.oneOf({
    name: 'ORDER_CANCEL_REFUND',
    description:
      'An order CANCELED in ANYMARKET becomes a Marketplacer refund request for its unshipped lines (dispatched: false). `request`: the operator approves it in Marketplacer; ' +
      '`refund`: the connector also accepts every line and refunds it (the buyer is refunded at once)',
    default: 'request',
    values: ['request', 'refund'] as const,
  }),
};

export type OrdersConfig = ConfigValues<typeof ordersConfigShape> & { readonly syncEnabled: boolean };
