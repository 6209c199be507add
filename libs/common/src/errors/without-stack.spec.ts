import { withoutStack } from './without-stack.js';

describe('withoutStack', () => {
  it('makes errors without stack frames and gives back what was made', () => {
    const error = withoutStack(() => new TypeError('refused'));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.stack).toBe('TypeError: refused');
    expect(new Error('after').stack).toMatch(/\n\s+at /);
  });

  it('puts the stack trace limit back even when the maker throws', () => {
    const limit = Error.stackTraceLimit;
    expect(() =>
      withoutStack(() => {
        throw new Error('inside');
      }),
    ).toThrow('inside');
    expect(Error.stackTraceLimit).toBe(limit);
  });
});
