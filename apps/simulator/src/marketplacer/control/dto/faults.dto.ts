import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';

export class FailNextRequestsDto {
  @ApiProperty({ example: 3, description: 'How many of the next GraphQL requests fail' })
  @IsInt()
  @Min(0)
  count: number;

  @ApiProperty({
    example: 503,
    enum: [403, 500, 502, 503, 504],
    description: '5xx as Marketplacer or its load balancer answers them; 403 as a firewall in front of it refuses a request',
  })
  @IsIn([403, 500, 502, 503, 504])
  status: number;

  @ApiPropertyOptional({ example: 3, description: 'A Retry-After header, in seconds, on each failure; none when absent' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  retryAfterSeconds?: number;

  @ApiPropertyOptional({ example: 'OrderCreate', description: 'Only requests of this operation; all when absent', nullable: true })
  @IsOptional()
  @IsString()
  operationName?: string | null;

  @ApiPropertyOptional({ example: 1, description: 'How many of the matching requests pass before the failures start' })
  @IsOptional()
  @IsInt()
  @Min(0)
  after?: number;
}

export class Burst429Dto {
  @ApiProperty({ example: 2, description: 'How many of the next GraphQL requests answer 429' })
  @IsInt()
  @Min(0)
  count: number;

  @ApiPropertyOptional({ example: 1, description: 'The Retry-After header, in seconds; without it or `retryAfterDate` the 429 carries none' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  retryAfterSeconds?: number;

  @ApiPropertyOptional({ example: '2025-03-01T10:00:05Z', description: 'The Retry-After header as an HTTP date (this time); wins over `retryAfterSeconds`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  retryAfterDate?: string;
}

export class LoseNextAnswersDto {
  @ApiProperty({ example: 1, description: 'How many requests are executed and then left without an answer (connection destroyed)' })
  @IsInt()
  @Min(0)
  count: number;

  @ApiPropertyOptional({ example: 'AdvertUpsert', description: 'Only requests of this operation; all when absent', nullable: true })
  @IsOptional()
  @IsString()
  operationName: string | null = null;

  @ApiPropertyOptional({
    example: 400,
    description: 'Answer this HTTP status (a plain-text body) instead of destroying the connection: the change is made, the caller is told it failed',
  })
  @IsOptional()
  @IsInt()
  @Min(400)
  @Max(599)
  status?: number;
}

export class StallNextRequestsDto {
  @ApiProperty({ example: 1, description: 'How many requests get no answer until their caller hangs up (then they are carried out, as any delayed request)' })
  @IsInt()
  @Min(0)
  count: number;

  @ApiPropertyOptional({ example: 'Brands', description: 'Only requests of this operation; all when absent', nullable: true })
  @IsOptional()
  @IsString()
  operationName: string | null = null;
}

/** Replaces every fault setting; what is left out is off. */
export class FaultsDto {
  @ApiPropertyOptional({ example: 250, description: 'Added to every GraphQL request, in milliseconds' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120_000)
  latencyMs?: number;

  @ApiPropertyOptional({ type: FailNextRequestsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => FailNextRequestsDto)
  failNextRequests?: FailNextRequestsDto;

  @ApiPropertyOptional({ type: Burst429Dto })
  @IsOptional()
  @ValidateNested()
  @Type(() => Burst429Dto)
  burst429?: Burst429Dto;

  @ApiPropertyOptional({ example: 1, description: 'How many of the next GraphQL requests get their connection destroyed (not executed)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  dropNextConnections?: number;

  @ApiPropertyOptional({ type: LoseNextAnswersDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LoseNextAnswersDto)
  loseNextAnswers?: LoseNextAnswersDto;

  @ApiPropertyOptional({ type: StallNextRequestsDto, description: 'A hang: the caller times out (answered after 120 s otherwise)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StallNextRequestsDto)
  stallNextRequests?: StallNextRequestsDto;

  @ApiPropertyOptional({ example: 1, description: 'How many of the next GraphQL requests get HTTP 200 with an HTML maintenance page (not executed)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  maintenancePageNextRequests?: number;

  @ApiPropertyOptional({
    enum: ['graphql-error', 'http-400'],
    description: "Refuse introspection (`__schema`) with graphql-ruby's undefinedField error, under HTTP 200 or 400, until the faults change",
  })
  @IsOptional()
  @IsIn(['graphql-error', 'http-400'])
  refuseIntrospection?: 'graphql-error' | 'http-400';
}

export class ClockAdvanceDto {
  @ApiProperty({ example: 1000, description: "Milliseconds to move the simulated instance's clock forward" })
  @IsInt()
  @Min(1)
  @Max(86_400_000)
  ms: number;
}

export class RateLimitDto {
  @ApiProperty({ example: 750, description: 'Requests per API key per window' })
  @IsInt()
  @Min(1)
  limit: number;

  @ApiProperty({ example: 10_000, description: 'Window length in milliseconds' })
  @IsInt()
  @Min(1)
  windowMs: number;
}

export class ResetDto {
  @ApiPropertyOptional({ example: 5 })
  @IsOptional()
  @IsInt()
  @Min(3)
  @Max(10_000)
  sellers?: number;

  @ApiPropertyOptional({ example: 200 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  adverts?: number;

  @ApiPropertyOptional({ example: 20 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  invoices?: number;
}

export class LimitQueryDto {
  @ApiPropertyOptional({ example: 50, description: 'How many of the most recent entries to return' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000)
  limit?: number;
}
