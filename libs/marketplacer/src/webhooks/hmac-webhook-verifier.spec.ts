import { createHmac } from 'node:crypto';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { Request } from 'express';
import { loadConfig } from '#common';
import type { MarketplacerConfig } from '../marketplacer-connection.js';
import { marketplacerConfigShape } from '../marketplacer.config.js';
import { DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY, HmacMarketplacerWebhookVerifier, webhookHmacKeysOf } from './hmac-webhook-verifier.js';

// No published (key, body, signature) test vector exists (shared/marketplacer/webhooks/headers.md §2):
// every expected signature here is computed locally, base64(HMAC-SHA256(key as UTF-8 bytes, raw body)).
const sign = (body: Buffer, key: string | Buffer): string =>
  createHmac('sha256', typeof key === 'string' ? Buffer.from(key, 'utf8') : key)
    .update(body)
    .digest('base64');

const API_URL = 'https://bestfriendbazaar.example/graphql';
const BODY_TEXT =
  '{"id":"V2ViaG9va0V2ZW50LTE51","event_name":"update","payload":{\n  "data": {\n    "node": {\n      "id": "U2VsbGVyLTQ=",\n      "__typename": "Seller",\n      "businessName": "Cell Phones 4U"\n    }\n  }\n}}';
const BODY = Buffer.from(BODY_TEXT, 'utf8');

/** The config as the app loads it from the environment (+ the simulator URL the app adds). */
function configOf(env: Record<string, string>): MarketplacerConfig {
  return { ...loadConfig(marketplacerConfigShape, env), simulatorUrl: 'http://127.0.0.1:3001' };
}

function verifierOf(env: Record<string, string>): HmacMarketplacerWebhookVerifier {
  return new HmacMarketplacerWebhookVerifier(configOf(env));
}

/** The slice of an Express request the verifier reads; header names are case-insensitive as in Express. */
function requestOf(body: unknown, headers: Record<string, string> = {}): Request {
  const received = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    header: (name: string) => received[name.toLowerCase()],
    body,
    path: '/webhooks/marketplacer',
  } as unknown as Request;
}

const signed = (body: Buffer, signature: string, extra: Record<string, string> = {}) =>
  requestOf(body, { 'Marketplacer-Hmac-256': signature, 'Marketplacer-Sequence': '2552', 'Marketplacer-Vertical': 'bestfriendbazaar', ...extra });

