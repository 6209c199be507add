import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, DomainError } from '#common';
import {
  MarketplacerContractCheck,
  MarketplacerContractStatus,
  problemLine,
  type ContractCheckOutcome,
  type DocumentCheck,
  type FeatureOff,
} from '#marketplacer';
import { RUNS_BACKGROUND_WORK } from '../../background-work.js';
import type { ContractCheckConfig } from './contract.config.js';
import { AnymarketAccountsCheck, type AnymarketAccountsReport } from './anymarket-accounts.check.js';
import { MarketplacerWebhooksCheck, type WebhooksReport } from './marketplacer-webhooks.check.js';

/** What started a check: the start of the process, CONTRACT_CHECK_INTERVAL_MS, an admin, or `npm run doctor`. */
export type ContractCheckTrigger = 'start' | 'schedule' | 'admin' | 'doctor';

/** A section whose check threw instead of reporting (the database away, a bug): the report still comes. */
export interface CheckSectionFailure {
  ok: false;
  error: { code: string; message: string };
}

/** The whole live contract check, as the admin API, the doctor and the logs show it. */
export interface ContractReport {
  trigger: ContractCheckTrigger;
  startedAt: string;
  /** When it ended. */
  checkedAt: string;
  durationMs: number;
  /** The Operator API endpoint checked. */
  endpoint: string;
  /** The bundled simulator stands in for Marketplacer and ANYMARKET. */
  demoMode: boolean;
  /** Every document passed (none failed, the check ran), and both sections are ok. */
  ok: boolean;
  method: ContractCheckOutcome['method'];
  introspectionRefused: string | null;
  principal: ContractCheckOutcome['principal'];
  /** Why the documents could not be checked (Marketplacer unreachable, the key refused); what was known before stays in force. */
  error: { code: string; message: string } | null;
  summary: { documents: number; ok: number; failed: number; notChecked: number };
  /** Every operation document the connector can send, by operation name. */
  documents: DocumentCheck[];
  /** Every feature off now (after this check, and refusals seen since), with why. */
  featuresOff: FeatureOff[];
  anymarketAccounts: AnymarketAccountsReport | CheckSectionFailure;
  marketplacerWebhooks: WebhooksReport | CheckSectionFailure;
}

/**
 * Runs the live contract check (ADR 0012): the operation documents against the live Marketplacer
 * schema (MarketplacerContractCheck, whose verdicts switch features off and on in
 * MarketplacerContractStatus), the ANYMARKET accounts' tokens and the Marketplacer webhooks. At start
 * in the background (never delaying or failing it), every CONTRACT_CHECK_INTERVAL_MS, and on demand;
 * one run at a time (a second caller gets the running one). Logs one line per failing document and
 * one summary line.
 */
