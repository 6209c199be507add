import type { MarketplacerAdvert, MarketplacerVariant } from '#marketplacer';
import type { ListingEntity } from './entities/listing.entity.js';
import { marketplacerAdvert, marketplacerVariant } from '../../../../libs/marketplacer/src/testing/index.js';
import { decide, goneState, needsReadById, reportedAsGone } from './listing-drift.js';
import { reportedStateOf, reportHash, skuMarketplaceUpdate, type ReportedState } from './listing-status.mapper.js';

function advert(state: MarketplacerAdvert['state'] = 'published', v: Partial<MarketplacerVariant> = {}): MarketplacerAdvert {
  return marketplacerAdvert({ state }, {}, [marketplacerVariant(v)]);
}

/** A synced listing whose last report is `reported`. */
function listing(reported: ReportedState | null): ListingEntity {
  const base = {
    id: 1,
    accountId: 1,
    advertId: 'A-1',
    advertLegacyId: 1,
    variantId: 'V-1',
    idSkuMarketplace: '100',
    skuInMarketplace: 'SKU-1',
    idSku: '200',
    requestedStatus: 'ACTIVE',
    vettingRejectedReason: null,
    state: 'synced',
  } as unknown as ListingEntity;
  if (!reported) return { ...base, publicationStatus: null, transmissionStatus: null, marketplaceStatus: null, reportedHash: null } as ListingEntity;
  return {
    ...base,
    publicationStatus: reported.status,
    transmissionStatus: reported.transmissionStatus,
    marketplaceStatus: reported.marketplaceStatus,
    reportedHash: reportHash(skuMarketplaceUpdate(base, reported)),
  } as ListingEntity;
}

const intent = { requestedStatus: 'ACTIVE' as const, vettingRejectedReason: null };
const reportedAs = (a: MarketplacerAdvert) => listing(reportedStateOf(a, 'V-1', intent));

describe('listing drift (what reconciliation reports)', () => {
  it('nothing changed since the last report: no drift, nothing to send', () => {
    const now = advert();
    expect(decide(reportedAs(now), { kind: 'found', advert: now })).toEqual({ drift: null });
  });

  it('a price edit is price drift, reported with the new price', () => {
    const verdict = decide(reportedAs(advert()), { kind: 'found', advert: advert('published', { price: '25.00' }) });
    expect(verdict).toMatchObject({ drift: 'price', state: { status: 'ACTIVE', marketplaceStatus: 'ATIVO - estoque: 5, preço: 25.00' } });
  });

  it('a stock edit is stock drift; stock running out is a status change', () => {
    expect(decide(reportedAs(advert()), { kind: 'found', advert: advert('published', { countOnHand: 9 }) })).toMatchObject({ drift: 'stock' });
    expect(decide(reportedAs(advert()), { kind: 'found', advert: advert('published', { countOnHand: 0 }) })).toMatchObject({
      drift: 'status',
      state: { status: 'WITHOUT_STOCK' },
    });
  });

  it('an advert off-lined while ANYMARKET has it ACTIVE is unpublished drift (PAUSED)', () => {
    expect(decide(reportedAs(advert()), { kind: 'found', advert: advert('unpublished') })).toMatchObject({
      drift: 'unpublished',
      state: { status: 'PAUSED' },
    });
  });

  it('an advert gone (deleted, or unknown to node(id)) is advert_gone drift, reported CLOSED once', () => {
    const active = reportedAs(advert());
    expect(decide(active, { kind: 'gone' })).toMatchObject({ drift: 'advert_gone', state: { status: 'CLOSED' } });
    expect(decide(active, { kind: 'found', advert: { ...advert(), state: 'deleted', details: null } })).toMatchObject({ drift: 'advert_gone' });
    const closed = listing(goneState(active));
    expect(reportedAsGone(closed)).toBe(true);
    expect(decide(closed, { kind: 'gone' })).toEqual({ drift: null });
    // advertsWhere keeps returning the deleted advert (as unpublished) for 30 days: no news.
    expect(decide(closed, { kind: 'found', advert: advert('unpublished') })).toEqual({ drift: null });
  });

  it('a listing never reported is reported as its advert is', () => {
    expect(decide(listing(null), { kind: 'found', advert: advert() })).toMatchObject({ drift: 'status', state: { status: 'ACTIVE' } });
  });

  it('reads by id only what advertsWhere cannot settle', () => {
    const active = reportedAs(advert());
    // Published and returned: settled.
    expect(needsReadById(active, advert())).toBe(false);
    // Not returned, or returned unpublished while ANYMARKET has it ACTIVE: deleted or off-lined? Read it.
    expect(needsReadById(active, undefined)).toBe(true);
    expect(needsReadById(active, advert('unpublished'))).toBe(true);
    // Already reported gone, or already reported off-lined: nothing could change, no read.
    expect(needsReadById(listing(goneState(active)), undefined)).toBe(false);
    expect(needsReadById(listing(goneState(active)), advert('unpublished'))).toBe(false);
    expect(needsReadById(reportedAs(advert('unpublished')), advert('unpublished'))).toBe(false);
  });
});
