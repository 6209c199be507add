import { REDACTED, redactSecrets } from './redact.js';

describe('redactSecrets', () => {
  it('redacts secret-named fields at any depth and leaves the rest', () => {
    const input = {
      headers: { authorization: 'Bearer abc', 'x-anymarket-token': 'jwt', 'content-type': 'application/json' },
      body: { storeId: '42', password: 'p', senha: 's', user: { token: 't', name: 'n' }, apiKey: 'k', clientSecret: 'c' },
      items: [{ hmacKey: 'h', sku: 'A' }],
    };
    expect(redactSecrets(input)).toEqual({
      headers: { authorization: REDACTED, 'x-anymarket-token': REDACTED, 'content-type': 'application/json' },
      body: { storeId: '42', password: REDACTED, senha: REDACTED, user: { token: REDACTED, name: 'n' }, apiKey: REDACTED, clientSecret: REDACTED },
      items: [{ hmacKey: REDACTED, sku: 'A' }],
    });
  });

  it('does not modify its input and copes with primitives and deep nesting', () => {
    const input = { password: 'p' };
    redactSecrets(input);
    expect(input.password).toBe('p');
    expect(redactSecrets('plain')).toBe('plain');
    expect(redactSecrets(null)).toBeNull();
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 50; i++) cursor = cursor.next = {};
    cursor.password = 'buried';
    expect(JSON.stringify(redactSecrets(deep))).not.toContain('buried');
  });
});
