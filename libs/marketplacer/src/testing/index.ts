export * from './fake-marketplacer-server.js';
export * from './fake-timing.js';
export * from './fixtures.js';
