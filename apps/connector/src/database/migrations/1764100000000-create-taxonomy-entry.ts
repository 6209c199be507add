import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationColumns } from '#common';

export class CreateTaxonomyEntry1764100000000 implements MigrationInterface {
  name = 'CreateTaxonomyEntry1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = migrationColumns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'taxonomy_entry',
        columns: [
          { ...c.varchar('kind', 16), isPrimary: true },
          { ...c.varchar('mp_id', 128), isPrimary: true },
          c.varchar('parent_id', 128, true),
          c.varchar('name', 500),
          c.integer('position'),
          c.text('payload'),
        ],
      }),
    );
    await queryRunner.createIndex('taxonomy_entry', new TableIndex({ name: 'idx_taxonomy_entry_parent', columnNames: ['kind', 'parent_id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('taxonomy_entry');
  }
}
