import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { DomainError } from '../errors/domain-error.js';
import type { RawBodyRoute } from './configure-app.js';

/**
 * Reads a route's body as raw bytes (whatever its content type), up to the route's limit. A body it
 * cannot read becomes a coded 503 (`route.code`): for webhook senders a 4xx disables the endpoint,
 * a 5xx is retried.
 */
export function rawBodyReader(route: RawBodyRoute): RequestHandler {
  const read = express.raw({ type: () => true, limit: route.limit });
  return (req: Request, res: Response, next: NextFunction) => {
    read(req, res, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: unknown }).type;
      const message =
        type === 'entity.too.large' ? `The body is larger than ${route.limit} (${route.limitVariable}); it was not read` : 'The body could not be read';
      next(new DomainError(route.code, 'unavailable', message, [], { cause: error }));
    });
  };
}
