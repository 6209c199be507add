import { ValidationFailedError } from './domain-error.js';

/**
 * How deep a request value may nest. ANYMARKET's deepest documented body (canSave: transmission → sku →
 * product → images[] → image) is six levels; 32 leaves room, and stops the 10,000-level bodies that
 * overflow class-transformer's recursion long before they reach it.
 */
export const MAX_INPUT_DEPTH = 32;

/** A lone (unpaired) UTF-16 surrogate: a string that is not well-formed Unicode. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why a string cannot be taken as text, or null when it can: a NUL character (Postgres cannot store
 * it; SQLite would store it silently) or a lone surrogate (not Unicode at all: encoders, validators
 * such as isEmail's `encodeURIComponent`, and the databases fail on it in their own ways).
 */
export function unusableTextReason(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (no lone surrogate such as \\ud800)';
  return null;
}

/**
 * What the connector refuses in any request value before anything reads it (ADR 0001, ADR 0014): a
 * string (value or field name) holding a NUL or a lone surrogate (`unusableTextReason`), and
 * nesting deeper than MAX_INPUT_DEPTH. Walks iteratively, so the check itself cannot overflow the stack.
 * Throws a 400 VALIDATION_FAILED naming the first offending field: a body field by its path
 * (`user.token`, `items[2].sku`), a parameter or query value by its name (`prefix`).
 */
export function assertSafeInput(value: unknown, prefix = ''): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: prefix, depth: 0 }];
  while (stack.length) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const reason = unusableTextReason(current);
      if (reason) throw refused(path, reason);
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) throw refused(prefix, `is nested more than ${MAX_INPUT_DEPTH} levels deep`);
    const entries = Array.isArray(current)
      ? current.map((item, index) => [`[${index}]`, item] as const)
      : Object.entries(current).map(([key, item]) => [key, item] as const);
    for (const [key, item] of entries) {
      const reason = unusableTextReason(key);
      if (reason) throw refused(path, `has a field name that ${reason}`);
      stack.push({ value: item, path: key.startsWith('[') || !path ? `${path}${key}` : `${path}.${key}`, depth: depth + 1 });
    }
  }
}

function refused(path: string, message: string): ValidationFailedError {
  const field = path || 'body';
  return new ValidationFailedError([{ field, messages: [`${field} ${message}`] }]);
}
