import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { DomainError } from '../errors/domain-error.js';
import type { RawBodyRoute } from './configure-app.js';

/** The `Content-Encoding`s the reader decodes (body-parser's); any other body is kept as received. */
export const DECODED_CONTENT_ENCODINGS: readonly string[] = ['identity', 'gzip', 'deflate', 'br'];

/**
 * Reads a route's body as raw bytes (whatever its content type), up to the route's limit (ADR 0014):
 * - a `Content-Encoding` it cannot decode: the bytes as received, so that the signature can still be
 *   checked and a signed delivery kept (the route's handler sees the header and knows it cannot use it);
 * - larger than the limit, unsigned (no `route.signatureHeader`): 413, as nothing can make it succeed;
 * - larger than the limit and signed, or unreadable otherwise: a coded 503 (`route.code`). A webhook
 *   sender disables an endpoint that answers 4xx and retries a 5xx (a bounded number of times), and the
 *   operator can raise the limit meanwhile.
 */
export function rawBodyReader(route: RawBodyRoute): RequestHandler {
  const read = express.raw({ type: () => true, limit: route.limit });
  return (req: Request, res: Response, next: NextFunction) => {
    const done = (error?: unknown) => (error ? next(unreadable(route, req, error)) : next());
    read(req, res, (error?: unknown) => {
      if (!error) return next();
      if ((error as { type?: unknown }).type !== 'encoding.unsupported') return done(error);
      // Nothing was read yet: read the bytes as they came, without decoding them.
      const encoding = req.headers['content-encoding'];
      delete req.headers['content-encoding'];
      read(req, res, (undecoded?: unknown) => {
        req.headers['content-encoding'] = encoding;
        done(undecoded);
      });
    });
  };
}

function unreadable(route: RawBodyRoute, req: Request, error: unknown): DomainError {
  if ((error as { type?: unknown }).type !== 'entity.too.large') {
    return new DomainError(route.code, 'unavailable', 'The body could not be read', [], { cause: error });
  }
  const message = `The body is larger than ${route.limit} (${route.limitVariable}); it was not read`;
  if (!req.header(route.signatureHeader)) return new DomainError(route.tooLargeCode, 'too_large', `${message}, and it is not signed`, [], { cause: error });
  return new DomainError(route.code, 'unavailable', message, [], { cause: error });
}
