import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Metrics } from '#common';
import { MarketplacerContractStatus } from '#marketplacer';
import { ContractCheckService } from './contract-check.service.js';

/** The live contract check's result, from memory at scrape time: ok or not, when it last ran, the features it switched off. */
@Injectable()
export class ContractMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly checks: ContractCheckService,
    private readonly status: MarketplacerContractStatus,
  ) {}

  onModuleInit(): void {
    const ok = this.metrics.gauge({
      name: 'connector_contract_check_ok',
      help: 'Whether the last live contract check passed (1) or not (0: a document failed, Marketplacer could not be checked, or an ANYMARKET/webhook section failed); absent before the first check',
    });
    const lastRun = this.metrics.gauge({
      name: 'connector_contract_check_last_run_timestamp_seconds',
      help: 'When the last live contract check ended (Unix seconds)',
    });
    const failed = this.metrics.gauge({
      name: 'connector_contract_documents_failed',
      help: 'Operation documents the live Marketplacer schema refused at the last check',
    });
    const featuresOff = this.metrics.gauge({
      name: 'connector_contract_feature_off',
      help: '1 for each feature switched off because the live schema refuses a document it needs (bounded: one per feature of the connector)',
      labelNames: ['feature'],
    });
    const offCount = this.metrics.gauge({ name: 'connector_contract_features_off', help: 'How many features are switched off now' });
    const accounts = this.metrics.gauge({
      name: 'connector_anymarket_accounts_checked',
      help: "Active ANYMARKET accounts by their token's status at the last contract check: ok, refused (the seller must save the module again), no-token, unreachable, failed",
      labelNames: ['status'],
    });
    this.metrics.onScrape('contract', () => {
      const report = this.checks.lastReport();
      if (report) {
        ok.set(report.ok ? 1 : 0);
        lastRun.set(Date.parse(report.checkedAt) / 1000);
        failed.set(report.summary.failed);
        if ('counts' in report.anymarketAccounts)
          for (const [status, count] of Object.entries(report.anymarketAccounts.counts)) accounts.set({ status }, count);
      }
      const off = this.status.featuresOff();
      featuresOff.reset();
      for (const feature of off) featuresOff.set({ feature: feature.feature }, 1);
      offCount.set(off.length);
    });
  }
}
