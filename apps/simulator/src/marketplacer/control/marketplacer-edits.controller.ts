import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PublicRoute } from '#common';
import {
  ReleaseRemittancesDto,
  RemittancesQueryDto,
  SellerEditDto,
  ShipInvoiceDto,
  ShipmentEditDto,
  VariantEditDto,
  VettingRejectionDto,
} from './dto/edits.dto.js';
import { QuickOrdersDto } from './dto/orders.dto.js';
import { MarketplacerControlService } from './marketplacer-control.service.js';

const ID = { name: 'id', description: 'Global id (e.g. QWR2ZXJ0LTEwMDAwMQ==) or database id (e.g. 100001)' };

/** Edits made on the Marketplacer side (buyers, seller or operator portal); each bumps updatedAt and fires webhooks. */
@ApiTags('simulator: Marketplacer control')
@Controller('_control/marketplacer')
@PublicRoute()
export class MarketplacerEditsController {
  constructor(private readonly control: MarketplacerControlService) {}

  @Post('adverts/:id/publish')
  @HttpCode(200)
  @ApiParam(ID)
  @ApiOperation({ summary: 'Publish an advert' })
  publish(@Param('id') id: string) {
    return this.control.setAdvertPublished(id, true);
  }

  @Post('adverts/:id/unpublish')
  @HttpCode(200)
  @ApiParam(ID)
  @ApiOperation({ summary: 'Unpublish (off-line) an advert' })
  unpublish(@Param('id') id: string) {
    return this.control.setAdvertPublished(id, false);
  }

  @Post('adverts/:id/vetting/approve')
  @HttpCode(200)
  @ApiParam(ID)
  @ApiOperation({ summary: 'Approve an advert in vetting' })
  approve(@Param('id') id: string) {
    return this.control.decideVetting(id, 'approve');
  }

  @Post('adverts/:id/vetting/hold')
  @HttpCode(200)
  @ApiParam(ID)
  @ApiOperation({ summary: 'Put an advert (back) in vetting: pending until approved or rejected' })
  hold(@Param('id') id: string) {
    return this.control.decideVetting(id, 'hold');
  }

  @Post('adverts/:id/vetting/reject')
  @HttpCode(200)
  @ApiParam(ID)
  @ApiOperation({ summary: 'Reject an advert in vetting' })
  reject(@Param('id') id: string, @Body() dto: VettingRejectionDto) {
    return this.control.decideVetting(id, 'reject', dto.reason);
  }

  @Delete('adverts/:id')
  @ApiParam(ID)
  @ApiOperation({ summary: 'Delete an advert (it becomes a DeletedAdvert)' })
  deleteAdvert(@Param('id') id: string) {
    return this.control.deleteAdvert(id);
  }

  @Patch('variants/:id')
  @ApiParam(ID)
  @ApiOperation({ summary: "Change a variant's stock and/or prices" })
  editVariant(@Param('id') id: string, @Body() dto: VariantEditDto) {
    return this.control.editVariant(id, dto);
  }

  @Patch('sellers/:id')
  @ApiParam(ID)
  @ApiOperation({ summary: "Change a seller's online state or account type, or delete it" })
  editSeller(@Param('id') id: string, @Body() dto: SellerEditDto) {
    return this.control.editSeller(id, dto);
  }

  @Post('invoices/:id/paid')
  @HttpCode(200)
  @ApiParam(ID)
  @ApiOperation({ summary: 'Mark an invoice paid' })
  paid(@Param('id') id: string) {
    return this.control.markInvoice(id, 'paid');
  }

  @Post('invoices/:id/cancelled')
  @HttpCode(200)
  @ApiParam(ID)
  @ApiOperation({ summary: 'Cancel an invoice' })
  cancelled(@Param('id') id: string) {
    return this.control.markInvoice(id, 'cancelled');
  }

  @Post('invoices/:id/shipped')
  @HttpCode(200)
  @ApiParam(ID)
  @ApiOperation({ summary: 'Ship an invoice in one shipment: everything left to ship, or only the given lines (a partial shipment)' })
  shipped(@Param('id') id: string, @Body() dto: ShipInvoiceDto) {
    return this.control.markInvoice(id, 'shipped', dto);
  }

  @Post('invoices/:id/collected')
  @HttpCode(200)
  @ApiParam(ID)
  @ApiOperation({ summary: 'The buyer has the goods (collected / delivered): a fully sent invoice becomes COLLECTED' })
  collected(@Param('id') id: string) {
    return this.control.markInvoice(id, 'collected');
  }

  @Patch('shipments/:id')
  @ApiParam(ID)
  @ApiOperation({
    summary: "Change a shipment's tracking number, carrier or note, through the same code as shipmentUpdate",
    description: 'Fires Shipment update and Invoice update (its invoice is touched). A blank tracking number or an unknown carrier is refused (422).',
  })
  editShipment(@Param('id') id: string, @Body() dto: ShipmentEditDto) {
    return this.control.editShipment(id, dto);
  }

  @Delete('option-values/:id')
  @ApiParam(ID)
  @ApiOperation({
    summary: 'Delete an option value, through the same code as optionValueDelete',
    description: "Fires OptionValue destroy (its payload's node is null: the value is gone) and OptionType update for the type that lost it.",
  })
  deleteOptionValue(@Param('id') id: string) {
    return this.control.deleteOptionValue(id);
  }

  @Post('orders')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Buyers order: `count` identical orders (one invoice per seller), through the same code as GraphQL orderCreate',
    description: 'Answers the orders and their invoices with global and database ids. `paid: false` leaves the invoices AWAITING_PAYMENT.',
  })
  createOrders(@Body() dto: QuickOrdersDto) {
    return this.control.createOrders(dto);
  }

  @Get('remittances')
  @ApiOperation({
    summary: "The remittances (what each seller is owed per invoice), optionally one seller's",
    description: 'Answers each remittance with global and database ids, its seller, invoice, amount in cents, whether it is released and its advice.',
  })
  remittances(@Query() query: RemittancesQueryDto) {
    return this.control.remittances(query.sellerId);
  }

  @Post('remittances/release')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The operator releases remittances, through the same code as GraphQL remittancesRelease',
    description:
      "Each released remittance lands on its seller's open (unpaid) remittance advice. Answers the remittances as released; an id that names nothing refuses the whole request (422).",
  })
  releaseRemittances(@Body() dto: ReleaseRemittancesDto) {
    return this.control.releaseRemittances(dto);
  }
}
