export * from './metrics.js';
export * from './metrics.config.js';
export * from './metrics.module.js';
export * from './metrics-options.js';
export * from './metrics-port.js';
export * from './http-metrics.js';
export * from './webhook-deliveries.js';
