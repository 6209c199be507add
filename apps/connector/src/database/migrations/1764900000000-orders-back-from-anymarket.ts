import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

/** ANYMARKET → Marketplacer: the changes ANYMARKET announces per order, and the Shipments context (carriers, their map, shipments made). */
export class OrdersBackFromAnymarket1764900000000 implements MigrationInterface {
  name = 'OrdersBackFromAnymarket1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'anymarket_order_update',
        columns: [
          c.id(),
          c.integer('order_id'),
          c.varchar('anymarket_order_id', 20, true),
          c.varchar('announced_status', 16, true),
          c.varchar('state', 16),
          c.text('invoice_data_json', true),
          c.text('invoice_document_json', true),
          c.integer('revision'),
          c.integer('attempts'),
          c.timestamp('next_attempt_at', true),
          c.text('last_error', true),
          { name: 'reported_success', type: 'boolean', isNullable: true },
          c.text('reported_message', true),
          c.timestamp('reported_at', true),
          c.timestamp('updated_at'),
        ],
      }),
    );
    await queryRunner.createIndex(
      'anymarket_order_update',
      new TableIndex({ name: 'uq_anymarket_order_update_order', columnNames: ['order_id'], isUnique: true }),
    );
    await queryRunner.createIndex(
      'anymarket_order_update',
      new TableIndex({ name: 'idx_anymarket_order_update_state', columnNames: ['state', 'next_attempt_at'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'marketplacer_carrier',
        columns: [{ name: 'id', type: 'varchar', length: '100', isPrimary: true }, c.varchar('name', 200), c.timestamp('refreshed_at')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'carrier_mapping',
        columns: [
          { name: 'carrier_key', type: 'varchar', length: '120', isPrimary: true },
          c.varchar('anymarket_carrier', 120),
          c.varchar('marketplacer_carrier_id', 100),
          c.timestamp('updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'order_shipment',
        columns: [
          c.id(),
          c.varchar('invoice_id', 100),
          c.varchar('state', 16),
          c.varchar('marketplacer_shipment_id', 100, true),
          c.varchar('anymarket_carrier', 120),
          c.varchar('carrier_id', 100),
          c.varchar('carrier_name', 200),
          c.varchar('tracking_number', 200),
          c.text('tracking_url', true),
          c.varchar('dispatched_on', 10),
          c.text('items_json'),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
      }),
    );
    await queryRunner.createIndex(
      'order_shipment',
      new TableIndex({ name: 'uq_order_shipment_tracking', columnNames: ['invoice_id', 'tracking_number'], isUnique: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('order_shipment');
    await queryRunner.dropTable('carrier_mapping');
    await queryRunner.dropTable('marketplacer_carrier');
    await queryRunner.dropTable('anymarket_order_update');
  }
}
