export * from './test-databases.js';
export * from './caught.js';
export * from './eventually.js';
export * from './log-lines.js';
export * from './captured-output.js';
export * from './virtual-clock.js';
export * from './entities-test-database.js';
export * from './heap-after-bursts-provided.js';
