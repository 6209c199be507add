import { Module } from '@nestjs/common';
import { AdminSystemController } from './admin/admin-system.controller.js';

@Module({ controllers: [AdminSystemController] })
export class SystemModule {}
