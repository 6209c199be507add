export * from './budget-plan.js';
export * from './budget-share.js';
export * from './remote-budget.js';
export * from './remote-budget-store.js';
export * from './remote-budget.module.js';
