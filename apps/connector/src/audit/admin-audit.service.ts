import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Like, type Repository } from 'typeorm';
import { AdminAuditEventEntity } from './entities/admin-audit-event.entity.js';

export interface AuditedRequest {
  requestId: string;
  method: string;
  path: string;
  statusCode: number;
  errorCode: string | null;
}

const MAX_PATH = 500;

@Injectable()
export class AdminAuditService {
  constructor(@InjectRepository(AdminAuditEventEntity) private readonly events: Repository<AdminAuditEventEntity>) {}

  /** Records a request; a path longer than its column (500) is kept cut short, so the event is never lost. */
  async record(request: AuditedRequest): Promise<void> {
    const path = request.path.length > MAX_PATH ? `${request.path.slice(0, MAX_PATH - 1)}…` : request.path;
    await this.events.insert({ ...request, path, occurredAt: new Date() });
  }

  /** The latest events whose path starts with `prefix` (e.g. one console page's actions), newest first. */
  async listUnder(prefix: string, limit: number): Promise<AdminAuditEventEntity[]> {
    // LIKE has no portable escape: a prefix is a path the caller built, without its wildcards.
    if (/[%_\\]/.test(prefix)) throw new Error(`an audit path prefix cannot hold LIKE wildcards: ${prefix}`);
    return this.events.find({ where: { path: Like(`${prefix}%`) }, order: { id: 'DESC' }, take: limit });
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
