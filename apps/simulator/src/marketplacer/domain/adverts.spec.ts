import { isDisplayable } from '../state/derived.js';
import { globalId } from '../state/global-id.js';
import type { MarketplacerState } from '../state/marketplacer-state.js';
import { seedState } from '../state/seed.js';
import { upsertAdvert, vetAdverts } from './adverts.js';

describe('upsertAdvert', () => {
  let state: MarketplacerState;
  let events: string[];
  const phones = globalId('Taxon', 8);
  const [storage64, storage128] = [globalId('OptionValue', 11), globalId('OptionValue', 12)];

  beforeEach(() => {
    state = seedState({ sellers: 5, adverts: 10, invoices: 0 });
    events = [];
    state.onChange((e) => events.push(`${e.entity}:${e.eventName}`));
  });

  const create = (sellerLegacyId = 1) =>
    upsertAdvert(state, {
      sellerId: globalId('Seller', sellerLegacyId),
      attributes: {
        title: 'Phone',
        taxonId: phones,
        price: '10.00',
        attemptAutoPublish: true,
        variants: [{ sku: 'P-1', countOnHand: 2, variantOptionValues: [{ optionValueId: storage64 }] }],
      },
    });

  it('creates a published advert and fires create, then update events', () => {
    const outcome = create();
    expect(outcome.errors).toEqual([]);
    const advert = outcome.advert!;
    expect(isDisplayable(advert)).toBe(true);
    expect(state.advertsByUpdate.at(-1)).toBe(advert);
    expect(state.variants.get(advert.variants[0].legacyId)).toBe(advert.variants[0]);
    expect(events).toEqual(['Advert:create', 'Variant:create', 'Advert:update']);
  });

  it('waits for vetting when the seller requires it', () => {
    const advert = create(2).advert!;
    expect(advert).toMatchObject({ published: true, vetting: 'PENDING' });
    expect(isDisplayable(advert)).toBe(false);
  });

  it('replaces variantOptionValues, keeps variants it is not told about, and adds new ones', () => {
    const advert = create().advert!;
    const first = advert.variants[0];
    const outcome = upsertAdvert(state, {
      advertId: globalId('Advert', advert.legacyId),
      attributes: {
        variants: [
          { id: globalId('Variant', first.legacyId), variantOptionValues: [{ optionValueId: storage128 }] },
          { sku: 'P-2', price: '12' },
        ],
      },
    });
    expect(outcome.errors).toEqual([]);
    expect(first.options).toEqual([{ optionTypeId: 3, optionValueId: 12, textValue: null }]);
    expect(advert.variants.map((v) => v.sku)).toEqual(['P-1', 'P-2']);
  });

  it('leaves a rejected advert rejected when its content changes: only advertVettingResubmit sends it back', () => {
    const advert = create().advert!;
    const id = globalId('Advert', advert.legacyId);
    vetAdverts(state, { advertIds: [id], vettingRejectedReason: 'Blurry' }, 'reject');
    upsertAdvert(state, { advertId: id, attributes: { title: 'Better phone' } });
    expect(advert).toMatchObject({ vetting: 'REJECTED', vettingRejectedReason: 'Blurry' });
  });

  it('validates before changing anything', () => {
    const before = state.adverts.size;
    const outcome = upsertAdvert(state, {
      sellerId: globalId('Seller', 1),
      attributes: {
        title: ' ',
        taxonId: phones,
        price: 'ten',
        variants: [{ countOnHand: -1, variantOptionValues: [{ optionTypeId: globalId('OptionType', 5) }] }],
      },
    });
    expect(outcome.errors).toEqual([
      { field: 'title', messages: ["can't be blank"] },
      { field: 'price', messages: ['is not a number'] },
      { field: 'variants[0].countOnHand', messages: ['must be greater than or equal to 0'] },
      { field: 'variants[0].variantOptionValues[0].textValue', messages: ["can't be blank"] },
      { field: 'variants[0].price', messages: ["can't be blank"] },
    ]);
    expect(state.adverts.size).toBe(before);
    expect(events).toEqual([]);
  });
});

describe('vetAdverts (advertVettingApprove / Reject / Resubmit)', () => {
  let state: MarketplacerState;
  let events: string[];

  beforeEach(() => {
    state = seedState({ sellers: 5, adverts: 10, invoices: 0 });
    events = [];
    state.onChange((e) => events.push(`${e.entity}:${e.eventName}:${e.legacyId}`));
  });

  const pending = () => {
    const advert = [...state.adverts.values()].find((candidate) => candidate.deletedAt === null)!;
    Object.assign(advert, { vetting: 'PENDING', published: true, vettingRejectedReason: null });
    return { advert, id: globalId('Advert', advert.legacyId) };
  };

  it('approves: vetted, not rejected, displayable; stamped and announced', () => {
    const { advert, id } = pending();
    const before = state.clock.advance(1000);
    const outcome = vetAdverts(state, { advertIds: [id] }, 'approve');
    expect(outcome).toMatchObject({ status: 200, errors: [], adverts: [advert] });
    expect(advert).toMatchObject({ vetting: 'APPROVED', vettingRejectedReason: null, requiresVettingAt: null });
    expect(advert.updatedAt).toBeGreaterThan(before);
    expect(isDisplayable(advert)).toBe(true);
    expect(state.advertsByUpdate.at(-1)).toBe(advert);
    expect(events).toEqual([`Advert:update:${advert.legacyId}`]);
  });

  it('rejects with the reason: not displayable; resubmitting asks for vetting again and clears the reason', () => {
    const { advert, id } = pending();
    expect(vetAdverts(state, { advertIds: [id], vettingRejectedReason: ' Fotos fora do padrão ' }, 'reject').errors).toEqual([]);
    expect(advert).toMatchObject({ vetting: 'REJECTED', vettingRejectedReason: 'Fotos fora do padrão' });
    expect(isDisplayable(advert)).toBe(false);
    expect(vetAdverts(state, { advertIds: [id] }, 'resubmit').errors).toEqual([]);
    expect(advert).toMatchObject({ vetting: 'PENDING', vettingRejectedReason: null, vettingRejectedAt: null, requiresVettingAt: advert.updatedAt });
    expect(isDisplayable(advert)).toBe(false);
    expect(events).toHaveLength(2);
  });

  it('refuses a rejection without a reason, an unknown or deleted advert, and changes nothing', () => {
    const { advert, id } = pending();
    const deleted = [...state.adverts.values()].find((candidate) => candidate !== advert)!;
    deleted.deletedAt = state.now();
    const unknown = globalId('Advert', 999_999);
    expect(vetAdverts(state, { advertIds: [id], vettingRejectedReason: ' ' }, 'reject')).toEqual({
      status: 422,
      errors: [{ field: 'vettingRejectedReason', messages: ["can't be blank"] }],
      adverts: null,
    });
    expect(vetAdverts(state, { advertIds: [id, unknown] }, 'approve')).toEqual({
      status: 404,
      errors: [{ field: 'advertIds', messages: [`No object found for advertIds: ${unknown}`] }],
      adverts: null,
    });
    expect(vetAdverts(state, { advertIds: [globalId('Advert', deleted.legacyId)] }, 'approve').errors).toEqual([
      { field: 'advertIds', messages: ['Advert has been deleted'] },
    ]);
    expect(vetAdverts(state, { advertIds: [] }, 'resubmit').errors).toEqual([{ field: 'advertIds', messages: ["can't be blank"] }]);
    expect(advert.vetting).toBe('PENDING');
    expect(events).toEqual([]);
  });
});
