import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

export class CreateSyncTables1763900000000 implements MigrationInterface {
  name = 'CreateSyncTables1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'sync_state',
        columns: [
          { ...c.varchar('job', 64), isPrimary: true },
          { ...c.varchar('account_key', 128), isPrimary: true },
          c.varchar('watermark', 64, true),
          c.text('cursor', true),
          c.varchar('pending_watermark', 64, true),
          c.timestamp('next_run_at'),
          c.varchar('lease_owner', 64, true),
          c.timestamp('lease_expires_at', true),
          c.integer('consecutive_failures'),
          c.text('last_error', true),
          c.timestamp('last_success_at', true),
          c.integer('last_run_id', true),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sync_run',
        columns: [
          c.id(),
          c.varchar('job', 64),
          c.varchar('account_key', 128),
          c.timestamp('started_at'),
          c.timestamp('finished_at', true),
          c.varchar('outcome', 16),
          c.varchar('trigger', 16),
          c.integer('pages'),
          c.integer('items_seen'),
          c.integer('items_changed'),
          c.integer('items_failed'),
          c.varchar('error_code', 100, true),
          c.text('error_message', true),
          c.varchar('runner', 64),
        ],
      }),
    );
    await queryRunner.createIndex('sync_run', new TableIndex({ name: 'idx_sync_run_job_account', columnNames: ['job', 'account_key'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sync_run');
    await queryRunner.dropTable('sync_state');
  }
}
