import { createHmac } from 'node:crypto';
import { eventually } from '#common/testing';
import { simulatorGraphql } from './listings-simulator.js';
import { http, type ConnectorUnderTest } from './stack.js';

/** One delivery the simulated Marketplacer made (GET /_control/marketplacer/webhooks/deliveries). */
export interface SimulatedDelivery {
  id: string;
  sequence: number;
  entity: string;
  nodeId: string;
  eventName: string;
  status: 'pending' | 'retrying' | 'sent' | 'failed' | 'cancelled';
  attempts: Array<{ at: string; httpStatus?: number; error?: string }>;
  headers: Record<string, string>;
  body: string;
}

/** A stored webhook event as `GET /admin/webhooks/events` lists it. */
export interface WebhookEventView {
  id: number;
  state: 'received' | 'processed' | 'failed' | 'ignored';
  type: string | null;
  objectId: string | null;
  eventName: string | null;
  sequence: number | null;
  idempotencyKey: string;
  note: string | null;
  error: string | null;
  attempts: number;
}

/** One webhook registered in the simulated Marketplacer (GET /_control/marketplacer/webhooks), never its key. */
export interface SimulatedWebhook {
  id: string;
  type: string;
  url: string;
  enabled: boolean;
  configured: boolean;
}

/** The connector's answer to a delivery: the stored event and whether it was a redelivery. */
export interface DeliveryAnswer {
  status: number;
  body: { eventId?: number; duplicate?: boolean; state?: string; error?: { code: string } };
}

/** base64(HMAC-SHA256(UTF-8 key, body)): Marketplacer's `Marketplacer-Hmac-256` (computed here, as no published vector exists). */
export function signature(key: string, body: string | Buffer): string {
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(body).digest('base64');
}

/** The simulated Marketplacer's webhook: where it delivers, with which key, and what it delivered. */
export class WebhooksSimulator {
  constructor(readonly url: string) {}

  async configure(settings: { url?: string | null; hmacKey?: string | null; enabled?: boolean }): Promise<void> {
    const res = await http(`${this.url}/_control/marketplacer/webhooks`, { method: 'PUT', body: settings });
    if (res.status >= 300) throw new Error(`webhook settings refused: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async status(): Promise<{ enabled: boolean; disabledReason: string | null; lastSequence: number; pending: number }> {
    return (
      await http<{ enabled: boolean; disabledReason: string | null; lastSequence: number; pending: number }>(`${this.url}/_control/marketplacer/webhooks`)
    ).body;
  }

  async deliveries(limit = 1000): Promise<SimulatedDelivery[]> {
    return (await http<SimulatedDelivery[]>(`${this.url}/_control/marketplacer/webhooks/deliveries?limit=${limit}`)).body;
  }

  /** The deliveries made after sequence `after` (of this test's changes). */
  async deliveriesAfter(after: number): Promise<SimulatedDelivery[]> {
    return (await this.deliveries()).filter((delivery) => delivery.sequence > after);
  }

  /** The instance's registered webhooks (the configured ones: one per type the simulator fires). */
  async webhooks(): Promise<SimulatedWebhook[]> {
    return (await http<{ webhooks: SimulatedWebhook[] }>(`${this.url}/_control/marketplacer/webhooks`)).body.webhooks;
  }

  /**
   * Runs `change` with only the configured webhooks of `types` (WebhookKlassEnum: SHIPMENT, …) enabled,
   * the others disabled as an operator would (webhookUpdate), so that what the change fires for other
   * types (a shipment's Invoice update) is not delivered; answers the deliveries it made, once ended.
   * The configured webhooks are all enabled again afterwards.
   */
  async deliveringOnly<T>(types: string[], change: () => Promise<T>): Promise<{ result: T; deliveries: SimulatedDelivery[] }> {
    const others = (await this.webhooks()).filter((webhook) => webhook.configured && !types.includes(webhook.type));
    try {
      for (const webhook of others) {
        const answer = await simulatorGraphql<{ webhookUpdate: { errors: unknown[] | null } }>(
          this.url,
          'mutation($input: WebhookUpdateMutationInput!) { webhookUpdate(input: $input) { errors { field messages } } }',
          { input: { webhookId: webhook.id, attributes: { enabled: false } } },
        );
        if (answer.webhookUpdate.errors?.length) throw new Error(`webhookUpdate refused: ${JSON.stringify(answer.webhookUpdate.errors)}`);
      }
      const after = (await this.status()).lastSequence;
      const result = await change();
      const deliveries = (await this.settled()).filter((delivery) => delivery.sequence > after);
      return { result, deliveries };
    } finally {
      await this.configure({ enabled: true });
    }
  }

  /** Waits until every delivery so far has stopped being pending or retrying. */
  async settled(): Promise<SimulatedDelivery[]> {
    return eventually(
      () => this.deliveries(),
      (all) => all.every((delivery) => delivery.status !== 'pending' && delivery.status !== 'retrying'),
      'every simulated webhook delivery ended',
    );
  }
}

/** A simulated delivery sent to the connector's receiver again, byte for byte, with its own headers (signature included). */
export async function redeliver(connector: Pick<ConnectorUnderTest, 'url'>, delivery: Pick<SimulatedDelivery, 'body' | 'headers'>): Promise<DeliveryAnswer> {
  const res = await fetch(`${connector.url}/webhooks/marketplacer`, { method: 'POST', headers: delivery.headers, body: delivery.body });
  return { status: res.status, body: (await res.json()) as DeliveryAnswer['body'] };
}

/** The connector's stored webhook events (`GET /admin/webhooks/events`), newest first; `query` as `&state=failed`. */
export async function webhookEvents(connector: Pick<ConnectorUnderTest, 'url' | 'admin'>, query = ''): Promise<WebhookEventView[]> {
  return (await http<WebhookEventView[]>(`${connector.url}/admin/webhooks/events?limit=500${query}`, { headers: connector.admin })).body;
}
