import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

/**
 * Work context: the in-process WorkQueue's jobs (SQLite), so that a job `send` accepted outlives a
 * crash (ADR 0015). Created on both databases for one schema; pg-boss keeps Postgres' jobs in its own.
 */
export class CreateWorkJobs1765300000000 implements MigrationInterface {
  name = 'CreateWorkJobs1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'work_job',
        columns: [
          c.uuid('id'),
          c.varchar('queue', 100),
          c.varchar('job_key', 200, true),
          c.text('data'),
          c.varchar('state', 16),
          c.integer('attempt'),
          c.timestamp('due_at'),
          c.text('last_error', true),
          c.timestamp('created_at'),
          c.timestamp('failed_at', true),
        ],
      }),
    );
    await queryRunner.createIndex('work_job', new TableIndex({ name: 'idx_work_job_queue_state', columnNames: ['queue', 'state'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('work_job');
  }
}
