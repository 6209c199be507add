import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '#common';
import type { AdminAuditEventEntity } from '../entities/admin-audit-event.entity.js';

/** Paging of the audit trail (newest first). */
export class ListAdminAuditEventsQuery extends PageQuery {}

export class AdminAuditEventDto {
  @ApiProperty() id: number;
  @ApiProperty() occurredAt: string;
  @ApiProperty() requestId: string;
  @ApiProperty({ example: 'POST' }) method: string;
  @ApiProperty({ example: '/admin/seller-links' }) path: string;
  @ApiProperty({ example: 201 }) statusCode: number;
  @ApiPropertyOptional({ nullable: true, type: String }) errorCode: string | null;

  static from(entity: AdminAuditEventEntity): AdminAuditEventDto {
    return { ...entity, occurredAt: entity.occurredAt.toISOString() };
  }
}
