import { Module } from '@nestjs/common';
import { AdminSystemController } from './admin-system.controller.js';

@Module({ controllers: [AdminSystemController] })
export class SystemModule {}
