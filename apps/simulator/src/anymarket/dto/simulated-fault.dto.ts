import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Trouble for the next `count` marketplace-API calls: a delay, an error status, or both. */
export class SimulatedFaultDto {
  @ApiProperty({ example: 2, description: 'How many of the next calls are affected' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  count: number;

  @ApiPropertyOptional({ example: 503, description: 'Answer this status with `{code, message}` instead of serving the call' })
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
}
