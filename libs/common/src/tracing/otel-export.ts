/**
 * The OpenTelemetry SDK, loaded only when spans are exported (TraceExport imports this file
 * dynamically): a BasicTracerProvider with a BatchSpanProcessor and the OTLP/HTTP (JSON) exporter.
 * Our flows make their own ids (they are in the logs and in `traceparent` whether or not anything is
 * exported), so each ended span is replayed here with those ids: the id generator hands the SDK the
 * span's own ids, and its parent is set with `trace.setSpanContext`, so exported spans join the
 * caller's trace.
 */
import { diag, DiagLogLevel, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type DiagLogger } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOnSampler, BasicTracerProvider, BatchSpanProcessor, type IdGenerator } from '@opentelemetry/sdk-trace-base';
import type { FinishedSpan, SpanKindName, SpanRecorder } from './flow-span.js';

export interface OtelExportSettings {
  tracesUrl: string;
  serviceName: string;
  serviceVersion: string;
  /** Where the SDK's own warnings and errors go (an export the collector refused, a collector down). */
  logger: Pick<DiagLogger, 'warn' | 'error'>;
}

export interface OtelExport extends SpanRecorder {
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

const KINDS: Record<SpanKindName, SpanKind> = {
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  internal: SpanKind.INTERNAL,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

/** Hands the SDK the ids of the span being replayed (startSpan asks for them synchronously). */
class FlowIds implements IdGenerator {
  traceId = '';
  spanId = '';
  generateTraceId(): string {
    return this.traceId;
  }
  generateSpanId(): string {
    return this.spanId;
  }
}

export function startOtelExport(settings: OtelExportSettings): OtelExport {
  const noop = () => undefined;
  diag.setLogger({ error: settings.logger.error, warn: settings.logger.warn, info: noop, debug: noop, verbose: noop }, DiagLogLevel.WARN);
  const ids = new FlowIds();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName, 'service.version': settings.serviceVersion }),
    idGenerator: ids,
    // Only sampled flows reach the recorder: each is exported.
    sampler: new AlwaysOnSampler(),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }))],
  });
  const tracer = provider.getTracer(settings.serviceName, settings.serviceVersion);
  return {
    record(span: FinishedSpan): void {
      ids.traceId = span.traceId;
      ids.spanId = span.spanId;
      const parent =
        span.parentSpanId === null
          ? ROOT_CONTEXT
          : trace.setSpanContext(ROOT_CONTEXT, {
              traceId: span.traceId,
              spanId: span.parentSpanId,
              traceFlags: TraceFlags.SAMPLED,
              isRemote: span.parentIsRemote,
            });
      const exported = tracer.startSpan(span.name, { kind: KINDS[span.kind], startTime: span.startMs, attributes: definedAttributes(span) }, parent);
      if (span.error !== null) exported.setStatus({ code: SpanStatusCode.ERROR, message: span.error });
      exported.end(span.endMs);
    },
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

function definedAttributes(span: FinishedSpan): Record<string, string | number | boolean> {
  const attributes: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(span.attributes)) if (value !== undefined) attributes[name] = value;
  return attributes;
}
