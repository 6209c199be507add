import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

/** Webhooks context: every Marketplacer delivery, stored before it is answered, processed once. */
export class CreateWebhookEvents1765100000000 implements MigrationInterface {
  name = 'CreateWebhookEvents1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'webhook_event',
        columns: [
          c.id(),
          c.varchar('idempotency_key', 200),
          { name: 'sequence', type: 'bigint', isNullable: true },
          c.varchar('vertical', 100, true),
          c.varchar('event_id', 200, true),
          c.varchar('event_name', 50, true),
          c.varchar('object_type', 50, true),
          c.varchar('object_id', 200, true),
          c.varchar('state', 16),
          c.text('note', true),
          c.text('last_error', true),
          { name: 'attempts', type: 'integer', default: 0 },
          c.text('headers_json'),
          c.text('body'),
          c.timestamp('received_at'),
          c.timestamp('processed_at', true),
        ],
        uniques: [{ name: 'uq_webhook_event_idempotency_key', columnNames: ['idempotency_key'] }],
      }),
    );
    await queryRunner.createIndex('webhook_event', new TableIndex({ name: 'idx_webhook_event_object', columnNames: ['object_type', 'object_id', 'sequence'] }));
    await queryRunner.createIndex('webhook_event', new TableIndex({ name: 'idx_webhook_event_state', columnNames: ['state', 'id'] }));
    await queryRunner.createIndex('webhook_event', new TableIndex({ name: 'idx_webhook_event_type_received', columnNames: ['object_type', 'received_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_event');
  }
}
