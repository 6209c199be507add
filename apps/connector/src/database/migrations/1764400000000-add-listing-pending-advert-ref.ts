import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

export class AddListingPendingAdvertRef1764400000000 implements MigrationInterface {
  name = 'AddListingPendingAdvertRef1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('listing', new TableColumn(migrationColumns(queryRunner).varchar('pending_advert_ref', 100, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('listing', 'pending_advert_ref');
  }
}
