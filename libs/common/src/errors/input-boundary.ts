import { ValidationFailedError } from './domain-error.js';

/**
 * How deep a request value may nest. ANYMARKET's deepest documented body (canSave: transmission → sku →
 * product → images[] → image) is six levels; 32 leaves room, and stops the 10,000-level bodies that
 * overflow class-transformer's recursion long before they reach it.
 */
export const MAX_INPUT_DEPTH = 32;

/**
 * What the connector refuses in any request value before anything reads it (ADR 0001): a NUL
 * character anywhere (Postgres cannot store it and answers a 500; SQLite would store it silently), and
 * nesting deeper than MAX_INPUT_DEPTH. Walks iteratively, so the check itself cannot overflow the stack.
 * Throws a 400 VALIDATION_FAILED naming the first offending field: a body field by its path
 * (`user.token`, `items[2].sku`), a parameter or query value by its name (`prefix`).
 */
export function assertSafeInput(value: unknown, prefix = ''): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: prefix, depth: 0 }];
  while (stack.length) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) throw refused(path, 'must not contain the NUL character (\\u0000)');
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) throw refused(prefix, `is nested more than ${MAX_INPUT_DEPTH} levels deep`);
    const entries = Array.isArray(current)
      ? current.map((item, index) => [`[${index}]`, item] as const)
      : Object.entries(current).map(([key, item]) => [key, item] as const);
    for (const [key, item] of entries) {
      if (key.includes('\u0000')) throw refused(path, 'must not contain a field name with the NUL character (\\u0000)');
      stack.push({ value: item, path: key.startsWith('[') || !path ? `${path}${key}` : `${path}.${key}`, depth: depth + 1 });
    }
  }
}

function refused(path: string, message: string): ValidationFailedError {
  const field = path || 'body';
  return new ValidationFailedError([{ field, messages: [`${field} ${message}`] }]);
}
