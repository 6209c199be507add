import { env } from '../config/env-variable.js';

/** Variables of the Prometheus metrics (`GET /metrics`). */
export const metricsConfigShape = {
  metricsEnabled: env.boolean({
    name: 'METRICS_ENABLED',
    description: 'Count and serve Prometheus metrics at `GET /metrics` (admin credential); false: no counting, no route',
    default: true,
  }),
  metricsPort: env.optionalInteger({
    name: 'METRICS_PORT',
    description: 'Also serve `GET /metrics` on this port of HOST, without credentials, for a scraper inside the network',
    defaultLabel: 'unset: only on PORT, behind the admin credential',
    min: 1,
    max: 65535,
  }),
};
