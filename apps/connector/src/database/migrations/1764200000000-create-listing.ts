import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

export class CreateListing1764200000000 implements MigrationInterface {
  name = 'CreateListing1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'listing',
        columns: [
          c.id(),
          c.integer('account_id'),
          c.varchar('oi', 64),
          c.varchar('id_account', 20),
          c.varchar('id_sku_marketplace', 20),
          c.varchar('id_sku_marketplace_main', 20, true),
          c.varchar('id_sku', 20, true),
          c.varchar('id_product', 20, true),
          c.varchar('sku_in_marketplace', 255, true),
          c.varchar('title', 500, true),
          c.varchar('ean', 64, true),
          c.varchar('advert_id', 100, true),
          c.integer('advert_legacy_id', true),
          c.varchar('variant_id', 100, true),
          c.varchar('state', 16),
          c.varchar('requested_status', 16),
          c.varchar('read_mode', 16),
          c.integer('request_seq'),
          c.integer('attempts'),
          c.timestamp('next_attempt_at', true),
          c.timestamp('claim_expires_at', true),
          c.varchar('publication_status', 16, true),
          c.varchar('transmission_status', 16, true),
          c.varchar('marketplace_status', 500, true),
          c.varchar('reported_hash', 64, true),
          c.timestamp('reported_at', true),
          c.text('vetting_rejected_reason', true),
          c.text('last_error', true),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
          c.timestamp('synced_at', true),
        ],
      }),
    );
    await queryRunner.createIndex(
      'listing',
      new TableIndex({ name: 'uq_listing_account_transmission', columnNames: ['account_id', 'id_sku_marketplace'], isUnique: true }),
    );
    await queryRunner.createIndex('listing', new TableIndex({ name: 'idx_listing_account_product', columnNames: ['account_id', 'id_product'] }));
    await queryRunner.createIndex('listing', new TableIndex({ name: 'idx_listing_account_advert', columnNames: ['account_id', 'advert_id'] }));
    await queryRunner.createIndex('listing', new TableIndex({ name: 'idx_listing_state', columnNames: ['state', 'next_attempt_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('listing');
  }
}
