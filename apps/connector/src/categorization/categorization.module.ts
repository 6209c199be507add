import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SyncModule } from '../sync/index.js';
import { AdminTaxonomyController } from './admin/admin-taxonomy.controller.js';
import { CategorizationService } from './categorization.service.js';
import { TaxonomyEntryEntity } from './entities/taxonomy-entry.entity.js';
import { CategorizationRemotesController } from './remotes/categorization-remotes.controller.js';
import { TaxonomyAdminService } from './taxonomy-admin.service.js';
import { TaxonomyCacheService } from './taxonomy-cache.service.js';
import { TaxonomyRefreshJob } from './taxonomy-refresh.job.js';
import { WebhookHandlersModule } from '../webhooks/index.js';
import { TaxonomyWebhooks } from './taxonomy-webhooks.js';

/** Brands, categories, attributes and variations: Marketplacer's taxonomy as ANYMARKET's mapping screens see it. */
@Module({
  imports: [TypeOrmModule.forFeature([TaxonomyEntryEntity]), SyncModule, WebhookHandlersModule],
  controllers: [CategorizationRemotesController, AdminTaxonomyController],
  providers: [TaxonomyCacheService, CategorizationService, TaxonomyAdminService, TaxonomyRefreshJob, TaxonomyWebhooks],
  exports: [TaxonomyCacheService],
})
export class CategorizationModule {}
