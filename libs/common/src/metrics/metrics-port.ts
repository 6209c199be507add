import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import { Metrics } from './metrics.js';
import { METRICS_OPTIONS, type MetricsOptions } from './metrics-options.js';

/**
 * `METRICS_PORT`: `GET /metrics` without credentials on a port of its own, for a scraper inside the
 * network (the main port keeps it behind the admin credential). Anything else there is a 404.
 */
@Injectable()
export class MetricsPort implements OnModuleInit, OnApplicationShutdown {
  private server?: Server;
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly metrics: Metrics,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsOptions,
  ) {}

  /** Where it listens, once it does (tests ask for port 0). */
  get address(): { port: number } | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? { port: address.port } : undefined;
  }

  async onModuleInit(): Promise<void> {
    const { enabled, port: where } = this.options;
    if (!enabled || where === undefined) return;
    const { port: metricsPort, host } = where;
    const server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (req.method !== 'GET' || path !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics is served on METRICS_PORT\n');
        return;
      }
      this.metrics.render().then(
        (body) => res.writeHead(200, { 'content-type': this.metrics.contentType, 'cache-control': 'no-store' }).end(body),
        (error: unknown) => {
          this.logger.error({ msg: 'metrics could not be rendered', reason: String(error) });
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be rendered\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(new Error(`METRICS_PORT ${metricsPort} on ${host} cannot be used: ${error.code ?? error.message}`, { cause: error })),
      );
      server.listen(metricsPort, host, () => resolve());
    });
    this.server = server;
    this.logger.log({ msg: 'metrics served without credentials on METRICS_PORT', port: this.address?.port, host });
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
