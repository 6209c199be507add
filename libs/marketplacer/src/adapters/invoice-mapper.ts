import type { AddressFieldsFragment, InvoiceFieldsFragment, ShipmentFieldsFragment } from '../contract/generated/graphql.js';
import { MarketplacerError } from '../errors/marketplacer-error.js';
import type { MarketplacerAddress, MarketplacerInvoice, MarketplacerLineItem, MarketplacerShipment } from '../ports/marketplacer-orders.port.js';

type InvoiceLine = InvoiceFieldsFragment['lineItems'][number];

/** An `InvoiceFields` selection as the Orders port describes it; money in integer cents. */
export function toInvoice(invoice: Omit<InvoiceFieldsFragment, '__typename'>): MarketplacerInvoice {
  return {
    id: invoice.id,
    legacyId: invoice.legacyId,
    createdAt: invoice.createdAt,
    updatedAt: invoice.updatedAt,
    paidAt: invoice.paidAt,
    status: invoice.status,
    statusFlags: [...invoice.statusFlags],
    buyer: {
      firstName: invoice.buyerFirstName,
      surname: invoice.buyerSurname,
      emailAddress: invoice.buyerEmailAddress,
      phone: invoice.buyerPhone,
    },
    buyerMessageToSeller: invoice.buyerMessageToSeller,
    shippingAddress: invoice.shippingAddress ? toAddress(invoice.shippingAddress) : null,
    billingAddress: invoice.buyerBillingAddress ? toAddress(invoice.buyerBillingAddress) : null,
    seller: invoice.seller ? { id: invoice.seller.id, legacyId: invoice.seller.legacyId, businessName: invoice.seller.businessName } : null,
    order: invoice.order ? { id: invoice.order.id, legacyId: invoice.order.legacyId } : null,
    totalCents: invoice.totalCents,
    // "The invoice postage cost" (Invoice.shippingCostCents, 2023 schema): the freight of the whole invoice.
    postageCents: invoice.shippingCostCents,
    lineItems: invoice.lineItems.map((line) => toLineItem(invoice.id, line)),
    shipments: invoice.shipments.map(toShipment),
    externalIds: invoice.externalIds.map(({ key, value }) => ({ key, value })),
  };
}

/** Marketplacer's Address with the state and country flattened. */
export function toAddress(address: AddressFieldsFragment): MarketplacerAddress {
  return {
    address: address.address,
    subaddress: address.subaddress,
    city: address.city,
    postcode: address.postcode,
    stateShort: address.state?.short ?? null,
    stateName: address.state?.name ?? null,
    countryCode: address.country.code,
    countryName: address.country.name,
  };
}

function toLineItem(invoiceId: string, line: InvoiceLine): MarketplacerLineItem {
  // itemAmountCents is "Total cost per item" (graph-doc lineitem, 2023 schema): the unit price. The line's goods
  // are unit x quantity; LineItem.totalCents is not used here, as it adds the line's share of the postage.
  if (!Number.isSafeInteger(line.itemAmountCents) || line.itemAmountCents < 0) {
    throw new MarketplacerError('MARKETPLACER_UNEXPECTED_RESPONSE', `Marketplacer sent line item ${line.id} of invoice ${invoiceId} without a unit price`, [
      { field: 'LineItem.itemAmountCents', messages: [`is ${String(line.itemAmountCents)}`] },
    ]);
  }
  const totalCents = line.itemAmountCents * line.quantity;
  return {
    id: line.id,
    legacyId: line.legacyId,
    quantity: line.quantity,
    status: line.status,
    variantId: line.variantId,
    variantSku: line.variantSku,
    variantBarcode: line.variantBarcode,
    variantName: line.variantName,
    advertId: line.advertId,
    advertTitle: line.advertTitle,
    totalCents,
    // "The discount applied to the item. Negative value." (2023 schema); the port carries it as a positive amount.
    discountCents: Math.abs(line.discountCents),
  };
}

/** A `ShipmentFields` selection (an invoice's shipments, shipmentCreate's answer). */
export function toShipment(shipment: ShipmentFieldsFragment): MarketplacerShipment {
  return {
    id: shipment.id,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    trackingLink: shipment.trackingLink,
    dispatchedAt: shipment.dispatchedAt,
    items: (shipment.shippedItems ?? []).map((item) => ({ lineItemId: item.lineItem.id, quantity: item.quantity })),
  };
}
