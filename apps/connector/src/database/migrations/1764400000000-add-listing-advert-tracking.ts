import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

/** Listing columns for duplicate-safe advert creates (pending_advert_ref) and a cheaper poll (advert_seen_at). */
export class AddListingAdvertTracking1764400000000 implements MigrationInterface {
  name = 'AddListingAdvertTracking1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.addColumns('listing', [
      new TableColumn(c.varchar('pending_advert_ref', 100, true)),
      new TableColumn(c.varchar('advert_seen_at', 40, true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('listing', ['advert_seen_at', 'pending_advert_ref']);
  }
}
