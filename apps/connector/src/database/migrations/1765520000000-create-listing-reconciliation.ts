import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

/** Products: the listings reconciliation's record per account (issue 26 §1). */
export class CreateListingReconciliation1765520000000 implements MigrationInterface {
  name = 'CreateListingReconciliation1765520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'listing_reconciliation',
        columns: [
          { ...c.integer('account_id'), isPrimary: true },
          c.varchar('seller_id', 100, true),
          c.timestamp('first_seen_at'),
          c.timestamp('last_started_at', true),
          c.timestamp('last_finished_at', true),
          c.integer('adverts_seen'),
          c.integer('listings_checked'),
          c.integer('marketplacer_requests'),
          c.integer('drift_advert_gone'),
          c.integer('drift_unpublished'),
          c.integer('drift_status'),
          c.integer('drift_price'),
          c.integer('drift_stock'),
          c.integer('repaired'),
          c.integer('failed'),
          c.integer('unlinked_count'),
          c.text('unlinked_adverts'),
          c.text('last_error', true),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('listing_reconciliation');
  }
}
