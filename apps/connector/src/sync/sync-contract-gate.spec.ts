import { MarketplacerContractStatus, MarketplacerError } from '#marketplacer';
import { rejectionOf } from '#common/testing';
import type { SyncConfig } from './sync.config.js';
import type { SyncJob } from './sync-job.js';
import { SyncJobRegistry } from './sync-job.registry.js';
import type { SyncRunLedger } from './sync-run.ledger.js';
import type { SyncRunner } from './sync-runner.js';
import type { SyncStateStore } from './sync-state.store.js';
import { SyncService } from './sync.service.js';

const REFUSED = 'Invoice.shippingCostCents: Cannot query field "shippingCostCents" on type "Invoice".';

describe('SyncService: a job whose contract feature is off does not run', () => {
  const claimed: string[] = [];
  const job: SyncJob = {
    name: 'invoices',
    intervalMs: 60_000,
    contractFeature: 'orders.feed',
    processPage: async () => ({ nextCursor: null, pendingWatermark: null, counts: { seen: 0, changed: 0, failed: 0 } }),
  };
  const registry = new SyncJobRegistry();
  registry.register(job);
  const store = {
    ensure: async () => undefined,
    // Not due: the tick that gets this far runs nothing.
    claim: async (name: string) => {
      claimed.push(name);
      return false;
    },
  } as unknown as SyncStateStore;
  const status = new MarketplacerContractStatus();
  const sync = new SyncService(registry, store, {} as SyncRunner, {} as SyncRunLedger, { syncConcurrency: 1 } as SyncConfig, status);

  it('skips its ticks and refuses an admin trigger (MARKETPLACER_FEATURE_OFF) while a document it needs is refused, then runs again', async () => {
    status.recordCheck([{ operation: 'InvoicesUpdatedSince', ok: false, problems: [REFUSED] }]);
    await sync.tick('invoices');
    expect(claimed).toEqual([]);
    expect(sync.switchedOffBecause(job)).toMatchObject({ feature: 'orders.feed', documents: [{ operation: 'InvoicesUpdatedSince' }] });
    const refused = await rejectionOf(MarketplacerError, sync.trigger('invoices'));
    expect(refused).toMatchObject({ code: 'MARKETPLACER_FEATURE_OFF', kind: 'unavailable' });
    expect(refused.message).toContain('orders.feed is off');

    status.recordCheck([{ operation: 'InvoicesUpdatedSince', ok: true, problems: [] }]);
    await sync.tick('invoices');
    expect(claimed).toEqual(['invoices']);
    expect(sync.switchedOffBecause(job)).toBeNull();
  });
});
