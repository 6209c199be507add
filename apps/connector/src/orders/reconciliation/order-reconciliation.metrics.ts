import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Metrics } from '#common';
import { FINDING_KINDS } from './order-reconciliation-finding.entity.js';
import { OrderReconciliationStore } from './order-reconciliation.store.js';

/** The orders reconciliation's findings still seen, by kind, read at scrape time in one query. */
@Injectable()
export class OrderReconciliationMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly store: OrderReconciliationStore,
  ) {}

  onModuleInit(): void {
    const findings = this.metrics.gauge({
      name: 'connector_orders_reconciliation_findings',
      help: "Divergences the orders reconciliation still sees between ANYMARKET's orders and the connector's, by kind: unknown (reported), behind (moved forward), ahead (reported), missing (pushed again)",
      labelNames: ['kind'],
    });
    this.metrics.onScrape('orders-reconciliation', async () => {
      const counts = await this.store.countsByKind();
      for (const kind of FINDING_KINDS) findings.set({ kind }, counts[kind]);
    });
  }
}
