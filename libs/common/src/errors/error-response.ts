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

/** The JSON body of every error the connector answers, except ANYMARKET remotes that answer bare `false`. */
export class ErrorResponseDto {
  @ApiProperty({ type: ErrorBodyDto }) error: ErrorBodyDto;
}
