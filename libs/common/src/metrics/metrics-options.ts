export interface MetricsOptions {
  enabled: boolean;
  /** METRICS_PORT and HOST: also serve the metrics without credentials there (only an app that serves HTTP; not `npm run doctor`). */
  port?: { port: number; host: string };
}

/** The options MetricsModule was given (MetricsPort reads them). */
export const METRICS_OPTIONS = Symbol('MetricsOptions');
