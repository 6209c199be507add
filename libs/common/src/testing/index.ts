export * from './test-databases.js';
export * from './caught.js';
