import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

/** Orders context: each account's orders reconciliation with ANYMARKET, and what it found. */
export class OrdersReconciliation1765530000000 implements MigrationInterface {
  name = 'OrdersReconciliation1765530000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'order_reconciliation',
        columns: [
          { ...c.integer('account_id'), isPrimary: true },
          c.timestamp('last_started_at'),
          c.timestamp('last_finished_at', true),
          c.varchar('outcome', 16, true),
          c.text('last_error', true),
          c.integer('orders_compared'),
          c.integer('unknown_count'),
          c.integer('behind_count'),
          c.integer('ahead_count'),
          c.integer('missing_count'),
          c.integer('moved_forward'),
          c.integer('pushed_again'),
          c.integer('status_adopted'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'order_reconciliation_finding',
        columns: [
          c.id(),
          c.integer('account_id'),
          c.varchar('kind', 16),
          c.varchar('market_place_id', 40),
          c.varchar('anymarket_order_id', 20, true),
          c.integer('order_id', true),
          c.varchar('anymarket_status', 16, true),
          c.varchar('known_status', 16, true),
          c.varchar('target_status', 16, true),
          c.varchar('repair', 16, true),
          c.timestamp('first_seen_at'),
          c.timestamp('last_seen_at'),
        ],
      }),
    );
    await queryRunner.createIndex(
      'order_reconciliation_finding',
      new TableIndex({ name: 'uq_order_reconciliation_finding', columnNames: ['account_id', 'kind', 'market_place_id'], isUnique: true }),
    );
    await queryRunner.createIndex(
      'order_reconciliation_finding',
      new TableIndex({ name: 'idx_order_reconciliation_finding_account', columnNames: ['account_id', 'id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('order_reconciliation_finding');
    await queryRunner.dropTable('order_reconciliation');
  }
}
