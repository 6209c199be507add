import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { detailMessages, ERROR_RENDERER, toAnymarketError, type RequestWithErrorRenderer } from '#common';
import { PUBLICATION_VALIDATION_CODE } from '../products.errors.js';

/**
 * canActive/canSave refusals go out in ANYMARKET's own shape, `422 {code: "PublicationValidationException",
 * httpStatus, message, details}`, with `details` a string (remote_pt.yaml) listing every problem.
 * Other failures keep ANYMARKET's `{code, message}`, as every remote.
 */
@Injectable()
export class PublicationValidationRenderer implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<RequestWithErrorRenderer>();
    req[ERROR_RENDERER] = (status, error, res) => {
      if (error.code !== PUBLICATION_VALIDATION_CODE) {
        res.status(status).json(toAnymarketError(error));
        return;
      }
      res.status(status).json({ code: PUBLICATION_VALIDATION_CODE, httpStatus: status, message: error.message, details: detailMessages(error) });
    };
    return next.handle();
  }
}
