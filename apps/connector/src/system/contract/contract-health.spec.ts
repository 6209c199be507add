import { HealthContributors } from '#common';
import { MarketplacerContractStatus } from '#marketplacer';
import { ContractHealth } from './contract-health.js';

describe('ContractHealth: readiness from the live contract check', () => {
  it('reports nothing while every document is accepted, and each feature off with its reason while one is refused', () => {
    const status = new MarketplacerContractStatus();
    const health = new ContractHealth(status, new HealthContributors());
    expect(health.contribute()).toEqual({ degraded: [], details: { featuresOff: [] } });

    status.recordCheck([
      { operation: 'InvoiceById', ok: false, problems: ['Invoice.shippingCostCents: Cannot query field "shippingCostCents" on type "Invoice".'] },
    ]);
    const reason = `Marketplacer's schema refuses InvoiceById (Invoice.shippingCostCents: Cannot query field "shippingCostCents" on type "Invoice".)`;
    expect(health.contribute()).toEqual({
      degraded: [
        { component: 'feature.orders.remotes', reason: `orders.remotes is off: ${reason}` },
        { component: 'feature.orders.updates', reason: `orders.updates is off: ${reason}` },
        { component: 'feature.webhooks.orders', reason: `webhooks.orders is off: ${reason}` },
      ],
      details: {
        featuresOff: [
          { feature: 'orders.remotes', reason },
          { feature: 'orders.updates', reason },
          { feature: 'webhooks.orders', reason },
        ],
      },
    });

    status.recordCheck([{ operation: 'InvoiceById', ok: true, problems: [] }]);
    expect(health.contribute()).toEqual({ degraded: [], details: { featuresOff: [] } });
  });

  it('adds itself to the readiness contributors at start, once', () => {
    const contributors = new HealthContributors();
    const health = new ContractHealth(new MarketplacerContractStatus(), contributors);
    health.onModuleInit();
    expect(contributors.all()).toEqual([health]);
    expect(() => health.onModuleInit()).toThrow('Health contributor "contract" is added twice');
  });
});
