import { type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ValidationFailedError } from '#common';
import { marketplacerIdOf, notAMarketplacerId } from './marketplacer-ids.js';

/** A path parameter naming a Marketplacer `type` record (legacy or global id) → its global id, or a 400 before anything is asked. */
export class MarketplacerIdPipe implements PipeTransform<string, string> {
  constructor(
    private readonly type: string,
    private readonly field: string,
  ) {}

  transform(value: string): string {
    const id = marketplacerIdOf(this.type, value);
    if (id === null) throw new ValidationFailedError([{ field: this.field, messages: [notAMarketplacerId(this.field, this.type)] }]);
    return id;
  }
}

/** The Swagger side of a MarketplacerIdPipe parameter. */
export const ApiMarketplacerIdParam = (name: string, what: string, example: string) =>
  ApiParam({ name, type: String, description: `The ${what}: its legacy id as the portals show it, or its global id`, example });
