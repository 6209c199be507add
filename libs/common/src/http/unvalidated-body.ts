import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * Handler parameter: the parsed JSON body as received, before any DTO validation strips or converts
 * it (for loosely specified ANYMARKET bodies, and for fields whose names are configurable). It still
 * passes the global input boundary (no NUL, bounded depth); it is not the raw bytes.
 */
export const UnvalidatedBody = createParamDecorator((_data: unknown, context: ExecutionContext): unknown => context.switchToHttp().getRequest<Request>().body);
