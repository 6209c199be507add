import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminAuditController } from './admin/admin-audit.controller.js';
import { AdminAuditInterceptor } from './admin-audit.interceptor.js';
import { AdminAuditService } from './admin-audit.service.js';
import { AdminAuditEventEntity } from './entities/admin-audit-event.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([AdminAuditEventEntity])],
  controllers: [AdminAuditController],
  providers: [AdminAuditService, { provide: APP_INTERCEPTOR, useClass: AdminAuditInterceptor }],
  exports: [AdminAuditService],
})
export class AuditModule {}
