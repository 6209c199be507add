import { DomainError } from '#common';
import { AnymarketError } from '#anymarket';
import { MarketplacerError } from '#marketplacer';
import { isPermanentFailure } from './remote-failures.js';

const anymarket = (code: ConstructorParameters<typeof AnymarketError>[0]) => new AnymarketError(code, code, { operation: 'updateSkuMarketplace' });

describe('isPermanentFailure (the one rule of background work and the feeds)', () => {
  it('gives up on requests that are wrong or name nothing', () => {
    expect(isPermanentFailure(new MarketplacerError('MARKETPLACER_GRAPHQL_ERROR', 'x'))).toBe(true);
    expect(isPermanentFailure(new MarketplacerError('MARKETPLACER_REQUEST_REJECTED', 'x'))).toBe(true);
    // A page cursor Marketplacer does not know is refused the same way at every attempt.
    expect(isPermanentFailure(new MarketplacerError('MARKETPLACER_CURSOR_REFUSED', 'x'))).toBe(true);
    expect(isPermanentFailure(anymarket('ANYMARKET_NOT_FOUND'))).toBe(true);
    expect(isPermanentFailure(anymarket('ANYMARKET_REJECTED'))).toBe(true);
    expect(isPermanentFailure(new DomainError('X', 'unprocessable', 'x'))).toBe(true);
  });

  it('tries again after outages, rate limits and a refused token (the seller can fix it by saving the module)', () => {
    expect(isPermanentFailure(anymarket('ANYMARKET_AUTHENTICATION_FAILED'))).toBe(false);
    expect(isPermanentFailure(anymarket('ANYMARKET_UNAVAILABLE'))).toBe(false);
    expect(isPermanentFailure(anymarket('ANYMARKET_RATE_LIMITED'))).toBe(false);
    expect(isPermanentFailure(new MarketplacerError('MARKETPLACER_UNAVAILABLE', 'x'))).toBe(false);
    expect(isPermanentFailure(new MarketplacerError('MARKETPLACER_AUTHENTICATION_FAILED', 'x'))).toBe(false);
    expect(isPermanentFailure(new Error('socket hang up'))).toBe(false);
  });
});
