import { Logger } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

/** Every metric the connector serves starts with this (the Node process metrics included). */
export const METRIC_PREFIX = 'connector_';

/** Refreshes scrape-time gauges (one grouped query per table); runs before each scrape. */
export type ScrapeCollector = () => Promise<void> | void;

/**
 * The app's Prometheus registry (its own, never prom-client's global one: two apps in one process,
 * as in tests, keep their counts apart). Contexts create their families here and register what must
 * be read at scrape time; `render` answers a scrape. Names must start with `connector_`.
 *
 * While metrics are off (`METRICS_ENABLED=false`) the families still exist, so code counts without
 * asking, but nothing registers listeners or scrape collectors and no route serves them.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly collectors = new Map<string, ScrapeCollector>();
  private readonly collectorUp: Gauge<'collector'>;
  private inFlight?: Promise<string>;
  private readonly logger = new Logger('Metrics');

  constructor(readonly enabled: boolean) {
    if (enabled) collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    this.collectorUp = this.gauge({
      name: 'connector_metrics_collector_up',
      help: 'Whether the last scrape could read this collector (1) or not (0: its gauges keep their previous values; the log says why)',
      labelNames: ['collector'],
    });
  }

  /** The counter of that name: created once, the same one for every later caller (a family counted in two places). */
  counter<L extends string>(configuration: CounterConfiguration<L>): Counter<L> {
    return this.existing(configuration.name, Counter) ?? new Counter({ ...this.checked(configuration), registers: [this.registry] });
  }

  gauge<L extends string>(configuration: GaugeConfiguration<L>): Gauge<L> {
    return this.existing(configuration.name, Gauge) ?? new Gauge({ ...this.checked(configuration), registers: [this.registry] });
  }

  histogram<L extends string>(configuration: HistogramConfiguration<L>): Histogram<L> {
    return this.existing(configuration.name, Histogram) ?? new Histogram({ ...this.checked(configuration), registers: [this.registry] });
  }

  /** `collect` refreshes some gauges before each scrape (only while metrics are on). */
  onScrape(name: string, collect: ScrapeCollector): void {
    if (!this.enabled) return;
    if (this.collectors.has(name)) throw new Error(`Scrape collector "${name}" is registered twice`);
    this.collectors.set(name, collect);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text of every family; scrapes that arrive together share one collection. */
  render(): Promise<string> {
    this.inFlight ??= this.collect().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async collect(): Promise<string> {
    await Promise.all(
      [...this.collectors].map(async ([name, collect]) => {
        try {
          await collect();
          this.collectorUp.set({ collector: name }, 1);
        } catch (error) {
          this.collectorUp.set({ collector: name }, 0);
          this.logger.warn({ msg: 'a metrics collector failed; its gauges keep their previous values', collector: name, reason: String(error) });
        }
      }),
    );
    return this.registry.metrics();
  }

  private existing<M>(name: string, kind: abstract new (...args: never[]) => M): M | undefined {
    const metric = this.registry.getSingleMetric(name);
    if (metric === undefined) return undefined;
    if (!(metric instanceof kind)) throw new Error(`Metric "${name}" exists with another type`);
    return metric;
  }

  private checked<C extends { name: string }>(configuration: C): C {
    if (!configuration.name.startsWith(METRIC_PREFIX)) throw new Error(`Metric "${configuration.name}" must start with ${METRIC_PREFIX}`);
    return configuration;
  }
}
