import { Module } from '@nestjs/common';
import { AdminSystemController } from './admin/admin-system.controller.js';
import { ContractModule } from './contract/contract.module.js';

@Module({ imports: [ContractModule], controllers: [AdminSystemController], exports: [ContractModule] })
export class SystemModule {}
