import type { MarketplacerState } from '../../state/marketplacer-state.js';

/** What every resolver receives as the GraphQL context: the current state (replaced on reset). */
export interface MarketplacerContext {
  state: MarketplacerState;
}
