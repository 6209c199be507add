export * from './encryption-key.js';
export * from './secret-cipher.js';
export * from './secret-hash.js';
