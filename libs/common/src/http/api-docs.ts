import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiParam } from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error-response.js';

/** The `{id}` path parameter of an admin resource: which id it is, with an example. */
export const ApiIdParam = (description: string, example = 1) => ApiParam({ name: 'id', type: 'integer', description, example });

/** A 400 with one detail per offending field (VALIDATION_FAILED), documented once. */
export const ApiInvalidInput = (what = 'the parameters or the body') =>
  ApiBadRequestResponse({ type: ErrorResponseDto, description: `VALIDATION_FAILED: ${what} are malformed; \`details\` names each offending field` });

/** A 404 for an unknown resource, documented once. */
export const ApiUnknown = (what: string, code: string) => ApiNotFoundResponse({ type: ErrorResponseDto, description: `${code}: no ${what} has this id` });

/** Both, for admin routes that take an `{id}`. */
export const ApiAdminResource = (what: string, code: string, example = 1) =>
  applyDecorators(
    ApiIdParam(`The ${what}'s id, as the admin API lists it`, example),
    ApiUnknown(what, code),
    ApiInvalidInput('the id is not a whole number, or the body'),
  );
