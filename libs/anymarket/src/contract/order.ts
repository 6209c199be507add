import type { CancellationCode, DeliveryStatus, OrderStatus, OrderTransmissionStatus } from './statuses.js';

/** `OrderPost` of marketplace_pt.yaml: a marketplace order as the middleware creates it in ANYMARKET. */
export interface OrderPost {
  /** The order's internal id in the marketplace: ANYMARKET's key for duplicates and for the markAs* paths. */
  marketPlaceId: string;
  /** The order number the buyer sees. */
  marketPlaceNumber?: string;
  createdAt?: string;
  discount?: number;
  freight?: number;
  /** Sum of the item totals, without freight. */
  productNet?: number;
  /** productNet + freight + interest − discount. */
  total?: number;
  interestValue?: number;
  items?: OrderItem[];
  /** The account id from saveAccount. */
  idAccount?: number;
  accountName?: string;
  status?: OrderStatus;
  subChannel?: string;
  subChannelNormalized?: string;
  marketPlaceUrl?: string;
  /** Free text: the order's situation in the marketplace. */
  marketPlaceStatus?: string;
  marketPlaceStatusComplement?: string;
  shipping?: OrderShipping;
  billingAddress?: OrderBillingAddress;
  buyer?: OrderBuyer;
  /** Payment values must add up to the order total. */
  payments?: OrderPayment[];
  observation?: string;
  anymarketAddress?: OrderAnymarketAddress;
  tracking?: OrderTracking;
  documentIntermediator?: string;
  intermediateRegistrationId?: string;
  documentPaymentInstitution?: string;
}

export interface OrderItem {
  partnerId?: string;
  sku: {
    /** The skuInMarketplace. */
    partnerId: string;
  };
  amount: number;
  unit: number;
  /** amount × unit, before discount. */
  gross: number;
  total: number;
  discount?: number;
  shippings?: OrderItemShipping[];
}

export interface OrderItemShipping {
  id?: number;
  /** Carrier and service together, e.g. "CORREIOS - SEDEX". */
  shippingtype?: string;
  shippingCarrierNormalized?: string;
  shippingCarrierTypeNormalized?: string;
}

export interface OrderBillingAddress {
  city?: string;
  state?: string;
  stateNameNormalized?: string;
  country?: string;
  countryAcronymNormalized?: string;
  countryNameNormalized?: string;
  number?: string;
  neighborhood?: string;
  street?: string;
  comment?: string;
  reference?: string;
  zipCode?: string;
}

export interface OrderShipping extends OrderBillingAddress {
  /** The full address in one line. */
  address?: string;
  promisedShippingTime?: string;
  receiverName?: string;
}

export interface OrderAnymarketAddress {
  country?: string;
  state?: string;
  city?: string;
  zipCode?: string;
  neighborhood?: string;
  address?: string;
  street?: string;
  number?: string;
  comment?: string;
  receiverName?: string;
  promisedShippingTime?: string;
}

export interface OrderBuyer {
  marketPlaceId?: string;
  name?: string;
  /** ANYMARKET asks for a masked/encrypted address. */
  email?: string;
  document?: string;
  documentType?: 'CPF' | 'CNPJ';
  phone?: string;
  cellPhone?: string;
  documentNumberNormalized?: string;
}

export interface OrderPayment {
  method?: string;
  status?: string;
  value: number;
  installments?: number;
  marketplaceId?: string;
  paymentMethodNormalized?: string;
  paymentDetailNormalized?: string;
  dueDate?: string;
}

export interface OrderTracking {
  url?: string;
  number?: string;
  carrier?: string;
  carrierDocument?: string;
  date?: string;
  estimateDate?: string;
  shippedDate?: string;
  deliveredDate?: string;
}

export interface OrderInvoice {
  accessKey?: string;
  series?: string;
  number?: string;
  date?: string;
  linkNfe?: string;
  invoiceLink?: string;
  cfop?: string;
}

/** `Order`: what ANYMARKET answers for an order (OrderPost plus its own fields). */
export interface Order extends OrderPost {
  /** ANYMARKET's order id. */
  id: number;
  partnerId?: string;
  paymentDate?: string;
  cancelDate?: string;
  cancellationCode?: CancellationCode;
  transmissionStatus?: OrderTransmissionStatus;
  marketPlaceShipmentStatus?: string;
  invoice?: OrderInvoice;
  deliveryStatus?: DeliveryStatus;
  shipmentExceptionDate?: string;
  shipmentExceptionDescription?: string;
  metadata?: Record<string, string>;
  cancelDetails?: string;
}

/** `Page_Order`: one page of `GET /orders`. */
export interface OrderPage {
  links?: Array<{ rel: string; href: string }>;
  content: Order[];
  page: { size: number; totalElements: number; totalPages: number; number: number };
}

export interface ListOrdersQuery {
  limit?: number;
  offset?: number;
  sort?: string;
  status?: OrderStatus;
  /** ISO date-time with offset. */
  createdAfter?: string;
}

/** Body of markAsPaid, markAsInvoiced (CanceledStatusDTO) and markAsCanceled (`date` required there). */
export interface OrderStatusDate {
  /** ISO date-time with offset, e.g. "2022-02-07T10:56:42-03:00". */
  date?: string;
}

/** Body of markAsShipped. */
export interface OrderShipment {
  status?: 'SHIPPED';
  url?: string;
  number?: string;
  carrier?: string;
  estimateDate?: string;
  shippedDate: string;
}

/** Body of markAsDelivered. */
export interface OrderDelivery {
  deliveredDate: string;
}

/** `OrderStatusUpdate`: the answer to an updateOrderStatusInMarketPlace remote, finishing its handling. */
export interface OrderTransmissionStatusUpdate {
  success: boolean;
  /** Why the marketplace could not apply the change. */
  errorMessage?: string;
  marketPlaceStatus: string;
}
