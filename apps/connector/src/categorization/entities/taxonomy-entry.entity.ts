import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type TaxonomyKind = 'brand' | 'taxon' | 'prototype';

/**
 * The local copy of Marketplacer's catalogue structure that ANYMARKET's look-up remotes are served
 * from: one row per brand, taxon or prototype, replaced as a whole by each refresh.
 */
@Entity('taxonomy_entry')
@Index('idx_taxonomy_entry_parent', ['kind', 'parentId'])
export class TaxonomyEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 }) kind: TaxonomyKind;

  /** Marketplacer's global id: the `codeInMarketplace` ANYMARKET sees. */
  @PrimaryColumn({ name: 'mp_id', type: 'varchar', length: 128 }) mpId: string;

  /** Taxons: the parent taxon's global id (null at the root). */
  @Column({ name: 'parent_id', type: 'varchar', length: 128, nullable: true }) parentId: string | null;

  @Column({ type: 'varchar', length: 500 }) name: string;

  /** Order as Marketplacer listed them. */
  @Column({ type: 'integer' }) position: number;

  /** The kind's own fields (see taxonomy-snapshot.ts). */
  @Column({ type: 'simple-json' }) payload: unknown;
}
