import type { AdvertChangesQuery, AdvertUpsert } from '#marketplacer';
import { formatDateTime } from '../../../../apps/simulator/src/marketplacer/graphql/scalars.js';
import { SimulatedMarketplacer } from '../../../../apps/simulator/src/marketplacer/simulated-marketplacer.js';
import { globalId } from '../../../../apps/simulator/src/marketplacer/state/global-id.js';
import type { MarketplacerState } from '../../../../apps/simulator/src/marketplacer/state/marketplacer-state.js';
import type { AdvertRecord, OptionTypeRecord, VariantRecord } from '../../../../apps/simulator/src/marketplacer/state/records.js';
import type { SimulatorInProcess } from '../simulator-in-process.js';

/** A simulated variant as the listing tests read it: money as decimal strings with two places, options as ids. */
export interface VariantView {
  readonly id: string;
  readonly legacyId: number;
  readonly sku: string | null;
  readonly barcode: string | null;
  readonly countOnHand: number;
  readonly price: string;
  readonly salePrice: string | null;
  readonly published: boolean;
  readonly options: Array<{ optionValueId: string }>;
}

/** A simulated advert, read live: each property is the simulator's record as it is now. */
export interface AdvertView {
  readonly id: string;
  readonly legacyId: number;
  readonly published: boolean;
  readonly deleted: boolean;
  /** Marketplacer's vetting: approved (vetted), pending (requires vetting) or rejected (with the reason). */
  readonly vetting: 'approved' | 'pending' | 'rejected';
  readonly vettingRejectedReason: string | null;
  /** `updatedAt` as Marketplacer's API writes it (ISO 8601, whole seconds). */
  readonly updatedAt: string;
  readonly variants: VariantView[];
}

export interface OptionTypeView {
  id: string;
  values: Array<{ id: string; name: string }>;
}

/** The Marketplacer taxonomy the listing tests map their transmissions to, taken from the simulator's seed. */
export interface TestTaxonomy {
  brand: string;
  /** A taxon with children (Marketplacer refuses adverts there) and its display name. */
  parentTaxon: { id: string; displayName: string };
  /** A leaf below it whose prototype has one select and one free-text advert option, and a Colour variant option. */
  leafTaxon: string;
  select: OptionTypeView;
  text: OptionTypeView;
  colour: OptionTypeView;
}

type AnyVariables = Record<string, any>;

/**
 * Marketplacer's catalogue as the listing tests arrange and check it, on the simulator in-process:
 * what the connector asked (the request log's variables), the adverts it made (the simulator's records),
 * and the operator's edits and the faults (the control API).
 */
export class SimulatedCatalog {
  /** Adverts with a larger legacy id were made since the last `reset`. */
  private advertMark = 0;

  constructor(private readonly simulator: SimulatorInProcess) {}

  private get state(): MarketplacerState {
    return this.simulator.app.get(SimulatedMarketplacer).state;
  }

  /** A fresh request log, no faults, and only adverts made from now on count as this test's. */
  async reset(): Promise<void> {
    await this.simulator.api.control('DELETE', '/_control/marketplacer/requests');
    await this.simulator.marketplacerRecovers();
    this.advertMark = Math.max(0, ...this.state.adverts.keys());
  }

  taxonomy(): TestTaxonomy {
    const s = this.state;
    const optionType = (record: OptionTypeRecord): OptionTypeView => ({
      id: globalId('OptionType', record.legacyId),
      values: record.optionValueIds.map((id) => ({ id: globalId('OptionValue', id), name: s.optionValues.get(id)!.name })),
    });
    const typesOf = (taxonId: number) => s.prototypes.get(s.taxons.get(taxonId)!.prototypeId)!.optionTypeIds.map((id) => s.optionTypes.get(id)!);
    const leaf = [...s.taxons.values()].find((taxon) => {
      const types = typesOf(taxon.legacyId).filter((type) => type.appliedTo === 'ADVERT');
      const isLeaf = ![...s.taxons.values()].some((child) => child.parentId === taxon.legacyId);
      return isLeaf && taxon.parentId !== null && types.some((t) => t.fieldType === 'SINGLE_SELECT') && types.some((t) => t.fieldType === 'FREE_TEXT');
    });
    if (!leaf) throw new Error('the simulated taxonomy has no leaf with a select and a free-text advert option');
    const parent = s.taxons.get(leaf.parentId!)!;
    const types = typesOf(leaf.legacyId);
    const colour = types.find((type) => type.appliedTo === 'VARIANT' && type.name === 'Colour');
    if (!colour) throw new Error(`${leaf.displayName} has no Colour option`);
    return {
      brand: globalId('Brand', Math.min(...s.brands.keys())),
      parentTaxon: { id: globalId('Taxon', parent.legacyId), displayName: parent.displayName },
      leafTaxon: globalId('Taxon', leaf.legacyId),
      select: optionType(types.find((type) => type.appliedTo === 'ADVERT' && type.fieldType === 'SINGLE_SELECT')!),
      text: optionType(types.find((type) => type.appliedTo === 'ADVERT' && type.fieldType === 'FREE_TEXT')!),
      colour: optionType(colour),
    };
  }

