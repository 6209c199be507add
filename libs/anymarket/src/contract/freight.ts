export interface FreightDimensions {
  length: number;
  width: number;
  height: number;
  weight: number;
}

/** `freight` schema: body of `POST /freight`. Quote one SKU per request (ANYMARKET's advice). */
export interface FreightQuoteRequest {
  /** Destination CEP. */
  zipCode: string;
  additionalPercentual: number;
  products: Array<{
    /** The skuInMarketplace. */
    skuId: string;
    amount: number;
    dimensions?: FreightDimensions;
  }>;
}

export interface FreightQuotedProduct {
  skuId: string;
  amount: number;
  dimensions?: FreightDimensions;
  stockAmount: number;
  /** Crossdocking days; not added to the quotes' deliveryTime. */
  additionalDeliveryTime: number;
  /** "De" price. */
  price: number;
  /** "Por" price. */
  discountPrice: number;
}

export interface FreightQuote {
  carrierName: string;
  serviceName: string;
  /** Days, without crossdocking. */
  deliveryTime: number;
  freightType: 'normal' | 'express';
  price: number;
}

/** A successful quote. */
export interface FreightQuotation {
  zipCode: string;
  products: FreightQuotedProduct[];
  quotes: FreightQuote[];
}

/** The answer when a SKU is unknown or its publication is UNPUBLISHED: quantity by skuId. */
export interface FreightMissingSkus {
  missingSkus: Record<string, number>;
}

export type FreightQuoteResponse = FreightQuotation | FreightMissingSkus;

export function isFreightMissingSkus(response: FreightQuoteResponse): response is FreightMissingSkus {
  return 'missingSkus' in response && !('quotes' in response);
}
