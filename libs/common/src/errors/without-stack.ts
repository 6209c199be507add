/**
 * Runs `make` with stack traces off: for errors that are expected outcomes (a refused token or
 * credential), whose stacks are never logged (the exception filter logs their code, message and cause)
 * and whose capture was a measurable share of answering them (ADR 0019: V8 walks the async chain
 * for every Error; jsonwebtoken's errors capture twice). Synchronous code only: the limit is restored
 * before `make`'s result is returned, so nothing scheduled from it runs stackless.
 */
export function withoutStack<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
