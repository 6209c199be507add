// otel-export.ts is left out on purpose: it is imported dynamically, only when spans are exported.
export * from './trace-ids.js';
export * from './traceparent.js';
export * from './flow-span.js';
export * from './tracing.config.js';
export * from './trace-export.js';
export * from './tracing.module.js';