@Injectable()
export class ContractCheckService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ContractCheck');
  private readonly stopping = new AbortController();
  private last: ContractReport | null = null;
  private running: Promise<ContractReport> | null = null;
  private featuresOffBefore = new Set<string>();

  constructor(
    private readonly documents: MarketplacerContractCheck,
    private readonly status: MarketplacerContractStatus,
    private readonly accounts: AnymarketAccountsCheck,
    private readonly webhooks: MarketplacerWebhooksCheck,
    private readonly schedulerRegistry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: ContractCheckConfig,
    @Inject(RUNS_BACKGROUND_WORK) private readonly runsBackgroundWork: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.runsBackgroundWork) return;
    // In the background: the start neither waits for Marketplacer nor fails with it.
    this.runInBackground('start');
    const everyMs = this.config.contractCheckIntervalMs;
    if (everyMs > 0)
      this.schedulerRegistry.addInterval(
        'contract-check',
        setInterval(() => this.runInBackground('schedule'), everyMs),
      );
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.schedulerRegistry.doesExist('interval', 'contract-check')) this.schedulerRegistry.deleteInterval('contract-check');
    this.stopping.abort();
    await this.running?.catch(() => undefined);
  }

  /** The last finished check; null before the first has ended. */
  lastReport(): ContractReport | null {
    return this.last;
  }

  isRunning(): boolean {
    return this.running !== null;
  }

  /** Runs the check now and answers its report; while one runs, answers that one. Every failure of a check is in its report. */
  run(trigger: ContractCheckTrigger): Promise<ContractReport> {
    this.running ??= this.execute(trigger).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private runInBackground(trigger: ContractCheckTrigger): void {
    this.run(trigger).catch((error: unknown) =>
      this.logger.error({ msg: 'contract check failed unexpectedly', trigger, reason: error instanceof Error ? error.message : String(error) }),
    );
  }

  private async execute(trigger: ContractCheckTrigger): Promise<ContractReport> {
    const startedAt = Date.now();
    const signal = this.stopping.signal;
    const outcome = await this.documents.run({ signal });
    const [anymarketAccounts, marketplacerWebhooks] = signal.aborted
      ? [stopped(), stopped()]
      : await Promise.all([section(() => this.accounts.run()), section(() => this.webhooks.run())]);
    const documents = outcome.documents;
    const count = (status: DocumentCheck['status']) => documents.filter((document) => document.status === status).length;
    const summary = { documents: documents.length, ok: count('ok'), failed: count('failed'), notChecked: count('not-checked') };
    const report: ContractReport = {
      trigger,
      startedAt: new Date(startedAt).toISOString(),
      checkedAt: outcome.finishedAt.toISOString(),
      durationMs: Date.now() - startedAt,
      endpoint: outcome.endpoint,
      demoMode: this.config.demoMode,
      ok: outcome.error === null && summary.failed === 0 && anymarketAccounts.ok && marketplacerWebhooks.ok,
      method: outcome.method,
      introspectionRefused: outcome.introspectionRefused,
      principal: outcome.principal,
      error: outcome.error,
      summary,
      documents,
      featuresOff: this.status.featuresOff(),
      anymarketAccounts,
      marketplacerWebhooks,
    };
    this.log(report);
    this.last = report;
    return report;
  }

  /** One line per failing document (its problems, the features it switches off), then one summary line. */
  private log(report: ContractReport): void {
    for (const document of report.documents.filter((each) => each.status === 'failed')) {
      this.logger.warn({
        msg: `Marketplacer's schema refuses ${document.operation}: ${document.problems.map(problemLine).join('; ')}; off: ${document.features.join(', ')}`,
        operation: document.operation,
        problems: document.problems.map((problem) => problem.name),
        featuresOff: document.features,
        detail: document.detail,
      });
    }
    const off = report.featuresOff.map((feature) => feature.feature);
    const backOn = [...this.featuresOffBefore].filter((feature) => !off.includes(feature));
    this.featuresOffBefore = new Set(off);
    const { summary } = report;
    const line = report.error
      ? `contract check could not run (${report.error.code}): ${report.error.message}; what was known before stays in force`
      : `contract check (${report.method}): ${summary.ok} of ${summary.documents} documents ok, ${summary.failed} failed, ${summary.notChecked} not checked; ` +
        (off.length ? `features off: ${off.join(', ')}` : 'every feature on');
    const fields = {
      msg: line,
      trigger: report.trigger,
      endpoint: report.endpoint,
      durationMs: report.durationMs,
      featuresOff: off,
      ...(backOn.length ? { featuresBackOn: backOn } : {}),
      anymarketAccountsOk: report.anymarketAccounts.ok,
      marketplacerWebhooksOk: report.marketplacerWebhooks.ok,
    };
    if (report.ok) this.logger.log(fields);
    else this.logger.warn(fields);
  }
}

async function section<T extends { ok: boolean }>(check: () => Promise<T>): Promise<T | CheckSectionFailure> {
  try {
    return await check();
  } catch (error) {
    return {
      ok: false,
      error: { code: error instanceof DomainError ? error.code : 'CONTRACT_CHECK_FAILED', message: error instanceof Error ? error.message : String(error) },
    };
  }
}

function stopped(): CheckSectionFailure {
  return { ok: false, error: { code: 'CONTRACT_CHECK_STOPPED', message: 'not run: the connector is shutting down' } };
}
