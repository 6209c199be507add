import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

export class CreateResourceLease1764300000000 implements MigrationInterface {
  name = 'CreateResourceLease1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'resource_lease',
        columns: [{ ...c.varchar('name', 200), isPrimary: true }, c.varchar('owner', 64), c.timestamp('expires_at')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('resource_lease');
  }
}
