import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

/**
 * One trace per flow (ADR 0021): a queued job (`work_job`, the in-process queue on SQLite) and a
 * stored webhook event keep the W3C `traceparent` of the flow that made them, so that their run joins
 * that trace. Null for rows made before (they run in a new trace).
 */
export class TraceContextWithQueuedWork1765400000000 implements MigrationInterface {
  name = 'TraceContextWithQueuedWork1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.addColumn('work_job', new TableColumn(c.varchar('traceparent', 55, true)));
    await queryRunner.addColumn('webhook_event', new TableColumn(c.varchar('traceparent', 55, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('webhook_event', 'traceparent');
    await queryRunner.dropColumn('work_job', 'traceparent');
  }
}
