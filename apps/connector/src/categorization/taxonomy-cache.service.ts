import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { MarketplacerTaxonomy, paginate, type MarketplacerTaxon } from '#marketplacer';
import { TaxonomyEntryEntity, type TaxonomyKind } from './entities/taxonomy-entry.entity.js';
import { ShortLivedMemo } from './short-lived-memo.js';
import type { BrandPayload, PrototypePayload, TaxonPayload } from './taxonomy-snapshot.js';

export interface TaxonomyCounts {
  brands: number;
  taxons: number;
  prototypes: number;
}

const PAGE = 500;
const INSERT_CHUNK = 200;

/**
 * Keeps the local copy of Marketplacer's brands, taxon tree and prototypes. A refresh reads all of
 * it first and only then replaces the copy in one transaction, so readers never see half a refresh
 * and a failed refresh leaves the previous copy in place.
 */
@Injectable()
export class TaxonomyCacheService {
  private readonly logger = new Logger('Categorization');
  private loading: Promise<TaxonomyCounts> | undefined;
  /** Once the copy has rows it never becomes empty again (a refresh swaps it in one transaction). */
  private loaded = false;
  /** Lists read within the last second (ShortLivedMemo): bursts of look-ups cost one read. */
  private readonly recentLists = new ShortLivedMemo<TaxonomyEntryEntity[]>();

  constructor(
    private readonly taxonomy: MarketplacerTaxonomy,
    @InjectRepository(TaxonomyEntryEntity) private readonly entries: Repository<TaxonomyEntryEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Reads everything from Marketplacer and swaps it in. Concurrent callers share one refresh. */
  refresh(): Promise<TaxonomyCounts> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Refreshes once when the copy is empty (first start), so the first look-up already answers. */
  async ensureLoaded(): Promise<void> {
    if (this.loaded) return;
    if ((await this.entries.count({ take: 1 })) === 0) await this.refresh();
    this.loaded = (await this.entries.count({ take: 1 })) > 0;
  }

  async counts(): Promise<TaxonomyCounts> {
    const [brands, taxons, prototypes] = await Promise.all((['brand', 'taxon', 'prototype'] as const).map((kind) => this.entries.countBy({ kind })));
    return { brands, taxons, prototypes };
  }

  async list(kind: TaxonomyKind, parentId?: string | null): Promise<TaxonomyEntryEntity[]> {
    await this.ensureLoaded();
    const scope = parentId === undefined ? 'all' : parentId === null ? 'roots' : `children of ${parentId}`;
    return this.recentLists.get(`${kind}: ${scope}`, () => this.readList(kind, parentId));
  }

  private readList(kind: TaxonomyKind, parentId?: string | null): Promise<TaxonomyEntryEntity[]> {
    const query = this.entries.createQueryBuilder('e').where('e.kind = :kind', { kind });
    if (parentId === null) query.andWhere('e.parent_id IS NULL');
    else if (parentId !== undefined) query.andWhere('e.parent_id = :parentId', { parentId });
    return query.orderBy('e.position', 'ASC').getMany();
  }

  async find(kind: TaxonomyKind, mpId: string): Promise<TaxonomyEntryEntity | null> {
    await this.ensureLoaded();
    return this.entries.findOneBy({ kind, mpId });
  }

  async prototypeOf(taxon: TaxonomyEntryEntity): Promise<PrototypePayload | null> {
    const prototypeId = (taxon.payload as TaxonPayload).prototypeId;
    if (!prototypeId) return null;
    return ((await this.find('prototype', prototypeId))?.payload as PrototypePayload | undefined) ?? null;
  }

  private async load(): Promise<TaxonomyCounts> {
    const rows: Array<Omit<TaxonomyEntryEntity, 'payload'> & { payload: BrandPayload | TaxonPayload | PrototypePayload }> = [];
    for await (const page of paginate((after) => this.taxonomy.listBrands({ after, first: PAGE }))) {
      for (const brand of page.nodes)
        rows.push({ kind: 'brand', mpId: brand.id, parentId: null, name: brand.name, position: rows.length, payload: { slug: brand.slug } });
    }
    const taxons = await this.readTaxonTree();
    for (const taxon of taxons) {
      rows.push({
        kind: 'taxon',
        mpId: taxon.id,
        parentId: taxon.parentId,
        name: taxon.displayName,
        position: rows.length,
        payload: { legacyId: taxon.legacyId, treeName: taxon.treeName, prototypeId: taxon.prototype?.id ?? null, isLeaf: taxon.isLeaf ?? true },
      });
    }
    for await (const page of paginate((after) => this.taxonomy.listPrototypesWithOptions({ after }))) {
      for (const prototype of page.nodes) {
        if (prototype.optionTypesTruncated || prototype.optionTypes.some((type) => type.valuesTruncated)) {
          this.logger.warn({ msg: 'prototype has more option types or values than one read returns; the copy is partial', prototypeId: prototype.id });
        }
        rows.push({
          kind: 'prototype',
          mpId: prototype.id,
          parentId: null,
          name: prototype.name,
          position: rows.length,
          payload: {
            optionTypes: prototype.optionTypes.map(({ id, name, displayName, fieldType, appliedTo, optional, values }) => ({
              id,
              name,
              displayName,
              fieldType,
              appliedTo,
              optional,
              values,
            })),
          },
        });
      }
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.createQueryBuilder().delete().from(TaxonomyEntryEntity).execute();
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(TaxonomyEntryEntity)
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
      }
    });
    // Reads remembered before the swap (even one in flight) are dropped; the next look-up reads the new copy.
    this.recentLists.clear();
    const counts = {
      brands: rows.filter((r) => r.kind === 'brand').length,
      taxons: taxons.length,
      prototypes: rows.filter((r) => r.kind === 'prototype').length,
    };
    this.logger.log({ msg: 'taxonomy copy refreshed', ...counts });
    return counts;
  }

  /** The whole tree, breadth first: the roots, then the children of every taxon that has any. */
  private async readTaxonTree(): Promise<MarketplacerTaxon[]> {
    const all: MarketplacerTaxon[] = [];
    const parents: Array<string | undefined> = [undefined];
    while (parents.length > 0) {
      const parentId = parents.shift();
      for await (const page of paginate((after) => this.taxonomy.listTaxons(parentId, { after, first: PAGE }))) {
        for (const taxon of page.nodes) {
          all.push({ ...taxon, parentId: taxon.parentId ?? parentId ?? null });
          if (taxon.isLeaf === false) parents.push(taxon.id);
        }
      }
    }
    return all;
  }
}
