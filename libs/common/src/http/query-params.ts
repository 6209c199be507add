import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The largest row id (an `integer` column on both databases): a larger id names nothing, and Postgres refuses it. */
export const MAX_ROW_ID = 2_147_483_647;

/** How many items an admin list answers with (1 to 500, default 50). */
export class LimitQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50, example: 50, description: 'How many items per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;
}

/** Paging of the admin lists that go newest first: a page size, and where the previous page ended. */
export class PageQuery extends LimitQuery {
  @ApiPropertyOptional({ description: 'Only items older than this id (the last id of the previous page)', example: 120 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ROW_ID)
  beforeId?: number;
}

/** A `true`/`false` query parameter as a boolean (anything else is left for @IsBoolean to refuse). */
export const QueryBoolean = () => Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
