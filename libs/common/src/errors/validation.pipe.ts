import { type ArgumentMetadata, Injectable, type PipeTransform, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationFailedError, type ErrorDetail } from './domain-error.js';
import { assertSafeInput } from './input-boundary.js';

/** Flattens nested class-validator errors into `{field: 'a.b[0].c', messages}` pairs. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = prefix ? (/^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`) : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * The global pipe: every handler argument that comes from the request (body, query, path parameters,
 * and the custom decorators that hand over the body as received) first passes the input boundary
 * (no NUL, bounded depth); then DTOs are validated and transformed. A failure is a 400 naming the
 * offending fields.
 */
@Injectable()
export class RequestValidationPipe implements PipeTransform {
  private readonly validation = new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
  });

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    assertSafeInput(value, metadata.data ?? '');
    return this.validation.transform(value, metadata);
  }
}

export function createValidationPipe(): RequestValidationPipe {
  return new RequestValidationPipe();
}
