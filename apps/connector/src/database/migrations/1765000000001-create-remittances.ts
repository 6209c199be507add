import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

/** Sellers context: the copies of Marketplacer's remittances and remittance advices (cents in `bigint`). */
export class CreateRemittances1765000000001 implements MigrationInterface {
  name = 'CreateRemittances1765000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    const cents = (name: string, nullable = false) => ({ name, type: 'bigint', isNullable: nullable });
    await queryRunner.createTable(
      new Table({
        name: 'seller_remittance',
        columns: [
          { name: 'id', type: 'varchar', length: '100', isPrimary: true },
          c.varchar('seller_id', 100),
          c.integer('seller_legacy_id'),
          c.text('seller_business_name'),
          c.varchar('invoice_id', 100, true),
          c.integer('invoice_legacy_id', true),
          cents('amount_cents'),
          cents('commission_cents', true),
          { name: 'released', type: 'boolean' },
          c.text('pending_reasons_json'),
          c.varchar('advice_id', 100, true),
          c.timestamp('created_at'),
          c.timestamp('synced_at'),
        ],
      }),
    );
    await queryRunner.createIndex('seller_remittance', new TableIndex({ name: 'idx_seller_remittance_seller', columnNames: ['seller_id', 'created_at'] }));
    await queryRunner.createIndex('seller_remittance', new TableIndex({ name: 'idx_seller_remittance_advice', columnNames: ['advice_id'] }));
    await queryRunner.createTable(
      new Table({
        name: 'seller_remittance_advice',
        columns: [
          { name: 'id', type: 'varchar', length: '100', isPrimary: true },
          c.integer('legacy_id'),
          c.varchar('seller_id', 100),
          c.integer('seller_legacy_id'),
          c.text('seller_business_name'),
          cents('total_cents'),
          cents('total_paid_cents', true),
          cents('commission_cents', true),
          c.timestamp('paid_at', true),
          c.text('payment_reference', true),
          c.timestamp('created_at', true),
          c.text('remittance_ids_json'),
          c.timestamp('synced_at'),
        ],
      }),
    );
    await queryRunner.createIndex(
      'seller_remittance_advice',
      new TableIndex({ name: 'idx_seller_remittance_advice_seller', columnNames: ['seller_id', 'legacy_id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('seller_remittance_advice');
    await queryRunner.dropTable('seller_remittance');
  }
}
