import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger as PinoLogger } from 'pino';
import { startSpan } from '../tracing/flow-span.js';
import { parseTraceparent } from '../tracing/traceparent.js';
import { requestContext } from './request-context.js';

const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's `x-request-id` when it is sane, else a UUID) and a flow: the
 * caller's trace when it sent a valid W3C `traceparent` (Marketplacer's webhook deliveries do), else a
 * new one; echoes both (`x-request-id`, and `traceresponse`: our span in the trace), runs the rest of
 * the request inside that flow, and logs one line when the response is finished (and tells `finished`: the HTTP metrics). The query string is
 * not logged (callers put tokens there). A `traceparent` that is not valid is ignored, never refused.
 */
export function requestLoggingMiddleware(logger: PinoLogger, finished?: (req: Request, res: Response, seconds: number) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const offered = req.header('x-request-id');
    const requestId = offered && ACCEPTED_REQUEST_ID.test(offered) ? offered : randomUUID();
    const span = startSpan(`${req.method}`, 'server', parseTraceparent(req.header('traceparent')), { requestId });
    res.setHeader('x-request-id', requestId);
    res.setHeader('traceresponse', span.traceparent);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      finished?.(req, res, durationMs / 1000);
      const line = {
        requestId,
        traceId: span.context.traceId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
      };
      if (res.statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request');
    });
    // 'close' comes after 'finish', and also when the caller went away before the answer.
    res.on('close', () => {
      if (!span.recording) return span.end();
      const route = (req.route as { path?: unknown } | undefined)?.path;
      span.end({
        name: typeof route === 'string' ? `${req.method} ${route}` : req.method,
        attributes: { 'http.request.method': req.method, 'url.path': req.path, 'http.response.status_code': res.statusCode },
        error: res.statusCode >= 500 ? `HTTP ${res.statusCode}` : res.writableFinished ? undefined : 'the caller closed the connection before the answer',
      });
    });
    requestContext.run(span.context, next);
  };
}
