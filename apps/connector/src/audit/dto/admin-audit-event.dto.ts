import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { AdminAuditEventEntity } from '../entities/admin-audit-event.entity.js';

export class ListAdminAuditEventsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50, example: 50, description: 'How many events per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @ApiPropertyOptional({ description: 'Only events older than this id (the last id of the previous page)', example: 120 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  beforeId?: number;
}

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
