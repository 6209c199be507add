import { createHmac } from 'node:crypto';
import { verifyMarketplacerHmac } from './verify-hmac.js';

describe('verifyMarketplacerHmac', () => {
  const secret = 'webhook-secret';
  const body = Buffer.from('{"id":"V2ViaG9va0V2ZW50LTE=","event_name":"update","payload":{"data":{"node":{"__typename":"Advert"}}}}');
  const signature = createHmac('sha256', secret).update(body).digest('base64');

  it('accepts base64(HMAC-SHA256(secret, raw body))', () => {
    expect(verifyMarketplacerHmac(body, signature, secret)).toBe(true);
    expect(verifyMarketplacerHmac(body, ` ${signature} `, secret)).toBe(true);
  });

  it('rejects a wrong secret, a changed body, a re-serialised body and a missing or malformed header', () => {
    expect(verifyMarketplacerHmac(body, signature, 'other-secret')).toBe(false);
    expect(verifyMarketplacerHmac(Buffer.concat([body, Buffer.from(' ')]), signature, secret)).toBe(false);
    expect(verifyMarketplacerHmac(Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 2)), signature, secret)).toBe(false);
    expect(verifyMarketplacerHmac(body, undefined, secret)).toBe(false);
    expect(verifyMarketplacerHmac(body, '', secret)).toBe(false);
    expect(verifyMarketplacerHmac(body, 'abc', secret)).toBe(false);
    expect(verifyMarketplacerHmac(body, createHmac('sha256', secret).update(body).digest('hex'), secret)).toBe(false);
  });

  it('never accepts when no secret is configured', () => {
    expect(verifyMarketplacerHmac(body, createHmac('sha256', '').update(body).digest('base64'), '')).toBe(false);
  });
});
