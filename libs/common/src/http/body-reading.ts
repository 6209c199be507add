import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Observable } from 'rxjs';
import { DomainError } from '../errors/domain-error.js';

const BODY_READING_FAILURE = Symbol('bodyReadingFailure');
type RequestWithBodyReadingFailure = Request & { [BODY_READING_FAILURE]?: unknown };

/**
 * A body parser whose failure (malformed JSON, too large, an unsupported charset or encoding) is kept
 * on the request instead of being raised at once: raised before the route is known, it would be answered
 * in the admin envelope to every caller. BodyReadingCheck raises it once the access guard has picked the
 * caller's error format (ADR 0002, ADR 0014).
 */
export function failureDeferred(parser: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) =>
    parser(req, res, (error?: unknown) => {
      if (error) (req as RequestWithBodyReadingFailure)[BODY_READING_FAILURE] = error;
      next();
    });
}

/** Whether the request carries a body (type-is's test: a Transfer-Encoding, or a Content-Length above 0). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Registered as APP_INTERCEPTOR (after the guard): a body that could not be read fails the request now,
 * in the caller's format; a body no parser read (its Content-Type is not JSON, nor XML where a route
 * takes XML) is a 415 that says so, rather than a list of fields the handler then found missing.
 */
@Injectable()
export class BodyReadingCheck implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<RequestWithBodyReadingFailure>();
    const failure = req[BODY_READING_FAILURE];
    if (failure) throw failure;
    if (req.body === undefined && hasBody(req)) {
      throw new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        'unsupported_media_type',
        `The request body is not JSON: send it with Content-Type application/json (it came as ${JSON.stringify(contentTypeOf(req))})`,
      );
    }
    return next.handle();
  }
}

/** The media type as sent, bounded (it is quoted back). */
function contentTypeOf(req: Request): string {
  return (req.headers['content-type'] ?? 'no Content-Type').split(';')[0].trim().slice(0, 60);
}
