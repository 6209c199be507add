import type { ObjectSchema, SchemaNode } from './schema-subset.js';

/**
 * The request schemas of ANYMARKET's order endpoints, transcribed from marketplace_pt.yaml (and the
 * remote_pt.yaml schemas it references) with the keywords `schema-subset` checks. Where the simulator is
 * stricter than the yaml it says so with INFERRED.
 */

const text: SchemaNode = { type: 'string' };
const dateTime: SchemaNode = { type: 'string', format: 'date-time' };
/** `type: number, format: double, minimum: 0` (every amount of an order). */
const amount: SchemaNode = { type: 'number', minimum: 0 };
/** `type: integer, format: int64, minimum: 0`. */
const count: SchemaNode = { type: 'integer', minimum: 0 };
/** `type: string, minLength: 1`. */
const filled: SchemaNode = { type: 'string', minLength: 1 };
/**
 * A date of markAsCanceled/markAsShipped/markAsDelivered: the yaml only says `type: string, minLength: 1`.
 * INFERRED: it must be a date-time with an offset too; the value lands in the order's `cancelDate` /
 * `tracking` (ApiTracking declares `format: date-time`) and every example carries an offset.
 */
const filledDateTime: SchemaNode = { type: 'string', minLength: 1, format: 'date-time' };

function object(properties: Record<string, SchemaNode>, required?: readonly string[]): ObjectSchema {
  return { type: 'object', properties, ...(required ? { required } : {}) };
}

/** remote_pt.yaml ApiBillingAddress. */
const apiBillingAddress = object({
  city: text,
  state: text,
  stateNameNormalized: text,
  country: text,
  countryAcronymNormalized: text,
  countryNameNormalized: text,
  number: text,
  neighborhood: text,
  street: text,
  comment: text,
  reference: text,
  zipCode: text,
});

/** remote_pt.yaml ApiShipping: ApiBillingAddress's fields plus these three. */
const apiShipping = object({ ...apiBillingAddress.properties, address: text, promisedShippingTime: dateTime, receiverName: text });

/** remote_pt.yaml ApiBuyer (its odd `Long` property included). */
const apiBuyer = object({
  Long: count,
  marketPlaceId: text,
  name: text,
  email: text,
  document: text,
  documentType: { type: 'string', enum: ['CPF', 'CNPJ'] },
  phone: text,
  cellPhone: text,
  documentNumberNormalized: text,
});

/** remote_pt.yaml ApiPayment. */
const apiPayment = object({
  method: text,
  status: text,
  value: amount,
  installments: count,
  marketplaceId: text,
  paymentMethodNormalized: text,
  paymentDetailNormalized: text,
  dueDate: dateTime,
});

/** remote_pt.yaml ApiAnymarketOrderAddress. */
const apiAnymarketOrderAddress = object({
  country: text,
  state: text,
  city: text,
  zipCode: text,
  neighborhood: text,
  address: text,
  street: text,
  number: text,
  comment: text,
  receiverName: text,
  promisedShippingTime: dateTime,
});

/** remote_pt.yaml ApiTracking. */
const apiTracking = object({
  url: text,
  number: text,
  carrier: text,
  carrierDocument: text,
  date: dateTime,
  estimateDate: dateTime,
  shippedDate: dateTime,
  deliveredDate: dateTime,
});

/** remote_pt.yaml ApiOrderItemShipping. */
const apiOrderItemShipping = object({ id: count, shippingtype: text, shippingCarrierNormalized: text, shippingCarrierTypeNormalized: text });

/** marketplace_pt.yaml OrderItem. */
const orderItem = object({
  partnerId: text,
  sku: object({ partnerId: text }),
  amount,
  unit: amount,
  gross: amount,
  total: amount,
  discount: amount,
  shippings: { type: 'array', items: apiOrderItemShipping },
});

export const ORDER_STATUS_ENUM = ['PENDING', 'PAID', 'INVOICED', 'SHIPPED', 'DELIVERED', 'CANCELED'] as const;

/** marketplace_pt.yaml OrderPut. */
const orderPut = object({
  marketPlaceUrl: text,
  marketPlaceStatus: text,
  marketPlaceStatusComplement: text,
  shipping: apiShipping,
  billingAddress: apiBillingAddress,
  buyer: apiBuyer,
  payments: { type: 'array', items: apiPayment },
  observation: text,
  anymarketAddress: apiAnymarketOrderAddress,
  tracking: apiTracking,
  items: { type: 'array', items: orderItem },
  documentIntermediator: text,
  intermediateRegistrationId: text,
  documentPaymentInstitution: text,
  subChannel: text,
  subChannelNormalized: text,
});

/**
 * marketplace_pt.yaml OrderPost = allOf(its own properties, OrderPut); both parts declare `items`,
 * `subChannel` and `subChannelNormalized` the same way. The yaml requires nothing. INFERRED: marketPlaceId
 * is required and not empty (it is the key of every markAs* path; the simulator always refused an order
 * without it).
 */
export const ORDER_POST = object(
  {
    ...orderPut.properties,
    marketPlaceId: filled,
    marketPlaceNumber: text,
    createdAt: dateTime,
    discount: amount,
    freight: amount,
    productNet: amount,
    total: amount,
    interestValue: amount,
    idAccount: count,
    accountName: text,
    status: { type: 'string', enum: ORDER_STATUS_ENUM },
  },
  ['marketPlaceId'],
);

/** marketplace_pt.yaml CanceledStatusDTO: the body of markAsPaid and markAsInvoiced (nothing required). */
export const CANCELED_STATUS_DTO = object({ date: dateTime });

/** marketplace_pt.yaml markAsCanceled. */
export const MARK_AS_CANCELED = object({ date: filledDateTime }, ['date']);

/** marketplace_pt.yaml markAsShipped. */
export const MARK_AS_SHIPPED = object(
  {
    status: { type: 'string', minLength: 1, enum: ['SHIPPED'] },
    url: filled,
    number: filled,
    carrier: filled,
    estimateDate: filledDateTime,
    shippedDate: filledDateTime,
  },
  ['shippedDate'],
);

/** marketplace_pt.yaml markAsDelivered. */
export const MARK_AS_DELIVERED = object({ deliveredDate: filledDateTime }, ['deliveredDate']);

/**
 * marketplace_pt.yaml OrderStatusUpdate (the transmissionStatus body). INFERRED: marketPlaceStatus may
 * not be empty (the yaml only requires it; a blank status tells the seller nothing).
 */
export const ORDER_STATUS_UPDATE = object({ success: { type: 'boolean' }, errorMessage: text, marketPlaceStatus: filled }, ['success', 'marketPlaceStatus']);

/** Query of `POST /orders`. */
export const ORDER_POST_QUERY: Record<string, SchemaNode> = { orderNewPattern: { type: 'boolean' } };

/**
 * Query of `GET /orders` (components/parameters limit, offset, sort and the inline status/createdAfter).
 * The yaml's minima are odd (limit ≥ 5, offset ≥ 1) but they are what it says, so they are checked.
 */
export const LIST_ORDERS_QUERY: Record<string, SchemaNode> = {
  limit: { type: 'integer', minimum: 5 },
  offset: { type: 'integer', minimum: 1 },
  sort: text,
  status: { type: 'string', enum: ORDER_STATUS_ENUM },
  createdAfter: dateTime,
};
