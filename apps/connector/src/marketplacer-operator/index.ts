// What other contexts and the composition floor may use of marketplacer-operator (ADR 0018): everything else in this folder is internal.
export { MarketplacerOperatorModule } from './marketplacer-operator.module.js';
