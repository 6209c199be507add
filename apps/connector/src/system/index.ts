// What other contexts and the composition floor may use of system (ADR 0018): everything else in this folder is internal.
export type { AnymarketAccountsReport } from './contract/anymarket-accounts.check.js';
export { ContractCheckService } from './contract/contract-check.service.js';
export type { CheckSectionFailure, ContractReport } from './contract/contract-check.service.js';
export { contractConfigShape } from './contract/contract.config.js';
export type { WebhooksReport } from './contract/marketplacer-webhooks.check.js';
export { SystemModule } from './system.module.js';
