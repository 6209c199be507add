// What other contexts and the composition floor may use of sellers (ADR 0018): everything else in this folder is internal.
export { MarketplacerSellerEntity } from './entities/marketplacer-seller.entity.js';
export { SellerOnboardingEntity } from './entities/seller-onboarding.entity.js';
export { SellerRemittanceAdviceEntity } from './entities/seller-remittance-advice.entity.js';
export { SellerRemittanceEntity } from './entities/seller-remittance.entity.js';
export { remittancesConfigShape } from './remittances/remittances.config.js';
export { sellersConfigShape } from './sellers.config.js';
export { SellersModule } from './sellers.module.js';
export { SellersAdminService } from './sellers-admin.service.js';
