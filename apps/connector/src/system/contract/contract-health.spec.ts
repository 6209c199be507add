import { MarketplacerContractStatus } from '#marketplacer';
import { ContractHealth } from './contract-health.js';

describe('ContractHealth: readiness from the live contract check', () => {
  it('reports nothing while every document is accepted, and each feature off with its reason while one is refused', () => {
    const status = new MarketplacerContractStatus();
    const health = new ContractHealth(status);
    expect(health.contribute()).toEqual({ featuresOff: [] });

    status.recordCheck([
      { operation: 'InvoiceById', ok: false, problems: ['Invoice.shippingCostCents: Cannot query field "shippingCostCents" on type "Invoice".'] },
    ]);
    const reason = `Marketplacer's schema refuses InvoiceById (Invoice.shippingCostCents: Cannot query field "shippingCostCents" on type "Invoice".)`;
    expect(health.contribute()).toEqual({
      featuresOff: [
        { feature: 'orders.remotes', reason },
        { feature: 'orders.updates', reason },
        { feature: 'webhooks.orders', reason },
      ],
    });

    status.recordCheck([{ operation: 'InvoiceById', ok: true, problems: [] }]);
    expect(health.contribute()).toEqual({ featuresOff: [] });
  });
});
