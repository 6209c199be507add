import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

/**
 * Webhooks: how the stored body is written (ADR 0014). `utf8`: the body as text, as before; `base64`:
 * the bytes of a body that is not UTF-8 text without NUL (Postgres' text cannot hold a NUL), kept byte
 * for byte all the same.
 */
export class WebhookBodyEncoding1765200000000 implements MigrationInterface {
  name = 'WebhookBodyEncoding1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.addColumn('webhook_event', new TableColumn({ ...c.varchar('body_encoding', 16), default: "'utf8'" }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('webhook_event', 'body_encoding');
  }
}
