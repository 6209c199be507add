import type { MarketplacerAdvert } from '#marketplacer';
import { marketplacerAdvert as advert, marketplacerVariant as variant } from '../../../../libs/marketplacer/src/testing/index.js';
import { errorState, intendedState, interimAnswer, reportedStateOf, reportHash, skuMarketplaceUpdate, type ListingIntent } from './listing-status.mapper.js';

const active: ListingIntent = { requestedStatus: 'ACTIVE' };

describe('reportedStateOf (Marketplacer → ANYMARKET)', () => {
  it('published with stock → ACTIVE, with stock and price in the text', () => {
    expect(reportedStateOf(advert(), 'V-1', active)).toEqual({
      status: 'ACTIVE',
      transmissionStatus: 'OK',
      marketplaceStatus: 'ATIVO - estoque: 5, preço: 19.90',
      errorMsg: '',
    });
    expect(reportedStateOf(advert({}, {}, [variant({ salePrice: '15.00' })]), 'V-1', active)?.marketplaceStatus).toBe(
      'ATIVO - estoque: 5, preço: 19.90, promoção: 15.00',
    );
  });

  it('no stock → WITHOUT_STOCK (unless the quantity is infinite)', () => {
    expect(reportedStateOf(advert({}, {}, [variant({ countOnHand: 0 })]), 'V-1', active)?.status).toBe('WITHOUT_STOCK');
    expect(reportedStateOf(advert({}, {}, [variant({ countOnHand: 0, infiniteQuantity: true })]), 'V-1', active)?.status).toBe('ACTIVE');
  });

  it('vetting pending → UNPUBLISHED, waiting for approval', () => {
    expect(reportedStateOf(advert({}, { vetting: 'pending' }), 'V-1', active)).toEqual({
      status: 'UNPUBLISHED',
      transmissionStatus: 'OK',
      marketplaceStatus: 'NÃO PUBLICADO - aguardando aprovação do marketplace',
      errorMsg: '',
    });
  });

  it("vetting rejected → ERROR with Marketplacer's reason, whoever rejected it; a listing's own record does not count", () => {
    expect(reportedStateOf(advert({}, { vetting: 'rejected', vettingRejectedReason: 'Fotos ruins' }), 'V-1', active)).toMatchObject({
      status: 'UNPUBLISHED',
      transmissionStatus: 'ERROR',
      errorMsg: 'Fotos ruins',
    });
    expect(reportedStateOf(advert({}, { vetting: 'rejected', vettingRejectedReason: null }), 'V-1', active)).toMatchObject({
      transmissionStatus: 'ERROR',
      errorMsg: 'Anúncio reprovado na moderação do marketplace',
    });
    const recorded = { requestedStatus: 'ACTIVE' as const, vettingRejectedReason: 'Marca proibida' };
    expect(reportedStateOf(advert(), 'V-1', recorded)).toMatchObject({ status: 'ACTIVE', transmissionStatus: 'OK' });
  });

  it('unpublished (off-lined) → PAUSED, or CLOSED when ANYMARKET closed it; variant off sale likewise', () => {
    const bare: MarketplacerAdvert = { id: 'A-1', legacyId: 1, state: 'unpublished', updatedAt: '2026-01-01T00:00:00Z', variantIds: ['V-1'], details: null };
    expect(reportedStateOf(bare, 'V-1', active)).toMatchObject({ status: 'PAUSED', transmissionStatus: 'OK' });
    expect(reportedStateOf(bare, 'V-1', { requestedStatus: 'CLOSED' })).toMatchObject({ status: 'CLOSED' });
    expect(reportedStateOf(advert({}, {}, [variant({ published: false })]), 'V-1', { requestedStatus: 'PAUSED' })).toMatchObject({
      status: 'PAUSED',
    });
  });

  it('deleted advert or deleted variant → CLOSED', () => {
    expect(reportedStateOf(advert({ state: 'deleted', details: null }), 'V-1', active)).toMatchObject({ status: 'CLOSED', transmissionStatus: 'OK' });
    expect(reportedStateOf(advert(), 'V-9', active)).toMatchObject({ status: 'CLOSED' });
  });

  it('cannot tell when the variant is beyond the fetched ones', () => {
    expect(reportedStateOf(advert({}, { variantsTruncated: true }), 'V-9', active)).toBeNull();
  });
});

describe('answers and reports', () => {
  it('interim answers of sendProduct', () => {
    expect(interimAnswer(true)).toEqual({
      publicationStatus: 'UNPUBLISHED',
      marketplaceStatus: 'O Marketplace está processando a atualização',
      transmissionStatus: 'WAITING_SYNC',
    });
    expect(interimAnswer(false)).toMatchObject({ publicationStatus: 'ACTIVE', transmissionStatus: 'SYNCING' });
  });

  it('states what ANYMARKET asked for, in agreeing words, when Marketplacer cannot tell', () => {
    expect(intendedState('ACTIVE')).toEqual({ status: 'ACTIVE', transmissionStatus: 'OK', marketplaceStatus: 'ATIVO', errorMsg: '' });
    expect(intendedState('PAUSED')).toMatchObject({ status: 'PAUSED', marketplaceStatus: 'PAUSADO' });
    expect(intendedState('CLOSED')).toMatchObject({ status: 'CLOSED', marketplaceStatus: 'FECHADO' });
  });

  it('builds the PUT body and fingerprints it', () => {
    const listing = { advertId: 'A-1', advertLegacyId: 7, skuInMarketplace: 'SKU-1', idSku: '791780' };
    const update = skuMarketplaceUpdate(listing, errorState('taxonId: is invalid'));
    expect(update).toEqual({
      idInMarketplace: 'A-1',
      idInSite: '7',
      skuInMarketplace: 'SKU-1',
      marketplaceStatus: 'NÃO PUBLICADO - erro na publicação',
      idSku: 791780,
      transmissionStatus: 'ERROR',
      errorMsg: 'taxonId: is invalid',
      status: 'UNPUBLISHED',
    });
    expect(reportHash(update)).toBe(reportHash({ ...update }));
    // An idSku the connector does not know is left out, never sent as 0.
    expect(skuMarketplaceUpdate({ ...listing, idSku: null }, errorState('x'))).not.toHaveProperty('idSku');
    expect(reportHash(update)).not.toBe(reportHash({ ...update, marketplaceStatus: 'other' }));
  });
});
