import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

/**
 * Shipments after the first (issue 26 §3): an order keeps the tracking ANYMARKET has as far as the
 * connector knows (what its markAsShipped sent, or ANYMARKET's own), so a second shipment or a corrected
 * number is sent again, and a tracking update ANYMARKET did not take, shown to operators. Null for
 * orders made before (their tracking is taken from the next invoice version seen, nothing sent for it).
 */
export class OrderTrackingUpdates1765500000000 implements MigrationInterface {
  name = 'OrderTrackingUpdates1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.addColumn('anymarket_order', new TableColumn(c.text('anymarket_tracking', true)));
    await queryRunner.addColumn('anymarket_order', new TableColumn(c.text('tracking_not_delivered', true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('anymarket_order', 'tracking_not_delivered');
    await queryRunner.dropColumn('anymarket_order', 'anymarket_tracking');
  }
}
