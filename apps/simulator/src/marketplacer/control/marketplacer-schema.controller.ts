import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '#common';
import { SchemaDropDto } from './dto/schema.dto.js';
import { MarketplacerControlService } from './marketplacer-control.service.js';

/** The schema the simulated Marketplacer serves: the contract schema less the fields dropped here. */
@ApiTags('simulator: Marketplacer control')
@Controller('_control/marketplacer/schema')
@PublicRoute()
export class MarketplacerSchemaController {
  constructor(private readonly control: MarketplacerControlService) {}

  @Get()
  @ApiOperation({ summary: 'The fields left out of the served schema (`drop`)' })
  dropped() {
    return this.control.schemaDrop();
  }

  @Put()
  @ApiOperation({
    summary:
      'Replace the fields left out of the served schema: introspection no longer lists them and queries selecting them fail validation (400 naming a bad entry)',
  })
  drop(@Body() dto: SchemaDropDto) {
    return this.control.setSchemaDrop(dto);
  }
}
