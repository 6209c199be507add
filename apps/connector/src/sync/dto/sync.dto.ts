import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';
import { PageQuery, QueryBoolean, MayBeOmitted } from '#common';
import type { SyncRunEntity, SyncRunOutcome } from '../entities/sync-run.entity.js';
import type { SyncStateEntity } from '../entities/sync-state.entity.js';

const OUTCOMES: SyncRunOutcome[] = ['running', 'succeeded', 'failed', 'abandoned'];

const JOB = { description: 'Only this job (GET /admin/sync/jobs)', example: 'adverts' } as const;
const ACCOUNT_KEY = {
  description: 'Only this key: every job has one, `marketplace` (each job is one feed of the marketplace)',
  example: 'marketplace',
} as const;

export class ListSyncRunsQuery extends PageQuery {
  @ApiPropertyOptional(JOB) @MayBeOmitted() @IsString() @MaxLength(64) job?: string;
  @ApiPropertyOptional(ACCOUNT_KEY) @MayBeOmitted() @IsString() @MaxLength(128) accountKey?: string;
  @ApiPropertyOptional({ enum: OUTCOMES, description: 'Only runs that ended so (or are running)' }) @MayBeOmitted() @IsIn(OUTCOMES) outcome?: SyncRunOutcome;
}

export class ListSyncStatesQuery {
  @ApiPropertyOptional(JOB) @MayBeOmitted() @IsString() @MaxLength(64) job?: string;
  @ApiPropertyOptional(ACCOUNT_KEY) @MayBeOmitted() @IsString() @MaxLength(128) accountKey?: string;
}

export class TriggerSyncQuery {
  @ApiPropertyOptional({ type: Boolean, example: true, description: 'Answer once the run has ended (up to 60 s), with its outcome' })
  @MayBeOmitted()
  @QueryBoolean()
  @IsBoolean()
  wait?: boolean;
}

export class SyncRunDto {
  @ApiProperty() id: number;
  @ApiProperty() job: string;
  @ApiProperty({ description: 'Always `marketplace`: every job has one key', example: 'marketplace' }) accountKey: string;
  @ApiProperty({ enum: ['schedule', 'admin'] }) trigger: string;
  @ApiProperty({ enum: OUTCOMES }) outcome: SyncRunOutcome;
  @ApiProperty() startedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty() pages: number;
  @ApiProperty() itemsSeen: number;
  @ApiProperty() itemsChanged: number;
  @ApiProperty() itemsFailed: number;
  @ApiPropertyOptional({ nullable: true, type: String }) errorCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) errorMessage: string | null;
  @ApiProperty({ description: 'The process that ran it' }) runner: string;

  static from(run: SyncRunEntity): SyncRunDto {
    return { ...run, startedAt: run.startedAt.toISOString(), finishedAt: run.finishedAt?.toISOString() ?? null };
  }
}

export class SyncStateDto {
  @ApiProperty() job: string;
  @ApiProperty({ description: 'Always `marketplace`: every job has one key', example: 'marketplace' }) accountKey: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'What the last completed scan reached' }) watermark: string | null;
  @ApiProperty({ description: 'A scan is part-way (it resumes from its committed cursor)' }) scanInProgress: boolean;
  @ApiProperty() nextRunAt: string;
  @ApiProperty({ description: 'A process runs the job right now (holds its lease)' }) running: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) leaseOwner: string | null;
  @ApiProperty() consecutiveFailures: number;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastSuccessAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) lastRunId: number | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'Why the job does not run now: its contract feature is off (the live Marketplacer schema refuses a document it needs); it runs again once the check passes',
  })
  switchedOffBecause?: string | null;

  static from(state: SyncStateEntity, now: Date): SyncStateDto {
    const running = state.leaseExpiresAt !== null && state.leaseExpiresAt > now;
    return {
      job: state.job,
      accountKey: state.accountKey,
      watermark: state.watermark,
      scanInProgress: state.cursor !== null,
      nextRunAt: state.nextRunAt.toISOString(),
      running,
      leaseOwner: running ? state.leaseOwner : null,
      consecutiveFailures: state.consecutiveFailures,
      lastError: state.lastError,
      lastSuccessAt: state.lastSuccessAt?.toISOString() ?? null,
      lastRunId: state.lastRunId,
    };
  }
}

export class SyncJobSwitchedOffDto {
  @ApiProperty({ example: 'orders.feed' }) feature: string;
  @ApiProperty({
    example: `Marketplacer's schema refuses InvoicesUpdatedSince (Invoice.shippingCostCents: Cannot query field "shippingCostCents" on type "Invoice".)`,
  })
  reason: string;
  @ApiProperty({ type: [String], description: 'The refused documents', example: ['InvoicesUpdatedSince'] }) documents: string[];
}

export class SyncJobDto {
  @ApiProperty({ example: 'adverts' }) name: string;
  @ApiProperty({ example: 60000 }) intervalMs: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The Marketplacer contract feature this job is (GET /admin/system/contract)',
    example: 'adverts.feed',
  })
  contractFeature: string | null;
  @ApiProperty({
    type: SyncJobSwitchedOffDto,
    nullable: true,
    description: 'Set while the job does not run because its contract feature is off; it runs again once the contract check passes',
  })
  switchedOff: SyncJobSwitchedOffDto | null;
}
