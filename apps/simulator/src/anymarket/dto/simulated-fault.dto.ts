import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Trouble for the next `count` matching marketplace-API calls: a delay, an error status, or both; with
 * `afterServe`, a lost answer (the call is served, then the client gets the status or a dropped connection).
 */
export class SimulatedFaultDto {
  @ApiProperty({ example: 2, description: 'How many of the next calls are affected' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  count: number;

  @ApiPropertyOptional({
    example: 503,
    description: 'Answer this status with `{code, message}` instead of serving the call (with afterServe: after serving it)',
  })
  @IsOptional()
  @IsInt()
  @Min(400)
  @Max(599)
  status?: number;

  @ApiPropertyOptional({ example: 1500, description: 'Wait this long before answering (e.g. to make a client time out)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120_000)
  delayMs?: number;

  @ApiPropertyOptional({ example: 1, description: 'Retry-After header (seconds) sent with the error status' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  retryAfterSeconds?: number;

  @ApiPropertyOptional({
    example: true,
    description: 'Serve the call first (its changes happen), then lose the answer: send `status` instead, or destroy the connection when no status is given',
  })
  @IsOptional()
  @IsBoolean()
  afterServe?: boolean;

  @ApiPropertyOptional({ example: 'POST', enum: HTTP_METHODS, description: 'Only calls with this method (all when absent)' })
  @IsOptional()
  @IsIn(HTTP_METHODS)
  method?: string;

  @ApiPropertyOptional({
    example: '^/orders$',
    description: 'Only calls whose path below /anymarket/marketplace/api matches this regular expression (all when absent)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  pathPattern?: string;
}
