import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

/** The seller directory (a copy of Marketplacer's sellers), onboarding requests, and a link's seller standing. */
export class SellerDirectory1765000000000 implements MigrationInterface {
  name = 'SellerDirectory1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'marketplacer_seller',
        columns: [
          { name: 'id', type: 'varchar', length: '100', isPrimary: true },
          c.integer('legacy_id'),
          c.varchar('business_name', 255, true),
          c.varchar('account_type', 32, true),
          { name: 'online', type: 'boolean', isNullable: true },
          { name: 'deleted', type: 'boolean', isNullable: false },
          { name: 'active', type: 'boolean', isNullable: false },
          c.varchar('email_address', 255, true),
          c.varchar('phone', 64, true),
          c.text('metadata_json'),
          c.varchar('marketplacer_updated_at', 40, true),
          c.timestamp('synced_at'),
        ],
      }),
    );
    await queryRunner.createIndex(
      'marketplacer_seller',
      new TableIndex({ name: 'idx_marketplacer_seller_legacy_id', columnNames: ['legacy_id'], isUnique: true }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'seller_onboarding',
        columns: [
          { name: 'request_id', type: 'varchar', length: '100', isPrimary: true },
          c.varchar('state', 16),
          c.varchar('details_hash', 64),
          c.varchar('user_email', 255),
          c.varchar('seller_id', 100, true),
          c.integer('seller_link_id', true),
          c.text('last_error', true),
          c.timestamp('requested_at'),
          c.timestamp('updated_at'),
        ],
      }),
    );
    await queryRunner.addColumns('seller_link', [
      new TableColumn(c.varchar('seller_inactive_reason', 200, true)),
      new TableColumn(c.timestamp('seller_inactive_since', true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('seller_link', 'seller_inactive_since');
    await queryRunner.dropColumn('seller_link', 'seller_inactive_reason');
    await queryRunner.dropTable('seller_onboarding');
    await queryRunner.dropTable('marketplacer_seller');
  }
}