  // What the connector asked

  /** Every advertUpsert that reached Marketplacer since the reset (refused or failed ones too), as the port's AdvertUpsert. */
  async upserts(): Promise<AdvertUpsert[]> {
    return (await this.variablesOf('AdvertUpsert')).map(({ input }) => ({
      seller: input.sellerId,
      ...(input.advertId === undefined ? {} : { advertId: input.advertId }),
      attributes: input.attributes,
    }));
  }

  async publishCalls(): Promise<Array<{ advertId: string; published: boolean }>> {
    return (await this.variablesOf('AdvertPublishedUpdate')).map(({ input }) => ({ advertId: input.id, published: input.published }));
  }

  /** Every vetting mutation that reached Marketplacer since the reset, in order, with its input. */
  async vettingCalls(): Promise<Array<{ operation: 'approve' | 'reject' | 'resubmit'; advertIds: string[]; reason?: string }>> {
    const log = await this.requestLog();
    const operations = { AdvertVettingApprove: 'approve', AdvertVettingReject: 'reject', AdvertVettingResubmit: 'resubmit' } as const;
    return log
      .filter((entry) => Object.hasOwn(operations, entry.operationName))
      .map(({ operationName, variables }) => ({
        operation: operations[operationName as keyof typeof operations],
        advertIds: variables?.input.advertIds,
        ...(variables?.input.vettingRejectedReason !== undefined ? { reason: variables.input.vettingRejectedReason } : {}),
      }));
  }

  /** The change feed's reads. */
  async feedReads(): Promise<AdvertChangesQuery[]> {
    return (await this.variablesOf('AdvertsUpdatedSince')) as AdvertChangesQuery[];
  }

  /** The ids asked for by each read of adverts by id (details of adverts the feed sent bare). */
  async detailReads(): Promise<string[][]> {
    return (await this.variablesOf('AdvertsByIds')).map(({ ids }) => ids);
  }

  async externalIdLookups(): Promise<Array<{ key: string; value: string }>> {
    return (await this.variablesOf('AdvertsByExternalId')).map(({ key, value }) => ({ key, value }));
  }

  private async variablesOf(operationName: string): Promise<AnyVariables[]> {
    return (await this.requestLog()).filter((entry) => entry.operationName === operationName).map((entry) => entry.variables ?? {});
  }

  private async requestLog(): Promise<Array<{ operationName: string; variables: AnyVariables | null }>> {
    const log = await this.simulator.api.control<{ last: Array<{ operationName: string; variables: AnyVariables | null }> }>(
      'GET',
      '/_control/marketplacer/requests?limit=500',
    );
    return log.last;
  }

  // What Marketplacer has

  /** The adverts made since the reset, oldest first. */
  adverts(): AdvertView[] {
    return [...this.state.adverts.values()].filter((advert) => advert.legacyId > this.advertMark).map((advert) => advertView(advert));
  }

  /** The only advert made since the reset (fails when there are others). */
  only(): AdvertView {
    const all = this.adverts();
    if (all.length !== 1) throw new Error(`expected one advert, found ${all.length}`);
    return all[0];
  }

  advert(id: string): AdvertView {
    return advertView(this.record(id));
  }

  /** An advert made directly in Marketplacer (not by the connector), published. */
  async createAdvert(sellerId: string, attributes: Record<string, unknown>): Promise<AdvertView> {
    const { advertUpsert } = await this.simulator.api.graphql<{
      advertUpsert: { errors: unknown[] | null; advert: { id: string } | null };
    }>('mutation ($input: AdvertUpsertMutationInput!) { advertUpsert(input: $input) { errors { field messages } advert { id } } }', {
      input: { sellerId, attributes: { attemptAutoPublish: true, ...attributes } },
    });
    if (!advertUpsert.advert) throw new Error(`advertUpsert refused: ${JSON.stringify(advertUpsert.errors)}`);
    return this.advert(advertUpsert.advert.id);
  }

