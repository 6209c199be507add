import { thrownBy } from '#common/testing';
import { DomainError } from './domain-error.js';
import { assertSafeInput, MAX_INPUT_DEPTH } from './input-boundary.js';

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { next: value };
  return value;
}

describe('assertSafeInput', () => {
  it('lets ordinary values through, whatever their types', () => {
    expect(() => assertSafeInput({ a: 'x', b: [1, { c: null, d: true }], e: '' })).not.toThrow();
    expect(() => assertSafeInput('plain', 'partnerId')).not.toThrow();
    expect(() => assertSafeInput(undefined, 'idAccount')).not.toThrow();
    expect(() => assertSafeInput(nested(MAX_INPUT_DEPTH - 1))).not.toThrow();
  });

  it('refuses a NUL in any string, naming the field by its path', () => {
    const inBody = thrownBy(DomainError, () => assertSafeInput({ user: { token: 'a\u0000b' } }));
    expect(inBody).toMatchObject({ code: 'VALIDATION_FAILED', kind: 'invalid', details: [{ field: 'user.token' }] });
    expect(thrownBy(DomainError, () => assertSafeInput({ items: [{ sku: 'ok' }, { sku: '\u0000' }] })).details[0].field).toBe('items[1].sku');
    expect(thrownBy(DomainError, () => assertSafeInput('a\u0000b', 'partnerId')).details).toEqual([
      { field: 'partnerId', messages: ['partnerId must not contain the NUL character (\\u0000)'] },
    ]);
    expect(thrownBy(DomainError, () => assertSafeInput({ ['a\u0000']: 1 })).kind).toBe('invalid');
  });

  it('refuses a lone surrogate in any string or field name, and lets well-formed pairs through', () => {
    expect(() => assertSafeInput({ email: 'a💥@example.com' })).not.toThrow();
    expect(thrownBy(DomainError, () => assertSafeInput({ user: { email: '\ud800x@example.com' } })).details).toEqual([
      { field: 'user.email', messages: ['user.email must be well-formed Unicode (no lone surrogate such as \\ud800)'] },
    ]);
    expect(thrownBy(DomainError, () => assertSafeInput('x\udfff', 'after')).details[0].field).toBe('after');
    expect(thrownBy(DomainError, () => assertSafeInput({ list: [{ ['\udc00']: 1 }] })).details[0].messages[0]).toContain('field name');
  });

  it('refuses nesting beyond the limit without overflowing the stack itself', () => {
    const error = thrownBy(DomainError, () => assertSafeInput(nested(10_000)));
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'body', messages: [`body is nested more than ${MAX_INPUT_DEPTH} levels deep`] }],
    });
    let arrays: unknown = [];
    for (let i = 0; i < 10_000; i++) arrays = [arrays];
    expect(thrownBy(DomainError, () => assertSafeInput(arrays)).kind).toBe('invalid');
  });
});
