import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { AdminAuditEventEntity } from './entities/admin-audit-event.entity.js';

export interface AuditedRequest {
  requestId: string;
  method: string;
  path: string;
  statusCode: number;
  errorCode: string | null;
}

@Injectable()
export class AdminAuditService {
  constructor(@InjectRepository(AdminAuditEventEntity) private readonly events: Repository<AdminAuditEventEntity>) {}

  async record(request: AuditedRequest): Promise<void> {
    await this.events.insert({ ...request, occurredAt: new Date() });
  }

  /** Newest first; `beforeId` pages backwards through older events. */
  async list(limit: number, beforeId?: number): Promise<AdminAuditEventEntity[]> {
    return this.events.find({
      where: beforeId ? { id: LessThan(beforeId) } : {},
      order: { id: 'DESC' },
      take: limit,
    });
  }
}
