import type { Request, Response } from 'express';
import type { Metrics } from './metrics.js';

/** Seconds: the connector's own routes answer in milliseconds; a slow admin page may take seconds. */
const HTTP_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/** What the request-logging middleware reports of each finished request. */
export type FinishedRequest = (req: Request, res: Response, seconds: number) => void;

/**
 * Requests the connector answered, by method, route pattern (`/admin/orders/:id`, never the path
 * with its ids: the label stays bounded; `unmatched` for no route) and status, with their duration.
 */
export function httpMetrics(metrics: Metrics): FinishedRequest {
  const requests = metrics.counter({
    name: 'connector_http_requests_total',
    help: 'Requests answered by the connector, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
  });
  const seconds = metrics.histogram({
    name: 'connector_http_request_duration_seconds',
    help: 'Time from a request reaching the connector to its answer being written, by method and route pattern',
    labelNames: ['method', 'route'],
    buckets: HTTP_SECONDS,
  });
  return (req, res, elapsed) => {
    const route = routeOf(req);
    requests.inc({ method: req.method, route, status: res.statusCode });
    seconds.observe({ method: req.method, route }, elapsed);
  };
}

function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}
