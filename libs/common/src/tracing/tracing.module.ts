import { type DynamicModule, Module } from '@nestjs/common';
import { TRACE_EXPORT_SETTINGS, TraceExport, type TraceExportSettings } from './trace-export.js';

/** The flows' span export (OpenTelemetry, when configured); the flows themselves need no module. */
@Module({})
export class TracingModule {
  static forRoot(settings: TraceExportSettings): DynamicModule {
    return {
      module: TracingModule,
      global: true,
      providers: [{ provide: TRACE_EXPORT_SETTINGS, useValue: settings }, TraceExport],
      exports: [TraceExport],
    };
  }
}
