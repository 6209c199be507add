import { type DynamicModule, Global, Module } from '@nestjs/common';
import { RemoteActivity } from '../resilience/remote-activity.js';
import { Metrics } from './metrics.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsPort } from './metrics-port.js';
import { RemoteMetrics } from './remote-metrics.js';
import { METRICS_OPTIONS, type MetricsOptions } from './metrics-options.js';

/**
 * The app's Prometheus metrics: the registry (`Metrics`, injected by every context that counts), the
 * remotes' families fed by RemoteActivity, `GET /metrics` behind the admin credential and, with
 * METRICS_PORT, the same without credentials on a port of its own. Off: the families exist (code
 * counts without asking) but no route serves them and no collector runs.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsOptions): DynamicModule {
    return {
      module: MetricsModule,
      controllers: options.enabled ? [MetricsController] : [],
      providers: [
        { provide: METRICS_OPTIONS, useValue: options },
        { provide: Metrics, useFactory: () => new Metrics(options.enabled) },
        {
          provide: RemoteMetrics,
          inject: [Metrics, RemoteActivity],
          useFactory: (metrics: Metrics, activity: RemoteActivity) => new RemoteMetrics(metrics, activity),
        },
        MetricsPort,
      ],
      exports: [Metrics],
    };
  }
}