  /**
   * Sets an advert's title in Marketplacer's records, bypassing its API (which refuses a blank one
   * today): for adverts that hold such data from before.
   */
  setTitleInRecords(advertId: string, title: string): void {
    this.record(advertId).title = title;
  }

  private record(advertId: string): AdvertRecord {
    const found = [...this.state.adverts.values()].find((advert) => globalId('Advert', advert.legacyId) === advertId);
    if (!found) throw new Error(`the simulator has no advert ${advertId}`);
    return found;
  }

  // The operator's edits in Marketplacer's portal

  /**
   * Each edit is stamped at least a second after the last change, as a person's edits in the portal are:
   * Marketplacer's `updatedAt` has whole seconds, and two changes in one second look like one to a feed.
   */
  readonly operator = {
    approve: (advertId: string) =>
      this.later(() => this.simulator.api.control('POST', `/_control/marketplacer/adverts/${encodeURIComponent(advertId)}/vetting/approve`)),
    reject: (advertId: string, reason: string) => this.later(() => this.simulator.api.rejectVetting(advertId, reason)),
    holdForVetting: (advertId: string) =>
      this.later(() => this.simulator.api.control('POST', `/_control/marketplacer/adverts/${encodeURIComponent(advertId)}/vetting/hold`)),
    setStock: (variantId: string, countOnHand: number) => this.later(() => this.simulator.api.editVariant(variantId, { countOnHand })),
    setPrice: (variantId: string, price: string) => this.later(() => this.simulator.api.editVariant(variantId, { price })),
    unpublish: (advertId: string) => this.later(() => this.simulator.api.unpublish(advertId)),
    delete: (advertId: string) => this.later(() => this.simulator.api.deleteAdvert(advertId)),
  };

  private async later<T>(edit: () => Promise<T>): Promise<T> {
    await this.simulator.api.advanceClock(1_000);
    return edit();
  }

  // Faults

  /** The next `count` advertUpserts answer HTTP `status` without being carried out. */
  async failNextUpserts(count: number, status = 503): Promise<void> {
    await this.simulator.api.control('PUT', '/_control/marketplacer/faults', { failNextRequests: { count, status, operationName: 'AdvertUpsert' } });
  }

  /** The next advertUpsert is carried out, then its answer is lost (no answer at all, or HTTP `status`). */
  async loseNextUpsertAnswer(status?: number): Promise<void> {
    await this.simulator.api.loseNextAnswerOf('AdvertUpsert', status);
  }

  /** Every Marketplacer request waits `ms` before Marketplacer acts on it (0: none). */
  async setLatency(ms: number): Promise<void> {
    await this.simulator.api.setLatency(ms);
  }

  /** advertUpserts that arrived and are not answered yet. */
  async upsertsInFlight(): Promise<number> {
    return this.simulator.api.inFlight('AdvertUpsert');
  }
}

function advertView(record: AdvertRecord): AdvertView {
  return {
    id: globalId('Advert', record.legacyId),
    legacyId: record.legacyId,
    get published() {
      return record.published;
    },
    get deleted() {
      return record.deletedAt !== null;
    },
    get vetting() {
      return record.vetting.toLowerCase() as AdvertView['vetting'];
    },
    get vettingRejectedReason() {
      return record.vettingRejectedReason;
    },
    get updatedAt() {
      return formatDateTime(record.updatedAt);
    },
    get variants() {
      return record.variants.map(variantView);
    },
  };
}

function variantView(record: VariantRecord): VariantView {
  return {
    id: globalId('Variant', record.legacyId),
    legacyId: record.legacyId,
    sku: record.sku,
    barcode: record.barcode,
    countOnHand: record.countOnHand,
    price: twoDecimals(record.priceCents),
    salePrice: record.salePriceCents === null ? null : twoDecimals(record.salePriceCents),
    published: record.published,
    options: record.options.flatMap((option) => (option.optionValueId === null ? [] : [{ optionValueId: globalId('OptionValue', option.optionValueId) }])),
  };
}

const twoDecimals = (cents: number) => (cents / 100).toFixed(2);
