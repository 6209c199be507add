import { createHmac } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DEFAULT_WEBHOOK_QUERY, WebhookRegistry, type NewWebhook } from '../state/webhooks.js';
import { WebhookDispatcher, webhookSignature, type WebhookSender, type WebhookSettings } from './webhook-dispatcher.js';
import { WEBHOOK_QUERIES } from './webhook-queries.js';

const settings: WebhookSettings = { url: 'http://receiver.test/hooks', hmacKey: 'sekret', vertical: 'bestfriendbazaar', maxRetries: 2, retryBaseMs: 1 };

function recorder(statuses: (number | Error)[]) {
  const calls: { url: string; headers: Record<string, string>; body: string }[] = [];
  const send: WebhookSender = async (url, init) => {
    calls.push({ url, ...init });
    const next = statuses.shift() ?? 200;
    if (next instanceof Error) throw next;
    return next;
  };
  return { calls, send };
}

async function settled(dispatcher: WebhookDispatcher): Promise<void> {
  for (let i = 0; i < 500 && dispatcher.status().pending > 0; i++) await new Promise((resolve) => setTimeout(resolve, 2));
}

describe('WebhookDispatcher', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));

  const payload = () => ({ data: { node: { __typename: 'Advert', id: 'QWR2ZXJ0LTE=' } } });

  it('signs base64(HMAC-SHA256(key, body)) (a locally computed vector)', () => {
    expect(webhookSignature('key', '{"a":1}')).toBe(createHmac('sha256', 'key').update('{"a":1}').digest('base64'));
    expect(webhookSignature('key', '{"a":1}')).toHaveLength(44);
  });

  it('posts the Marketplacer envelope and headers, with increasing sequences', async () => {
    const { calls, send } = recorder([]);
    const dispatcher = new WebhookDispatcher(settings, payload, send);
    dispatcher.publish({ entity: 'Advert', legacyId: 1, eventName: 'create' });
    dispatcher.publish({ entity: 'Advert', legacyId: 1, eventName: 'update' });
    await settled(dispatcher);
    expect(calls).toHaveLength(2);
    const [first, second] = calls;
    expect(JSON.parse(first.body)).toEqual({ id: 'V2ViaG9va0V2ZW50LTE=', event_name: 'create', payload: payload() });
    expect(first.headers).toMatchObject({
      'Content-Type': 'application/json',
      'User-Agent': 'Marketplacer Client/1.0.0',
      'Marketplacer-Sequence': '1',
      'Marketplacer-Vertical': 'bestfriendbazaar',
      'Idempotency-Key': Buffer.from('bestfriendbazaar:1').toString('base64'),
      'Marketplacer-Hmac-256': webhookSignature('sekret', first.body),
    });
    expect(second.headers['Marketplacer-Sequence']).toBe('2');
    expect(dispatcher.list().map((d) => d.status)).toEqual(['sent', 'sent']);
  });

  it('sends nothing without a URL', () => {
    const { calls, send } = recorder([]);
    const dispatcher = new WebhookDispatcher({ ...settings, url: undefined }, payload, send);
    dispatcher.publish({ entity: 'Advert', legacyId: 1, eventName: 'create' });
    expect(calls).toHaveLength(0);
    expect(dispatcher.list()).toEqual([]);
  });

  it('retries network errors, 5xx and 429, at most maxRetries times', async () => {
    const { calls, send } = recorder([new Error('ECONNREFUSED'), 503, 429, 500]);
    const dispatcher = new WebhookDispatcher(settings, payload, send);
    dispatcher.publish({ entity: 'Advert', legacyId: 1, eventName: 'update' });
    await settled(dispatcher);
    expect(calls).toHaveLength(3);
    const [delivery] = dispatcher.list();
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts.map((a) => a.httpStatus ?? a.error)).toEqual(['Error: ECONNREFUSED', 503, 429]);
    expect(dispatcher.status().enabled).toBe(true);
  });

  it('fails the event and disables the webhook on another 4xx, until re-enabled', async () => {
    const { calls, send } = recorder([410]);
    const dispatcher = new WebhookDispatcher(settings, payload, send);
    dispatcher.publish({ entity: 'Advert', legacyId: 1, eventName: 'update' });
    await settled(dispatcher);
    expect(dispatcher.status()).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('HTTP 410') });
    dispatcher.publish({ entity: 'Advert', legacyId: 1, eventName: 'update' });
    expect(dispatcher.status().skippedWhileDisabled).toBe(1);
    dispatcher.configure({ enabled: true });
    dispatcher.publish({ entity: 'Advert', legacyId: 1, eventName: 'update' });
    await settled(dispatcher);
    expect(calls).toHaveLength(2);
    expect(dispatcher.list().map((d) => d.status)).toEqual(['failed', 'sent']);
  });

  describe('driven by the webhook registry', () => {
    const made = (change: Partial<NewWebhook>): NewWebhook => ({
      type: 'ADVERT',
      eventName: null,
      url: 'http://made.test/hooks',
      enabled: true,
      queryString: null,
      hmacKey: null,
      headers: null,
      maxRetries: 25,
      concurrentSendLimit: 100,
      allowSkip: false,
      sellerId: null,
      configured: false,
      ...change,
    });

    it('registers the configured URL as one webhook per type the simulator fires, with its queries', () => {
      const registry = new WebhookRegistry();
      const dispatcher = new WebhookDispatcher(settings, payload, recorder([]).send, () => registry);
      expect(registry.list().map((w) => [w.type, w.url, w.queryString, w.enabled, w.configured, w.maxRetries])).toEqual(
        Object.entries(WEBHOOK_QUERIES).map(([entity, query]) => [
          entity.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toUpperCase(),
          settings.url,
          query,
          true,
          true,
          settings.maxRetries,
        ]),
      );
      dispatcher.configure({ url: 'http://elsewhere.test/hooks' });
      expect(new Set(registry.list().map((w) => w.url))).toEqual(new Set(['http://elsewhere.test/hooks']));
      dispatcher.configure({ url: null });
      expect(registry.list()).toEqual([]);
    });

    it("delivers an event to each enabled webhook of its type whose filter matches, with the webhook's query and key", async () => {
      const registry = new WebhookRegistry();
      const plain = registry.add(made({ url: 'http://plain.test/', hmacKey: 'own-key' }), 0);
      const creates = registry.add(made({ url: 'http://creates.test/', eventName: 'CREATE', queryString: 'query($id: ID!) { node(id: $id) { id } }' }), 0);
      registry.add(made({ url: 'http://off.test/', enabled: false }), 0);
      registry.add(made({ url: 'http://variants.test/', type: 'VARIANT' }), 0);
      const queries: string[] = [];
      const { calls, send } = recorder([]);
      const dispatcher = new WebhookDispatcher(
        { ...settings, url: undefined },
        (_event, query) => queries.push(query),
        send,
        () => registry,
      );
      dispatcher.publish({ entity: 'Advert', legacyId: 7, eventName: 'update' });
      dispatcher.publish({ entity: 'Advert', legacyId: 7, eventName: 'create' });
      await settled(dispatcher);
      expect(calls.map((call) => call.url)).toEqual(['http://plain.test/', 'http://plain.test/', 'http://creates.test/']);
      expect(queries).toEqual([DEFAULT_WEBHOOK_QUERY, DEFAULT_WEBHOOK_QUERY, creates.queryString]);
      expect(calls[0].headers['Marketplacer-Hmac-256']).toBe(webhookSignature('own-key', calls[0].body));
      expect(calls[2].headers['Marketplacer-Hmac-256']).toBe(webhookSignature(settings.hmacKey!, calls[2].body));
      expect(dispatcher.list().map((d) => d.webhookId)).toEqual([plain, plain, creates].map((w) => Buffer.from(`Webhook-${w.legacyId}`).toString('base64')));
      expect(dispatcher.status().skippedWhileDisabled).toBe(2);
    });

    it('disables only the webhook whose endpoint refused a delivery, when it was made through webhookCreate', async () => {
      const registry = new WebhookRegistry();
      const refusing = registry.add(made({ url: 'http://refusing.test/' }), 0);
      const { calls, send } = recorder([410]);
      const dispatcher = new WebhookDispatcher(settings, payload, send, () => registry);
      dispatcher.publish({ entity: 'Advert', legacyId: 1, eventName: 'update' });
      await settled(dispatcher);
      expect(calls.map((call) => call.url)).toEqual([refusing.url, settings.url]);
      expect(refusing).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('HTTP 410') });
      expect(dispatcher.status()).toMatchObject({ enabled: true, disabledReason: null });
      expect(registry.list().filter((w) => w.configured && !w.enabled)).toEqual([]);
    });
  });
});
