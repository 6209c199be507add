// What other contexts and the composition floor may use of accounts (ADR 0018): everything else in this folder is internal.
export { MAX_PRICE_FACTOR, initialDateOf } from './account-settings.js';
export { accountsConfigShape } from './accounts.config.js';
export type { AccountsConfig } from './accounts.config.js';
export { AccountsModule } from './accounts.module.js';
export { AccountsService } from './accounts.service.js';
export type { ActiveAnymarketAccount } from './accounts.service.js';
export { IsActivationDate } from './activation-date.js';
export { anymarketContextOf } from './anymarket-context.js';
export { IssuedSellerLinkDto, SellerLinkDto } from './dto/seller-link.dto.js';
export { AnymarketAccountEntity } from './entities/anymarket-account.entity.js';
export { SellerLinkEntity } from './entities/seller-link.entity.js';
export { SellerLinkStanding } from './seller-link-standing.js';
export { SellerLinksService } from './seller-links.service.js';
export { SellerLinksOverview } from './seller-links-overview.js';
export type { LinkStandingFilter, LinkWithAccounts } from './seller-links-overview.js';
export { inactiveReasonOf as accountInactiveReasonOf } from './account-standing.js';
export { SellerStandings } from './seller-standings.js';
export type { SellerStanding, SellerStandingSource } from './seller-standings.js';
