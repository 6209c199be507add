import { env } from '../config/env-variable.js';

/** The service name spans are exported under unless OTEL_SERVICE_NAME says otherwise. */
export const DEFAULT_SERVICE_NAME = 'marketplacer-anymarket-connector';

/** OpenTelemetry's own variables, with their standard meaning: traces are exported only when an endpoint is set. */
export const tracingConfigShape = {
  otelExporterOtlpEndpoint: env.optionalUrl({
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    description: 'Base URL of an OpenTelemetry collector (OTLP over HTTP, JSON); spans go to `<url>/v1/traces`. Unset: nothing is exported',
    defaultLabel: 'unset (no export)',
  }),
  otelExporterOtlpTracesEndpoint: env.optionalUrl({
    name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    description: 'Full URL spans are sent to, instead of `OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces` (setting it alone turns export on)',
    defaultLabel: 'unset',
  }),
  otelServiceName: env.string({ name: 'OTEL_SERVICE_NAME', description: 'The `service.name` of the exported spans', default: DEFAULT_SERVICE_NAME }),
};

export interface TracingConfig {
  otelExporterOtlpEndpoint?: string;
  otelExporterOtlpTracesEndpoint?: string;
  otelServiceName: string;
}

/** Where spans are sent, by OpenTelemetry's rules (the traces endpoint as given, else `<endpoint>/v1/traces`); null: no export. */
export function tracesUrlOf(config: TracingConfig): string | null {
  if (config.otelExporterOtlpTracesEndpoint) return config.otelExporterOtlpTracesEndpoint;
  if (config.otelExporterOtlpEndpoint) return `${config.otelExporterOtlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
  return null;
}
