import { apiKeyMatches, presentedApiKey } from './api-key.js';
import { FaultInjector, STALL_MS } from './fault-injector.js';
import { SlidingWindowRateLimiter } from './rate-limiter.js';

describe('presentedApiKey', () => {
  it('reads MARKETPLACER-API-KEY first, then a Bearer token; Basic credentials are never the key', () => {
    expect(presentedApiKey({ 'marketplacer-api-key': ' k1 ' })).toBe('k1');
    expect(presentedApiKey({ authorization: 'Bearer k2' })).toBe('k2');
    expect(presentedApiKey({ authorization: 'bearer k2' })).toBe('k2');
    expect(presentedApiKey({ authorization: 'Basic dTpw', 'marketplacer-api-key': 'k3' })).toBe('k3');
    expect(presentedApiKey({ authorization: 'Basic dTpw' })).toBeUndefined();
    expect(presentedApiKey({})).toBeUndefined();
  });

  it('compares keys', () => {
    expect(apiKeyMatches('k', 'k')).toBe(true);
    expect(apiKeyMatches('k ', 'k')).toBe(false);
    expect(apiKeyMatches(undefined, 'k')).toBe(false);
  });
});

describe('SlidingWindowRateLimiter', () => {
  it('lets `limit` requests per key through per window and says when to retry', () => {
    let now = 0;
    const limiter = new SlidingWindowRateLimiter(3, 10_000, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('b').allowed).toBe(true);
    now = 2_500;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 8 });
    now = 10_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a').allowed)).toEqual([true, true, true, false]);
  });
});

describe('FaultInjector', () => {
  it('consumes drops, then failures, then 429s, one per request, always with the latency', () => {
    const faults = new FaultInjector();
    faults.set({ latencyMs: 5, dropNextConnections: 1, failNextRequests: { count: 1, status: 502 }, burst429: { count: 1, retryAfterSeconds: 3 } });
    expect([faults.next('Brands'), faults.next('Brands'), faults.next('Brands'), faults.next('Brands')]).toEqual([
      { kind: 'drop', latencyMs: 5 },
      { kind: 'fail', latencyMs: 5, status: 502, retryAfter: null },
      { kind: 'throttle', latencyMs: 5, retryAfter: '3' },
      { kind: 'none', latencyMs: 5 },
    ]);
    expect(faults.snapshot()).toMatchObject({ dropNextConnections: 0, failNextRequests: { count: 0 } });
  });

  it('loses the answers of the named operation only, ahead of every other fault', () => {
    const faults = new FaultInjector();
    faults.set({ dropNextConnections: 1, loseNextAnswers: { count: 1, operationName: 'AdvertUpsert' } });
    expect(faults.next('Brands')).toEqual({ kind: 'drop', latencyMs: 0 });
    expect(faults.next('Brands')).toEqual({ kind: 'none', latencyMs: 0 });
    expect(faults.next('AdvertUpsert')).toEqual({ kind: 'lose-answer', latencyMs: 0 });
    expect(faults.next('AdvertUpsert')).toEqual({ kind: 'none', latencyMs: 0 });
  });

  it('fails the named operation only, once `after` of its requests have passed', () => {
    const faults = new FaultInjector();
    faults.set({ failNextRequests: { count: 2, status: 503, operationName: 'OrdersByExternalId', after: 1 } });
    expect(['OrdersByExternalId', 'OrderCreate', 'OrdersByExternalId', 'OrdersByExternalId', 'OrdersByExternalId'].map((name) => faults.next(name))).toEqual([
      { kind: 'none', latencyMs: 0 },
      { kind: 'none', latencyMs: 0 },
      { kind: 'fail', latencyMs: 0, status: 503, retryAfter: null },
      { kind: 'fail', latencyMs: 0, status: 503, retryAfter: null },
      { kind: 'none', latencyMs: 0 },
    ]);
  });

  it('replaces the settings on every set, and clears', () => {
    const faults = new FaultInjector();
    faults.set({ latencyMs: 5 });
    faults.set({ dropNextConnections: 1, latencyMs: undefined });
    expect(faults.snapshot()).toEqual({
      latencyMs: 0,
      failNextRequests: null,
      burst429: null,
      dropNextConnections: 1,
      loseNextAnswers: null,
      stallNextRequests: null,
      maintenancePageNextRequests: 0,
      refuseIntrospection: null,
    });
    faults.clear();
    expect(faults.next('Brands')).toEqual({ kind: 'none', latencyMs: 0 });
  });

  it('sends Retry-After in seconds, as an HTTP date, or not at all', () => {
    const faults = new FaultInjector();
    faults.set({ failNextRequests: { count: 1, status: 503, retryAfterSeconds: 3 }, burst429: { count: 1, retryAfterDate: '2025-03-01T10:00:05Z' } });
    expect(faults.next('Brands')).toEqual({ kind: 'fail', latencyMs: 0, status: 503, retryAfter: '3' });
    expect(faults.next('Brands')).toEqual({ kind: 'throttle', latencyMs: 0, retryAfter: 'Sat, 01 Mar 2025 10:00:05 GMT' });
    faults.set({ burst429: { count: 1 } });
    expect(faults.next('Brands')).toEqual({ kind: 'throttle', latencyMs: 0, retryAfter: null });
  });

  it('stalls the named operation only, for as long as STALL_MS, whatever fault the request also meets', () => {
    const faults = new FaultInjector();
    faults.set({ latencyMs: 5, stallNextRequests: { count: 1, operationName: 'SellerUpdate' }, dropNextConnections: 2 });
    expect(faults.next('Brands')).toEqual({ kind: 'drop', latencyMs: 5 });
    expect(faults.next('SellerUpdate')).toEqual({ kind: 'drop', latencyMs: STALL_MS });
    expect(faults.next('SellerUpdate')).toEqual({ kind: 'none', latencyMs: 5 });
  });

  it('answers a maintenance page before failures and 429s; refuses introspection until cleared', () => {
    const faults = new FaultInjector();
    faults.set({ maintenancePageNextRequests: 1, failNextRequests: { count: 1, status: 500 }, refuseIntrospection: 'http-400' });
    expect(faults.next('Brands')).toEqual({ kind: 'maintenance-page', latencyMs: 0 });
    expect(faults.next('Brands')).toMatchObject({ kind: 'fail', status: 500 });
    expect(faults.introspectionRefusal).toBe('http-400');
    faults.clear();
    expect(faults.introspectionRefusal).toBeNull();
  });
});
