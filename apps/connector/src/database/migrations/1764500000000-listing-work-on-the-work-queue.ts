import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

/**
 * Listing work moved onto the WorkQueue (ADR 0003): the per-listing claim (`claim_expires_at`) and
 * the per-product lease table (`resource_lease`) are the engine's job now (pg-boss rows and advisory
 * locks on Postgres, the in-process queue on SQLite).
 */
export class ListingWorkOnTheWorkQueue1764500000000 implements MigrationInterface {
  name = 'ListingWorkOnTheWorkQueue1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('listing', 'claim_expires_at');
    await queryRunner.dropTable('resource_lease');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'resource_lease',
        columns: [{ ...c.varchar('name', 200), isPrimary: true }, c.varchar('owner', 64), c.timestamp('expires_at')],
      }),
    );
    await queryRunner.addColumn('listing', new TableColumn(c.timestamp('claim_expires_at', true)));
  }
}
