import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { DomainError } from '../errors/domain-error.js';

const BODY_READING_FAILURE = Symbol('bodyReadingFailure');
const READ_BODY = Symbol('readBody');
type RequestWithDeferredBody = Request & { [BODY_READING_FAILURE]?: unknown; [READ_BODY]?: () => Promise<void> };

/**
 * Body parsers (each reads only its own Content-Type, the first that reads the body marks it read)
 * that run once the access guard has let the request in, when BodyReadingCheck asks: a caller that is
 * refused never has its body parsed (Node discards the unread bytes), and a refusal costs what a
 * refusal without a body costs (ADR 0019). A failure (malformed JSON, too large, an unsupported charset
 * or encoding) is kept on the request and raised by BodyReadingCheck in the caller's error format,
 * which only the guard knows (ADR 0002, ADR 0014). Raw-body routes (signed webhooks) are read before
 * the guard by their own reader, since the guard checks the signature over those bytes.
 */
export function readAfterTheGuard(...parsers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let reading: Promise<void> | undefined;
    (req as RequestWithDeferredBody)[READ_BODY] = () => (reading ??= readWith(parsers, req, res));
    next();
  };
}

/**
 * Reads the request's body now if readAfterTheGuard deferred it (once: later calls and BodyReadingCheck
 * share the same reading), for code that runs before the guard and needs the body: the simulator's
 * gates, which record every call as the remote system would see it. A failure is kept for BodyReadingCheck.
 */
export function readBodyNow(req: Request): Promise<void> {
  return (req as RequestWithDeferredBody)[READ_BODY]?.() ?? Promise.resolve();
}

async function readWith(parsers: RequestHandler[], req: Request, res: Response): Promise<void> {
  for (const parser of parsers) {
    const error = await new Promise<unknown>((settled) => void parser(req, res, settled));
    if (error) {
      (req as RequestWithDeferredBody)[BODY_READING_FAILURE] = error;
      return;
    }
  }
}

/** Whether the request carries a body (type-is's test: a Transfer-Encoding, or a Content-Length above 0). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Registered as APP_INTERCEPTOR (after the guard): reads the body (readAfterTheGuard's parsers), then
 * a body that could not be read fails the request now, in the caller's format; a body no parser read
 * (its Content-Type is not JSON, nor XML where a route takes XML) is a 415 that says so, rather than a
 * list of fields the handler then found missing.
 */
@Injectable()
export class BodyReadingCheck implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<RequestWithDeferredBody>();
    if (!hasBody(req)) return this.checked(req, next);
    return from(readBodyNow(req)).pipe(mergeMap(() => this.checked(req, next)));
  }

  private checked(req: RequestWithDeferredBody, next: CallHandler): Observable<unknown> {
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
