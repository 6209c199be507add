import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { LinkStandingFilter } from '../../accounts/index.js';

/** The last page number the overview accepts (far beyond any real number of sellers; keeps the offset small). */
export const MAX_OVERVIEW_PAGE = 100_000;

/** The overview's query: which sellers, and which page of them. */
export class OverviewQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_OVERVIEW_PAGE) page: number = 1;

  @IsOptional() @IsIn(['all', 'stopped']) show: LinkStandingFilter = 'all';
}
