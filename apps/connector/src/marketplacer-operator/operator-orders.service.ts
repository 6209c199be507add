import { Injectable, Logger } from '@nestjs/common';
import { createOnce, type CreatedOnce, MarketplacerFulfilment, type MarketplacerOrder, type MarketplacerOrderCreate } from '#marketplacer';
import type { CreateOperatorOrderDto, UpdateOperatorOrderDto } from './dto/operator-orders.dto.js';

/** The external id key of the orders operators create; the value is the storefront's order id. */
export const STOREFRONT_ORDER_KEY = 'anymarket-connector-storefront-order';

/**
 * Orders made outside Marketplacer (a storefront's), created in Marketplacer by an operator: at most
 * once per storefront order id, and updated (status, payment gateway details).
 */
@Injectable()
export class OperatorOrdersService {
  private readonly logger = new Logger('Orders');

  constructor(private readonly fulfilment: MarketplacerFulfilment) {}

  /** Creates the order, or answers the one made before for this storefront order (`created: false`). */
  async create(body: CreateOperatorOrderDto): Promise<CreatedOnce<MarketplacerOrder>> {
    const made = await createOnce(
      {
        what: 'order',
        externalId: body.externalId,
        find: () => this.fulfilment.findOrdersByExternalId(STOREFRONT_ORDER_KEY, body.externalId),
        create: () => this.fulfilment.createOrder(orderCreateOf(body)),
      },
      this.logger,
    );
    this.logger.log({ msg: made.created ? 'order created in Marketplacer' : 'order already made', orderId: made.record.id, externalId: body.externalId });
    return made;
  }

  update(orderId: string, body: UpdateOperatorOrderDto): Promise<MarketplacerOrder> {
    return this.fulfilment.updateOrder({
      orderId,
      status: body.status,
      ...(body.paymentGatewayDetails !== undefined ? { paymentGatewayDetails: body.paymentGatewayDetails } : {}),
    });
  }
}

function orderCreateOf(body: CreateOperatorOrderDto): MarketplacerOrderCreate {
  return {
    order: {
      firstName: body.buyer.firstName,
      surname: body.buyer.surname,
      ...(body.buyer.emailAddress !== undefined ? { emailAddress: body.buyer.emailAddress } : {}),
      ...(body.buyer.phone !== undefined ? { phone: body.buyer.phone } : {}),
      address: {
        address: body.address.address,
        city: body.address.city,
        postcode: body.address.postcode,
        ...(body.address.stateShort !== undefined ? { stateShort: body.address.stateShort } : {}),
        ...(body.address.countryCode !== undefined ? { countryCode: body.address.countryCode.toUpperCase() } : {}),
      },
      ...(body.purchaseOrderNumber !== undefined ? { purchaseOrderNumber: body.purchaseOrderNumber } : {}),
      externalIds: [{ key: STOREFRONT_ORDER_KEY, value: body.externalId }],
    },
    lineItems: body.lineItems.map((line) => ({
      variantId: line.variantId,
      quantity: line.quantity,
      costCents: line.lineTotalCents,
      ...(line.postageCents !== undefined ? { postageCents: line.postageCents } : {}),
    })),
  };
}
