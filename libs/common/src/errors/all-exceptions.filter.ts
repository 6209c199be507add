import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { currentRequestId } from '../logging/request-context.js';
import { DATABASE_RETRY_AFTER_SECONDS, DatabaseUnavailableError } from '../database/database-unavailable.js';
import { codedErrorOf } from './coded-error.js';
import { DomainError, type ErrorDetail } from './domain-error.js';
import type { ErrorBodyDto } from './error-response.js';
import { CODE_BY_STATUS, STATUS_BY_KIND } from './http-status.js';

/**
 * Routes that must answer errors in their own wire format (ANYMARKET remotes answer a bare `false`)
 * mark the request with this renderer; everything else gets the JSON error body.
 */
export const ERROR_RENDERER = Symbol('errorRenderer');
export type ErrorRenderer = (status: number, error: ErrorBodyDto, res: Response) => void;
export type RequestWithErrorRenderer = Request & { [ERROR_RENDERER]?: ErrorRenderer };

/**
 * The one place where errors become HTTP answers: coded errors (`codedErrorOf`: domain errors, and a
 * database that cannot serve now, answered 503 with `Retry-After`) by their kind, Nest/Express HTTP
 * errors by their status, anything else as 500 with an error id (logged with its stack; the answer
 * never carries a stack trace or the original message).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<RequestWithErrorRenderer>();
    const coded = codedErrorOf(exception);
    const { status, body } = this.describe(coded ?? exception, req);
    if (res.headersSent) return;
    if (coded instanceof DatabaseUnavailableError) res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    const render = req[ERROR_RENDERER];
    if (render) render(status, body, res);
    else res.status(status).json({ error: body });
  }

  private describe(exception: unknown, req: Request): { status: number; body: ErrorBodyDto } {
    const requestId = currentRequestId();
    if (exception instanceof DomainError) {
      const status = STATUS_BY_KIND[exception.kind];
      const level = status >= 500 ? 'error' : 'warn';
      this.logger[level]({ code: exception.code, status, path: req.path, msg: exception.message, cause: describeCause(exception.cause) });
      return { status, body: withDetails({ code: exception.code, message: exception.message, requestId }, exception.details) };
    }
    const unreadable = requestReadingFailure(exception);
    if (unreadable)
      return { status: unreadable.status, body: { code: CODE_BY_STATUS[unreadable.status] ?? 'BAD_REQUEST', message: unreadable.message, requestId } };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) {
        return { status, body: { code: CODE_BY_STATUS[status] ?? `HTTP_${status}`, message: httpMessage(exception), requestId } };
      }
    }
    const errorId = randomUUID();
    const err = exception instanceof Error ? { name: exception.name, message: exception.message, stack: exception.stack } : { value: String(exception) };
    this.logger.error({ errorId, path: req.path, method: req.method, err, msg: 'unexpected error' });
    return { status: 500, body: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred; quote the errorId when reporting it', errorId, requestId } };
  }
}

function withDetails(body: ErrorBodyDto, details: ErrorDetail[]): ErrorBodyDto {
  return details.length ? { ...body, details } : body;
}

function httpMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * Errors of reading the request itself: body-parser's (malformed JSON, too large, bad charset; Nest
 * hands them over wrapped in an HttpException) and Express's undecodable path parameter. Answered
 * with a fixed message by kind, because their own messages quote the request back.
 */
function requestReadingFailure(exception: unknown): { status: number; message: string } | undefined {
  const candidates = [exception, exception instanceof HttpException ? exception.cause : undefined];
  for (const candidate of candidates) {
    const error = candidate as { status?: unknown; statusCode?: unknown; type?: unknown } | null | undefined;
    if (!error || typeof error !== 'object') continue;
    const status = typeof error.status === 'number' ? error.status : typeof error.statusCode === 'number' ? error.statusCode : undefined;
    if (status === undefined || status < 400 || status >= 500) continue;
    if (candidate instanceof URIError) return { status, message: 'The request path is not valid percent-encoding' };
    if (typeof error.type === 'string' || candidate instanceof SyntaxError) return { status, message: bodyReadingMessage(error.type) };
  }
  return undefined;
}

function bodyReadingMessage(type: unknown): string {
  switch (type) {
    case 'entity.parse.failed':
      return 'The request body is not valid JSON';
    case 'entity.too.large':
      return 'The request body is larger than the limit (BODY_LIMIT)';
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return 'The request body uses an unsupported character set or encoding';
    case 'parameters.too.many':
      return 'The request body has too many parameters';
    default:
      return 'The request body could not be read';
  }
}

function describeCause(cause: unknown): unknown {
  return cause instanceof Error ? { name: cause.name, message: cause.message } : cause;
}
