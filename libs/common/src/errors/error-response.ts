import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorDetail } from './domain-error.js';

export class ErrorDetailDto implements ErrorDetail {
  @ApiProperty({ example: 'storeId' }) field: string;
  @ApiProperty({ type: [String], example: ['storeId must be a string'] }) messages: string[];
}

export class ErrorBodyDto {
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine-readable code' }) code: string;
  @ApiProperty({ example: 'The request is invalid' }) message: string;
  @ApiPropertyOptional({ type: [ErrorDetailDto] }) details?: ErrorDetailDto[];
  @ApiPropertyOptional({ description: 'Quote it when reporting an unexpected error (500); it is in the logs' })
  errorId?: string;
  @ApiPropertyOptional({ description: 'The request id (also in the x-request-id response header)' }) requestId?: string;
}

/** The JSON body of every error the connector answers, except to ANYMARKET (see AnymarketErrorDto). */
export class ErrorResponseDto {
  @ApiProperty({ type: ErrorBodyDto }) error: ErrorBodyDto;
}

/** How ANYMARKET remotes answer a failure: ANYMARKET's own error body (marketplace_pt.yaml), `{code, message}`. */
export class AnymarketErrorDto {
  @ApiProperty({ example: 'ANYMARKET_ACCOUNT_NOT_FOUND', description: 'Stable machine-readable code' }) code: string;
  @ApiProperty({
    example: 'No active ANYMARKET account 127 for organisation 22449504. (module not activated, or deactivated)',
    description: 'What went wrong, with the offending fields',
  })
  message: string;
}

/**
 * The error body of the remotes whose failures remote_pt.yaml documents as `{status}` (the NF-e XML
 * remote): ANYMARKET's documented `status`, plus the `{code, message}` every other remote answers.
 */
export class AnymarketStatusErrorDto extends AnymarketErrorDto {
  @ApiProperty({
    example: 'A valid x-anymarket-token is required',
    description: "remote_pt.yaml's documented field: what went wrong (the same text as `message`)",
    minLength: 1,
  })
  status: string;
}

/** An error in ANYMARKET's `{code, message}` shape; field details are folded into the message. */
export function toAnymarketError(error: ErrorBodyDto): AnymarketErrorDto {
  const details = detailMessages(error);
  return { code: error.code, message: details ? `${error.message}: ${details}` : error.message };
}

/** An error in the `{status}` shape remote_pt.yaml documents for the NF-e remote, `code` and `message` kept. */
export function toAnymarketStatusError(error: ErrorBodyDto): AnymarketStatusErrorDto {
  const body = toAnymarketError(error);
  return { status: body.message, ...body };
}

/** Every field message of an error, in one line ("; " between them), for callers that read only text. */
export function detailMessages(error: ErrorBodyDto): string {
  return (error.details ?? []).flatMap((detail) => detail.messages).join('; ');
}
