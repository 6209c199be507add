import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { setSpanRecorder, spanRecorder } from './flow-span.js';
import type { OtelExport } from './otel-export.js';
import { tracesUrlOf, type TracingConfig } from './tracing.config.js';

export const TRACE_EXPORT_SETTINGS = Symbol('TRACE_EXPORT_SETTINGS');

export interface TraceExportSettings extends TracingConfig {
  /** The exported `service.version`. */
  serviceVersion: string;
}

let sdkLoaded = false;

/** Whether this process loaded the OpenTelemetry SDK (only ever when an OTLP endpoint is configured). */
export function otelSdkLoaded(): boolean {
  return sdkLoaded;
}

/**
 * OpenTelemetry export of the flows' spans, when `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set: the SDK is imported then, and only then (nothing of it
 * is loaded otherwise, and spans cost three ids). Started before the application bootstraps (its
 * start-up calls are exported too), flushed and shut down with the application.
 */
@Injectable()
export class TraceExport implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Traces');
  private exporting: OtelExport | null = null;

  constructor(@Inject(TRACE_EXPORT_SETTINGS) private readonly settings: TraceExportSettings) {}

  async onModuleInit(): Promise<void> {
    const tracesUrl = tracesUrlOf(this.settings);
    if (tracesUrl === null) return;
    const { startOtelExport } = await import('./otel-export.js');
    sdkLoaded = true;
    this.exporting = startOtelExport({
      tracesUrl,
      serviceName: this.settings.otelServiceName,
      serviceVersion: this.settings.serviceVersion,
      logger: {
        warn: (message: string, ...args: unknown[]) => this.logger.warn({ msg: `OpenTelemetry: ${message}`, detail: args.map(String) }),
        error: (message: string, ...args: unknown[]) => this.logger.error({ msg: `OpenTelemetry: ${message}`, detail: args.map(String) }),
      },
    });
    setSpanRecorder(this.exporting);
    this.logger.log({ msg: 'exporting spans over OTLP/HTTP', url: tracesUrl, serviceName: this.settings.otelServiceName });
  }

  /** True while spans are exported. */
  get exportingSpans(): boolean {
    return this.exporting !== null;
  }

  /** Sends every ended span now (tests; the shutdown does it too). */
  async flush(): Promise<void> {
    await this.exporting?.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    const exporting = this.exporting;
    if (!exporting) return;
    this.exporting = null;
    if (spanRecorder() === exporting) setSpanRecorder(null);
    await exporting.shutdown();
  }
}
