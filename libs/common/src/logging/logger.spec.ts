import { logLines } from '../testing/log-lines.js';
import { createLogger, JsonLogger } from './logger.js';
import { MAX_LOGGED_STRING } from './bounded.js';
import { REDACTED } from './redact.js';

function capture() {
  const { sink, lines } = logLines();
  return { logger: createLogger('debug', 'test', sink), lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('the JSON logger', () => {
  it('redacts secret fields by exact name, at the top and nested, and keeps identifiers that merely contain "key" or "token"', () => {
    const { logger, parsed, lines } = capture();
    logger.info({
      password: 'p',
      senha: 's',
      headers: { authorization: 'Bearer abc', 'x-anymarket-token': 'jwt', 'content-type': 'application/json' },
      user: { token: 't', name: 'n' },
      cause: { detail: { apiKey: 'k', hmacKey: 'h' } },
      items: [{ integrationSecret: 'i', sku: 'A' }],
      accountKey: '17',
      productKey: '17:4711',
      tokenKey: 'tk-1',
      msg: 'sync page',
    });
    const [line] = parsed();
    expect(line).toMatchObject({
      password: REDACTED,
      senha: REDACTED,
      headers: { authorization: REDACTED, 'x-anymarket-token': REDACTED, 'content-type': 'application/json' },
      user: { token: REDACTED, name: 'n' },
      cause: { detail: { apiKey: REDACTED, hmacKey: REDACTED } },
      items: [{ integrationSecret: REDACTED, sku: 'A' }],
      accountKey: '17',
      productKey: '17:4711',
      tokenKey: 'tk-1',
      msg: 'sync page',
    });
    for (const secret of ['Bearer abc', '"jwt"', '"p"', '"i"']) expect(lines[0]).not.toContain(secret);
  });

  it("redacts secret fields at any depth the line keeps, and in a child logger's bindings", () => {
    const { logger, lines, parsed } = capture();
    logger.warn({ msg: 'deep', a: { b: { c: { d: { password: 'deep-secret', keep: 1 } } } }, list: [[{ token: 'in-array' }]] });
    logger.child({ authorization: 'Bearer child-secret', accountKey: '17' }).info('from a child');
    const [deep, child] = parsed();
    expect(deep).toMatchObject({ a: { b: { c: { d: { password: REDACTED, keep: 1 } } } }, list: [[{ token: REDACTED }]] });
    expect(child).toMatchObject({ authorization: REDACTED, accountKey: '17', msg: 'from a child' });
    for (const secret of ['deep-secret', 'in-array', 'child-secret']) expect(lines.join('\n')).not.toContain(secret);
  });

  it("bounds every value, so a caller's megabyte never becomes a megabyte line", () => {
    const { logger, lines, parsed } = capture();
    const huge = 'x'.repeat(1024 * 1024);
    logger.warn({
      msg: 'activation refused',
      storeId: huge,
      nested: { list: Array.from({ length: 5000 }, (_, i) => i), deep: { a: { b: { c: { d: { e: { f: huge } } } } } } },
    });
    logger.info({ storeId: 'short' }, huge);
    new JsonLogger(logger).error(huge, huge, 'Context');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.length).toBeLessThan(8 * 1024);
    const [first, second] = parsed();
    expect(first.storeId).toBe(`${'x'.repeat(MAX_LOGGED_STRING)}…[+${1024 * 1024 - MAX_LOGGED_STRING} chars]`);
    expect((first.nested as { list: unknown[] }).list.at(-1)).toBe('[+4980 items]');
    expect(second.msg).toMatch(/…\[\+1047576 chars\]$/);
  });

  it('keeps ordinary lines as they are', () => {
    const { logger, parsed } = capture();
    logger.info({ msg: 'listing upserted', listingId: 7, created: true, at: new Date('2026-01-02T03:04:05Z') });
    expect(parsed()[0]).toMatchObject({ msg: 'listing upserted', listingId: 7, created: true, at: '2026-01-02T03:04:05.000Z', level: 'info', name: 'test' });
  });
});
