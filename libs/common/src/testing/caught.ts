type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/** The error of class `type` that `run` throws; another error is rethrown, and none fails the test. */
export function thrownBy<E extends Error>(type: ErrorClass<E>, run: () => unknown): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}

/** The error of class `type` that `promise` rejects with; another error is rethrown, and none fails the test. */
export async function rejectionOf<E extends Error>(type: ErrorClass<E>, promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}

/**
 * Whatever `promise` rejects with, of any realm or shape (a socket's error is not this realm's `Error`);
 * fulfilment fails the test.
 */
export async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}