describe('HmacMarketplacerWebhookVerifier', () => {
  let warn: ReturnType<typeof jest.spyOn>;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  const production = verifierOf({ MARKETPLACER_API_URL: API_URL, MARKETPLACER_API_KEY: 'api-key', MARKETPLACER_WEBHOOK_HMAC_KEYS: 'the-webhook-key' });

  it('accepts a delivery signed with the configured key', () => {
    expect(production.verify(signed(BODY, sign(BODY, 'the-webhook-key')))).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });

  it('refuses a delivery signed with another key', () => {
    expect(production.verify(signed(BODY, sign(BODY, 'another-key')))).toBe(false);
  });

  it('refuses a delivery without the Marketplacer-Hmac-256 header', () => {
    expect(production.verify(requestOf(BODY, { 'Marketplacer-Sequence': '2552' }))).toBe(false);
    expect(production.verify(requestOf(BODY, { 'Marketplacer-Hmac-256': '' }))).toBe(false);
  });

  it('refuses a body with one byte changed', () => {
    const signature = sign(BODY, 'the-webhook-key');
    for (const at of [0, BODY.indexOf('Seller'), BODY.length - 1]) {
      const changed = Buffer.from(BODY);
      changed[at] ^= 0x01;
      expect(production.verify(signed(changed, signature))).toBe(false);
    }
  });

  it('refuses the signature of a JSON re-serialisation of the body (only the bytes as received are signed)', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(BODY_TEXT)), 'utf8');
    expect(reserialised.equals(BODY)).toBe(false);
    expect(production.verify(signed(BODY, sign(reserialised, 'the-webhook-key')))).toBe(false);
    expect(production.verify(signed(reserialised, sign(BODY, 'the-webhook-key')))).toBe(false);
  });

  it('refuses a body that was parsed instead of kept raw, even with the right signature', () => {
    const signature = sign(BODY, 'the-webhook-key');
    expect(production.verify(signed(JSON.parse(BODY_TEXT) as unknown as Buffer, signature))).toBe(false);
    expect(production.verify(signed(BODY_TEXT as unknown as Buffer, signature))).toBe(false);
    expect(production.verify(signed(undefined as unknown as Buffer, signature))).toBe(false);
  });

  it('during a rotation (old,new) accepts both keys and refuses a signature with neither', () => {
    const rotating = verifierOf({ MARKETPLACER_API_URL: API_URL, MARKETPLACER_WEBHOOK_HMAC_KEYS: 'old-key,new-key' });
    expect(rotating.keyCount).toBe(2);
    expect(rotating.verify(signed(BODY, sign(BODY, 'old-key')))).toBe(true);
    expect(rotating.verify(signed(BODY, sign(BODY, 'new-key')))).toBe(true);
    expect(rotating.verify(signed(BODY, sign(BODY, 'old-key,new-key')))).toBe(false);
    expect(rotating.verify(signed(BODY, sign(BODY, 'third-key')))).toBe(false);
  });

  it('trims whitespace around the keys and ignores empty entries', () => {
    const spaced = verifierOf({ MARKETPLACER_API_URL: API_URL, MARKETPLACER_WEBHOOK_HMAC_KEYS: ' , old-key ,, new-key ,' });
    expect(spaced.keyCount).toBe(2);
    expect(spaced.verify(signed(BODY, sign(BODY, 'old-key')))).toBe(true);
    expect(spaced.verify(signed(BODY, sign(BODY, 'new-key')))).toBe(true);
    expect(spaced.verify(signed(BODY, sign(BODY, ' old-key ')))).toBe(false);
    expect(spaced.verify(signed(BODY, sign(BODY, '')))).toBe(false);
  });

  it('with MARKETPLACER_API_URL set and no key configured, refuses every delivery (the demo key included)', () => {
    for (const keys of [undefined, '', ' , ,']) {
      const env: Record<string, string> = { MARKETPLACER_API_URL: API_URL, MARKETPLACER_API_KEY: 'api-key' };
      if (keys !== undefined) env.MARKETPLACER_WEBHOOK_HMAC_KEYS = keys;
      const unconfigured = verifierOf(env);
      expect(unconfigured.keyCount).toBe(0);
      expect(unconfigured.verify(signed(BODY, sign(BODY, DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY)))).toBe(false);
      expect(unconfigured.verify(signed(BODY, sign(BODY, '')))).toBe(false);
      expect(unconfigured.verify(requestOf(BODY))).toBe(false);
    }
  });

  it("in demo mode (no MARKETPLACER_API_URL, no keys) accepts the simulator's demo key, and only it", () => {
    const demo = verifierOf({});
    expect(demo.keyCount).toBe(1);
    expect(demo.verify(signed(BODY, sign(BODY, DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY)))).toBe(true);
    expect(demo.verify(signed(BODY, sign(BODY, 'the-webhook-key')))).toBe(false);
    expect(demo.verify(requestOf(BODY))).toBe(false);
  });

  it('in demo mode with keys configured accepts those keys, not the demo key', () => {
    const demoWithKey = verifierOf({ MARKETPLACER_WEBHOOK_HMAC_KEYS: 'the-webhook-key' });
    expect(demoWithKey.verify(signed(BODY, sign(BODY, 'the-webhook-key')))).toBe(true);
    expect(demoWithKey.verify(signed(BODY, sign(BODY, DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY)))).toBe(false);
  });

  it('uses a multi-byte key as its UTF-8 bytes', () => {
    const key = 'clé-ключ-鍵-🔑';
    const utf8 = verifierOf({ MARKETPLACER_API_URL: API_URL, MARKETPLACER_WEBHOOK_HMAC_KEYS: key });
    expect(utf8.verify(signed(BODY, sign(BODY, Buffer.from(key, 'utf8'))))).toBe(true);
    expect(utf8.verify(signed(BODY, sign(BODY, Buffer.from(key, 'latin1'))))).toBe(false);
    expect(utf8.verify(signed(BODY, sign(BODY, Buffer.from(key, 'utf16le'))))).toBe(false);
  });

  describe('a refusal', () => {
    const logged = (): string => JSON.stringify(warn.mock.calls);

    it.each([
      ['the signature matches no configured key', () => signed(BODY, sign(BODY, 'another-key')), production],
      ['no Marketplacer-Hmac-256 header', () => requestOf(BODY, { 'Marketplacer-Sequence': '2552' }), production],
      ['the route does not receive the raw body', () => signed(JSON.parse(BODY_TEXT) as unknown as Buffer, sign(BODY, 'the-webhook-key')), production],
      ['MARKETPLACER_WEBHOOK_HMAC_KEYS', () => signed(BODY, sign(BODY, 'the-webhook-key')), verifierOf({ MARKETPLACER_API_URL: API_URL })],
    ])('is logged once with its reason (%s), never with the body or the signature', (reason, request, verifier) => {
      const req = request();
      const signature = req.header('marketplacer-hmac-256');
      expect(verifier.verify(req)).toBe(false);
      expect(warn).toHaveBeenCalledTimes(1);
      const line = logged();
      expect(line).toContain(reason);
      expect(line).toContain('2552');
      expect(line).not.toContain('Cell Phones 4U');
      expect(line).not.toContain('V2ViaG9va0V2ZW50LTE51');
      expect(line).not.toContain('U2VsbGVyLTQ=');
      if (signature) expect(line).not.toContain(signature);
      expect(line).not.toContain('the-webhook-key');
    });
  });
});

describe('webhookHmacKeysOf', () => {
  it('splits MARKETPLACER_WEBHOOK_HMAC_KEYS on commas, trims, and drops empty entries', () => {
    expect(webhookHmacKeysOf({ marketplacerWebhookHmacKeys: ' old , ,new,, ', marketplacerApiUrl: API_URL })).toEqual(['old', 'new']);
    expect(webhookHmacKeysOf({ marketplacerWebhookHmacKeys: 'only', marketplacerApiUrl: undefined })).toEqual(['only']);
  });

  it('is empty with MARKETPLACER_API_URL set and no key, and the demo key in demo mode', () => {
    expect(webhookHmacKeysOf({ marketplacerWebhookHmacKeys: undefined, marketplacerApiUrl: API_URL })).toEqual([]);
    expect(webhookHmacKeysOf({ marketplacerWebhookHmacKeys: ' , ', marketplacerApiUrl: API_URL })).toEqual([]);
    expect(webhookHmacKeysOf({ marketplacerWebhookHmacKeys: undefined, marketplacerApiUrl: undefined })).toEqual([DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY]);
    expect(webhookHmacKeysOf({ marketplacerWebhookHmacKeys: ' , ', marketplacerApiUrl: undefined })).toEqual([DEMO_MARKETPLACER_WEBHOOK_HMAC_KEY]);
  });

  it('reads the keys as the app loads them from the environment', () => {
    expect(webhookHmacKeysOf(configOf({ MARKETPLACER_API_URL: API_URL, MARKETPLACER_WEBHOOK_HMAC_KEYS: 'a,b' }))).toEqual(['a', 'b']);
  });
});
