import { Global, Logger, Module } from '@nestjs/common';
import {
  APP_CONFIG,
  AnymarketTokenGuard,
  type SlidingRemoteBudget,
  REMOTE_BUDGET_STORE,
  RemoteActivity,
  RemoteBudgetModule,
  type RemoteBudgetStore,
} from '#common';
import { ANYMARKET_SETTINGS, resolveAnymarketSettings, type AnymarketConfig, type AnymarketSettings } from './anymarket.config.js';
import { ANYMARKET_BUDGET, anymarketBudget } from './client/anymarket-budget.js';
import { AnymarketBudgetShares } from './client/anymarket-budget-shares.js';
import { AnymarketMarketplaceApi } from './client/anymarket-marketplace-api.port.js';
import { HttpAnymarketMarketplaceApi } from './client/http-anymarket-marketplace-api.js';
import { AnymarketTokenPassportGuard } from './token/anymarket-token.guard.js';
import { AnymarketTokenStrategy } from './token/anymarket-token.strategy.js';
import { VerifiedAnymarketTokens } from './token/verified-anymarket-tokens.js';

function settingsFrom(config: AnymarketConfig): AnymarketSettings {
  const settings = resolveAnymarketSettings(config);
  new Logger('Anymarket').log({
    msg: 'ANYMARKET settings',
    tokenKey: settings.publicKeySource,
    apiUrl: settings.apiUrl,
    sandboxApiUrl: settings.sandboxApiUrl,
  });
  return settings;
}

/**
 * The ANYMARKET side for the whole app: the x-anymarket-token guard (the port the global access
 * guard asks for `@AnymarketRoute()`s: @nestjs/passport's AuthGuard over the passport-jwt strategy,
 * with the verified-token cache in front) and the marketplace-API client port, spending each seller
 * token's budget in the app's RemoteBudgetStore (Postgres: shared by every replica). Global, imported once
 * by the app module; reads the app's config (APP_CONFIG, which spreads `anymarketConfigShape`).
 */
@Global()
@Module({
  imports: [RemoteBudgetModule],
  providers: [
    { provide: ANYMARKET_SETTINGS, useFactory: settingsFrom, inject: [APP_CONFIG] },
    VerifiedAnymarketTokens,
    AnymarketTokenStrategy,
    { provide: AnymarketTokenGuard, useClass: AnymarketTokenPassportGuard },
    {
      provide: ANYMARKET_BUDGET,
      inject: [ANYMARKET_SETTINGS, REMOTE_BUDGET_STORE, { token: RemoteActivity, optional: true }],
      useFactory: (settings: AnymarketSettings, store: RemoteBudgetStore, activity?: RemoteActivity) => anymarketBudget(settings, store, undefined, activity),
    },
    {
      provide: AnymarketBudgetShares,
      inject: [ANYMARKET_SETTINGS, ANYMARKET_BUDGET, REMOTE_BUDGET_STORE],
      useFactory: (settings: AnymarketSettings, budget: SlidingRemoteBudget, store: RemoteBudgetStore) => new AnymarketBudgetShares(settings, budget, store),
    },
    { provide: AnymarketMarketplaceApi, useClass: HttpAnymarketMarketplaceApi },
  ],
  exports: [ANYMARKET_SETTINGS, AnymarketTokenGuard, AnymarketMarketplaceApi, AnymarketBudgetShares],
})
export class AnymarketModule {}
