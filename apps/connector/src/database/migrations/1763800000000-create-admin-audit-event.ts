import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

export class CreateAdminAuditEvent1763800000000 implements MigrationInterface {
  name = 'CreateAdminAuditEvent1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'admin_audit_event',
        columns: [
          c.id(),
          c.timestamp('occurred_at'),
          c.varchar('request_id', 128),
          c.varchar('method', 10),
          c.varchar('path', 500),
          c.integer('status_code'),
          c.varchar('error_code', 100, true),
        ],
      }),
    );
    await queryRunner.createIndex('admin_audit_event', new TableIndex({ name: 'idx_admin_audit_event_occurred_at', columnNames: ['occurred_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('admin_audit_event');
  }
}
