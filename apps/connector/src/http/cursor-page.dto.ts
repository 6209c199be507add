import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { LimitQuery, MayBeOmitted } from '#common';

/**
 * A page cursor as Marketplacer issues them (base64). INFERRED: the docs call cursors opaque; every
 * one seen (docs, simulator) is base64 text, so anything else is refused before it reaches Marketplacer.
 */
const CURSOR = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Forward paging by Marketplacer's cursor: a page size, and the `nextCursor` of the previous page. */
export class CursorPageQuery extends LimitQuery {
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page; omit for the first page', example: 'WzE3MDAwMDAwMDAwMDAsNDJd' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(500)
  @Matches(CURSOR, { message: 'after must be the nextCursor of the previous page' })
  after?: string;
}
