import type { Provider, Type } from '@nestjs/common';
import { RemittancesController } from '../admin/remittances.controller.js';
import { SellerRemittanceAdviceEntity } from '../entities/seller-remittance-advice.entity.js';
import { SellerRemittanceEntity } from '../entities/seller-remittance.entity.js';
import { RemittanceAdvicesScanJob } from './remittance-advices-scan.job.js';
import { RemittanceStore } from './remittance.store.js';
import { RemittancesScanJob } from './remittances-scan.job.js';
import { RemittancesService } from './remittances.service.js';

/**
 * Remittances in the Sellers context: the copy of Marketplacer's remittances and advices (two
 * whole-list scans), the admin queries and the operators' release and payment. Composed into
 * SellersModule, which imports TypeOrmModule.forFeature(REMITTANCE_ENTITIES) and SyncModule and needs
 * the MarketplacerRemittances port bound.
 */
export const REMITTANCE_ENTITIES = [SellerRemittanceEntity, SellerRemittanceAdviceEntity];
export const REMITTANCE_PROVIDERS: Provider[] = [RemittanceStore, RemittancesScanJob, RemittanceAdvicesScanJob, RemittancesService];
export const REMITTANCE_CONTROLLERS: Type[] = [RemittancesController];
