export * from './timing.js';
export * from './retry-after.js';
export * from './backoff.js';
export * from './attempt-failure.js';
export * from './resilience.errors.js';
export * from './remote-call-policy.js';
export * from './budget/index.js';
export * from './retry-delay.js';
