import { thrownBy } from '#common/testing';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import { MarketplacerContractStatus } from './contract-status.js';

const REFUSED = 'Invoice.shippingCostCents: Cannot query field "shippingCostCents" on type "Invoice".';

describe('MarketplacerContractStatus: features by the documents they need', () => {
  let status: MarketplacerContractStatus;

  beforeEach(() => {
    status = new MarketplacerContractStatus();
  });

  it('has every document usable and every feature on until something says otherwise', () => {
    expect(status.isUsable('InvoicesUpdatedSince')).toBe(true);
    expect(status.featureOff('orders.feed')).toBeNull();
    expect(status.featuresOff()).toEqual([]);
    expect(() => status.assertFeature('orders.feed')).not.toThrow();
    expect(() => status.assertUsable('InvoicesUpdatedSince')).not.toThrow();
  });

  it('switches off exactly the features that need a refused document, with the reason', () => {
    status.recordCheck([
      { operation: 'InvoicesUpdatedSince', ok: false, problems: [REFUSED] },
      { operation: 'InvoiceById', ok: true, problems: [] },
    ]);
    expect(status.featuresOff()).toEqual([
      {
        feature: 'orders.feed',
        description: expect.stringContaining('invoices'),
        documents: [{ operation: 'InvoicesUpdatedSince', problems: [REFUSED] }],
        detail: false,
        reason: `Marketplacer's schema refuses InvoicesUpdatedSince (${REFUSED})`,
      },
    ]);
    expect(status.featureOff('orders.remotes')).toBeNull();
    expect(status.featureOff('no.such-feature')).toBeNull();
  });

  it('fails fast with MARKETPLACER_FEATURE_OFF (503) naming the feature and the document', () => {
    status.recordCheck([{ operation: 'InvoiceById', ok: false, problems: [REFUSED] }]);
    const byFeature = thrownBy(MarketplacerError, () => status.assertFeature('webhooks.orders'));
    expect(byFeature).toMatchObject({ code: 'MARKETPLACER_FEATURE_OFF', kind: 'unavailable', details: [{ field: 'InvoiceById', messages: [REFUSED] }] });
    expect(byFeature.message).toContain('webhooks.orders is off');
    const byDocument = thrownBy(MarketplacerError, () => status.assertUsable('InvoiceById'));
    expect(byDocument.message).toContain('orders.remotes, orders.updates, webhooks.orders are off');
  });

  it('marks a feature that only misses an optional detail', () => {
    status.recordRefusal('InvoiceLineTotals', ['LineItem.totalCents: Cannot query field "totalCents" on type "LineItem".']);
    expect(status.featuresOff()).toEqual([expect.objectContaining({ feature: 'orders.line-totals', detail: true })]);
    expect(status.featureOff('orders.feed')).toBeNull();
  });

  it('switches the features back on when a later check passes (a refusal seen meanwhile included)', () => {
    status.recordCheck([{ operation: 'InvoicesUpdatedSince', ok: false, problems: [REFUSED] }]);
    status.recordRefusal('InvoiceLineTotals', ['LineItem.totalCents: refused']);
    status.recordCheck([
      { operation: 'InvoicesUpdatedSince', ok: true, problems: [] },
      { operation: 'InvoiceLineTotals', ok: true, problems: [] },
    ]);
    expect(status.featuresOff()).toEqual([]);
    expect(status.verdictOf('InvoiceLineTotals')).toMatchObject({ ok: true, source: 'check' });
  });
});
