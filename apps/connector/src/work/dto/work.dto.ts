import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { LimitQuery } from '#common';
import type { FailedJob } from '../work-queue.js';

/** Failed jobs, newest failure first (ids are UUIDs, so a page is a limit, not a `beforeId`). */
export class ListFailedJobsQuery extends LimitQuery {
  @ApiPropertyOptional({ description: 'Only jobs of this queue', example: 'listings' }) @IsOptional() @IsString() @MaxLength(64) queue?: string;
}

export class FailedJobDto {
  @ApiProperty({ description: "The job's id (a UUID), for POST /admin/work/failed/{id}/retry" }) id: string;
  @ApiProperty({ example: 'listings' }) queue: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Jobs with one key run one at a time (e.g. `12:7001`: account 12, ANYMARKET product 7001)',
  })
  key: string | null;
  @ApiProperty({ description: 'What the job was asked to do (e.g. `{ "listingId": 42 }`)', type: Object }) data: object;
  @ApiProperty({ description: "The last attempt's error" }) error: string;
  @ApiProperty({ description: 'Attempts made, the first one included' }) attempts: number;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) failedAt: string | null;

  static from(job: FailedJob): FailedJobDto {
    return { ...job, createdAt: job.createdAt.toISOString(), failedAt: job.failedAt?.toISOString() ?? null };
  }
}

export class RetriedJobDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The job is queued again, for one more attempt' }) retried: boolean;
}
