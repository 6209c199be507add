import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

export class CreateAccounts1764000000000 implements MigrationInterface {
  name = 'CreateAccounts1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    const double = (name: string) => ({ name, type: 'double precision' });
    await queryRunner.createTable(
      new Table({
        name: 'seller_link',
        columns: [
          c.id(),
          c.varchar('seller_id', 100),
          c.integer('seller_legacy_id'),
          c.varchar('seller_business_name', 255),
          c.varchar('secret_hash', 200),
          c.varchar('anymarket_oi', 64, true),
          c.timestamp('bound_at', true),
          c.timestamp('created_at'),
          c.timestamp('secret_rotated_at', true),
          c.timestamp('revoked_at', true),
        ],
      }),
    );
    // One active link per seller; revoked links stay as history.
    await queryRunner.createIndex(
      'seller_link',
      new TableIndex({ name: 'idx_seller_link_active_seller', columnNames: ['seller_id'], isUnique: true, where: 'revoked_at IS NULL' }),
    );
    await queryRunner.createIndex('seller_link', new TableIndex({ name: 'idx_seller_link_legacy_id', columnNames: ['seller_legacy_id'] }));

    await queryRunner.createTable(
      new Table({
        name: 'anymarket_account',
        columns: [
          c.id(),
          c.varchar('oi', 64),
          c.varchar('id_account', 20),
          c.integer('seller_link_id'),
          c.boolean('active', true),
          c.varchar('account_name', 255, true),
          c.varchar('template_id', 20, true),
          c.varchar('discount_type', 10),
          double('discount_value'),
          double('price_factor'),
          c.boolean('use_sandbox', false),
          c.boolean('account_default', false),
          c.boolean('update_price_stock_status', false),
          double('addition_of_freight'),
          { name: 'initial_order_import_date', type: 'date', isNullable: true },
          c.text('token_encrypted', true),
          c.varchar('country', 50, true),
          c.timestamp('created_at'),
          c.timestamp('updated_at'),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['seller_link_id'], referencedTableName: 'seller_link', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
        ],
      }),
    );
    await queryRunner.createIndex(
      'anymarket_account',
      new TableIndex({ name: 'uq_anymarket_account_oi_id_account', columnNames: ['oi', 'id_account'], isUnique: true }),
    );
    await queryRunner.createIndex('anymarket_account', new TableIndex({ name: 'idx_anymarket_account_seller_link', columnNames: ['seller_link_id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('anymarket_account');
    await queryRunner.dropTable('seller_link');
  }
}
