export * from './test-connection.js';
export * from './fake-timing.js';
export * from './fixtures.js';
