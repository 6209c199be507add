import { DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY } from '#marketplacer';
import { globalId } from '../../apps/simulator/src/marketplacer/state/global-id.js';
import { webhookSignature } from '../../apps/simulator/src/marketplacer/webhooks/webhook-dispatcher.js';

/**
 * Signed webhook deliveries for a receiver under load: each about an Invoice nobody owns (ids from
 * `base` up, far above the simulator's, so processing is one Marketplacer read and `ignored`), with its
 * own Idempotency-Key, sequence and object, signed with the demo key the connector accepts.
 */
export function signedDeliveries(base: number, vertical: string): () => { body: string; headers: Record<string, string> } {
  let n = 0;
  return () => {
    n += 1;
    const body = JSON.stringify({
      id: globalId('WebhookEvent', base + n),
      event_name: 'update',
      payload: { data: { node: { __typename: 'Invoice', id: globalId('Invoice', base + n) } } },
    });
    return {
      body,
      headers: {
        'Marketplacer-Hmac-256': webhookSignature(DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY, body),
        'Idempotency-Key': Buffer.from(`${vertical}:${n}`, 'utf8').toString('base64'),
        'Marketplacer-Sequence': String(n),
        'Marketplacer-Vertical': vertical,
        'User-Agent': 'Marketplacer Client/1.0.0',
      },
    };
  };
}

/**
 * `next` with its first `count` deliveries built and signed now, before a load starts: during the load
 * they cost the load generator what a fixed request costs (it shares the machine's cores with the
 * connector), then later ones are signed as they are sent.
 */
export function presigned<T>(next: () => T, count: number): () => T {
  const ready = Array.from({ length: count }, next);
  let taken = 0;
  return () => (taken < ready.length ? ready[taken++] : next());
}
