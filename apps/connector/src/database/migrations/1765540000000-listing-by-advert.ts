import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Products context: listings found by their advert whatever their account. The adverts feed routes
 * each page of changed adverts to the listings on them (ListingStore.syncedOnAdvertsOfAnyAccount,
 * linkedAdvertIds), and the only advert index led with the account: every page scanned the listings
 * in state `synced`, all of them (a million at 10,000 sellers × 100 adverts; docs/scale.md).
 */
export class ListingByAdvert1765540000000 implements MigrationInterface {
  name = 'ListingByAdvert1765540000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('listing', new TableIndex({ name: 'idx_listing_advert', columnNames: ['advert_id', 'state'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('listing', 'idx_listing_advert');
  }
}
