import { env, type ConfigValues } from '#common';

/** Variables of the Webhooks context: the receiver's limit, processing, and how webhooks relax the feeds. */
export const webhooksConfigShape = {
  webhookBodyLimit: env.byteSize({
    name: 'WEBHOOK_BODY_LIMIT',
    description:
      'Largest Marketplacer webhook body read (its payload is what the webhook query selects); a larger signed one is answered 503, so Marketplacer retries it rather than disabling the webhook (an unsigned one 413)',
    default: '5mb',
  }),
  webhookCommitGroupMax: env.integer({
    name: 'WEBHOOK_COMMIT_GROUP_MAX',
    description:
      'Most webhook deliveries stored in one transaction: deliveries arriving while a commit is in flight are committed together next (each answered after its commit)',
    default: 200,
    min: 1,
    max: 1_000,
  }),
  webhookConcurrency: env.integer({
    name: 'WEBHOOK_CONCURRENCY',
    description: 'Webhook events one process handles at the same time (events of one object never run at once)',
    default: 8,
    min: 1,
    max: 64,
  }),
  webhookConcurrencyWhileReceiving: env.integer({
    name: 'WEBHOOK_CONCURRENCY_WHILE_RECEIVING',
    description:
      'Webhook events one process handles at the same time while deliveries are being received (intake first: answering Marketplacer in time comes before processing); WEBHOOK_CONCURRENCY again once none has been in flight for 100 ms',
    default: 1,
    min: 1,
    max: 64,
  }),
  webhookEventsPerSecondWhileReceiving: env.integer({
    name: 'WEBHOOK_EVENTS_PER_SECOND_WHILE_RECEIVING',
    description:
      "Webhook events one process starts per second at most while deliveries are being received (intake first: processing commits compete with the deliveries' commits); no limit once none has been in flight for 100 ms",
    default: 4,
    min: 1,
    max: 1_000,
  }),
  webhookMaxRetries: env.integer({
    name: 'WEBHOOK_MAX_RETRIES',
    description: 'Retries of a webhook event whose processing fails (Marketplacer or ANYMARKET unreachable) before it is failed, for admins to replay',
    default: 5,
    min: 0,
    max: 20,
  }),
  webhookRetryBaseMs: env.integer({
    name: 'WEBHOOK_RETRY_BASE_MS',
    description: 'Wait before the first retry of a failed webhook event, doubled for each further one (with jitter; whole seconds on Postgres)',
    default: 2_000,
    min: 10,
    max: 3_600_000,
  }),
  webhookHealthyWindowMs: env.integer({
    name: 'WEBHOOK_HEALTHY_WINDOW_MS',
    description:
      'A type of webhook counts as arriving while one was received within this long; the feeds it covers then poll every WEBHOOK_SAFETY_NET_INTERVAL_MS instead of their own interval',
    default: 3_600_000,
    min: 1_000,
    max: 7 * 86_400_000,
  }),
  webhookSafetyNetIntervalMs: env.integer({
    name: 'WEBHOOK_SAFETY_NET_INTERVAL_MS',
    description:
      'Interval of a feed whose changes webhooks are delivering (the safety net for a delivery that never arrives); a feed whose own interval is longer keeps it',
    default: 900_000,
    min: 1_000,
    max: 86_400_000,
  }),
};

export type WebhooksConfig = ConfigValues<typeof webhooksConfigShape>;

/** The connector's public address (PUBLIC_URL, PORT: variables of the whole connector), as the receiver's URL needs it. */
export interface ReceiverAddressConfig {
  readonly publicUrl?: string;
  readonly port: number;
}

/** The receiver's path on the connector. */
export const WEBHOOK_RECEIVER_PATH = '/webhooks/marketplacer';

/** Where Marketplacer must deliver: PUBLIC_URL (or http://localhost:PORT) + the receiver's path. */
export function webhookReceiverUrl(config: ReceiverAddressConfig): string {
  return `${(config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '')}${WEBHOOK_RECEIVER_PATH}`;
}
