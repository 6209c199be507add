import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

/** The Orders context: one row per Marketplacer invoice and its ANYMARKET order, and the order's timeline. */
export class CreateOrders1764800000000 implements MigrationInterface {
  name = 'CreateOrders1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'anymarket_order',
        columns: [
          c.id(),
          c.integer('account_id', true),
          c.varchar('invoice_id', 100),
          c.varchar('market_place_id', 40),
          c.varchar('seller_id', 100),
          c.varchar('anymarket_order_id', 20, true),
          c.varchar('anymarket_status', 16, true),
          c.varchar('target_status', 16),
          c.varchar('state', 16),
          c.varchar('invoice_status', 32),
          c.varchar('invoice_updated_at', 40),
          c.text('invoice_json'),
          c.text('refunds_json', true),
          c.text('unlinked_skus', true),
          c.integer('attempts'),
          c.timestamp('next_attempt_at', true),
          c.text('last_error', true),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
          c.timestamp('synced_at', true),
        ],
      }),
    );
    await queryRunner.createIndex('anymarket_order', new TableIndex({ name: 'uq_anymarket_order_invoice', columnNames: ['invoice_id'], isUnique: true }));
    await queryRunner.createIndex(
      'anymarket_order',
      new TableIndex({ name: 'idx_anymarket_order_account_mpid', columnNames: ['account_id', 'market_place_id'] }),
    );
    await queryRunner.createIndex('anymarket_order', new TableIndex({ name: 'idx_anymarket_order_state', columnNames: ['state', 'next_attempt_at'] }));
    await queryRunner.createTable(
      new Table({
        name: 'order_event',
        columns: [
          c.id(),
          c.integer('order_id'),
          c.timestamp('at'),
          c.varchar('source', 16),
          c.varchar('action', 64),
          c.varchar('outcome', 8),
          c.text('detail', true),
        ],
      }),
    );
    await queryRunner.createIndex('order_event', new TableIndex({ name: 'idx_order_event_order', columnNames: ['order_id', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('order_event');
    await queryRunner.dropTable('anymarket_order');
  }
}
