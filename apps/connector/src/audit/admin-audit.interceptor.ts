import { type CallHandler, type ExecutionContext, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import { currentRequestId, failureOutcomeOf, ROUTE_ACCESS, type RouteAccess } from '#common';
import { AdminAuditService } from './admin-audit.service.js';

const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Registered as APP_INTERCEPTOR: records every state-changing admin request (it ran past the
 * access guard) with its outcome. The record is written before the answer leaves, so an admin
 * change is never answered without its trace.
 */
@Injectable()
export class AdminAuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('AdminAudit');

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AdminAuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<Request>();
    if (access !== 'admin' || READ_ONLY.has(req.method)) return next.handle();
    const res = context.switchToHttp().getResponse<Response>();
    const base = { requestId: currentRequestId() ?? 'unknown', method: req.method, path: req.path };
    return next.handle().pipe(
      mergeMap((value) => from(this.audit.record({ ...base, statusCode: res.statusCode, errorCode: null }).then(() => value))),
      catchError((error: unknown) => {
        return from(
          this.audit.record({ ...base, ...recordedOutcome(error) }).catch((auditError: unknown) => {
            this.logger.error({ msg: 'could not record a failed admin request', reason: String(auditError) });
          }),
        ).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}

/** What the audit trail records of a failure: its status and code (failureOutcomeOf), not its message. */
function recordedOutcome(error: unknown): { statusCode: number; errorCode: string } {
  const { statusCode, errorCode } = failureOutcomeOf(error);
  return { statusCode, errorCode };
}
