/**
 * The simulated Marketplacer's state, as plain records. Ids are the numeric database ids (`legacyId`);
 * global ids are derived (`base64("<Type>-<legacyId>")`). Times are epoch milliseconds. Money is in
 * integer cents. Records are kept small because a catalogue may hold 100,000 adverts: seeded adverts
 * share their option arrays and derive their images.
 */

export interface KeyValue {
  readonly key: string;
  readonly value: string | null;
}

export interface AddressRecord {
  id: number;
  address: string;
  subaddress: string | null;
  city: string;
  postcode: string;
  stateShort: string;
  stateName: string;
  countryCode: string;
  countryName: string;
}

export interface UserRecord {
  id: number;
  firstName: string;
  surname: string;
  emailAddress: string;
}

export type SellerAccountType = 'RETAILER' | 'PROSPECTIVE';

export interface SellerRecord {
  readonly kind: 'Seller';
  readonly legacyId: number;
  businessName: string;
  legalBusinessName: string;
  businessNumber: string;
  accountType: SellerAccountType;
  online: boolean;
  advertVettingRequired: boolean;
  emailAddress: string;
  phone: string;
  storeDescription: string | null;
  address: AddressRecord;
  primaryUser: UserRecord;
  externalIds: KeyValue[];
  metadata: KeyValue[];
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export interface BrandRecord {
  readonly kind: 'Brand';
  readonly legacyId: number;
  name: string;
  slug: string;
}

export interface TaxonRecord {
  readonly kind: 'Taxon';
  readonly legacyId: number;
  displayName: string;
  title: string;
  parentId: number | null;
  prototypeId: number;
  externalIds: KeyValue[];
  updatedAt: number;
}

export interface PrototypeRecord {
  readonly kind: 'Prototype';
  readonly legacyId: number;
  name: string;
  optionTypeIds: number[];
  externalIds: KeyValue[];
}

export type OptionTypeAppliedTo = 'ADVERT' | 'VARIANT';
export type OptionTypeFieldType = 'SINGLE_SELECT' | 'MULTI_SELECT' | 'FREE_TEXT' | 'INTEGER' | 'DECIMAL';

export interface OptionTypeRecord {
  readonly kind: 'OptionType';
  readonly legacyId: number;
  name: string;
  displayName: string;
  position: number;
  appliedTo: OptionTypeAppliedTo;
  fieldType: OptionTypeFieldType;
  optional: boolean;
  optionValueIds: number[];
  externalIds: KeyValue[];
}

export interface OptionValueRecord {
  readonly kind: 'OptionValue';
  readonly legacyId: number;
  optionTypeId: number;
  name: string;
  displayName: string;
  position: number;
  externalIds: KeyValue[];
}

/** A chosen option value (select) or a free-text value of an option type; shared between records. */
export interface OptionSelection {
  readonly optionTypeId: number;
  readonly optionValueId: number | null;
  readonly textValue: string | null;
}

export interface ImageRecord {
  readonly id: number;
  readonly url: string;
  readonly position: number;
}

export type VettingState = 'APPROVED' | 'PENDING' | 'REJECTED';

export interface AdvertRecord {
  readonly kind: 'Advert';
  readonly legacyId: number;
  sellerId: number;
  brandId: number | null;
  taxonId: number | null;
  title: string;
  description: string | null;
  code: string | null;
  externalId: string | null;
  externalIds: readonly KeyValue[];
  /** Undefined = the seeded default (one derived image). */
  images: readonly ImageRecord[] | undefined;
  advertOptions: readonly OptionSelection[];
  variants: VariantRecord[];
  published: boolean;
  vetting: VettingState;
  requiresVettingAt: number | null;
  vettingRejectedAt: number | null;
  vettingRejectedReason: string | null;
  deletedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface VariantRecord {
  readonly kind: 'Variant';
  readonly legacyId: number;
  advert: AdvertRecord;
  sku: string | null;
  barcode: string | null;
  countOnHand: number;
  infiniteQuantity: boolean;
  priceCents: number;
  salePriceCents: number | null;
  published: boolean;
  options: readonly OptionSelection[];
  externalId: string | null;
  externalIds: readonly KeyValue[];
  createdAt: number;
  updatedAt: number;
}

export type OrderStatus = 'COMPLETE' | 'PAYMENT_FAILED' | 'PAYMENT_IN_PROGRESS';

export interface OrderRecord {
  readonly kind: 'Order';
  readonly legacyId: number;
  status: OrderStatus;
  firstName: string | null;
  surname: string | null;
  emailAddress: string | null;
  phone: string | null;
  companyName: string | null;
  address: AddressRecord | null;
  billingAddress: AddressRecord | null;
  externalIds: KeyValue[];
  paymentGatewayDetails: Record<string, unknown>;
  invoiceIds: number[];
  createdAt: number;
  updatedAt: number;
}

export interface InvoiceRecord {
  readonly kind: 'Invoice';
  readonly legacyId: number;
  orderId: number;
  sellerId: number;
  lineItemIds: number[];
  shipmentIds: number[];
  refundRequestIds: number[];
  externalIds: KeyValue[];
  postageCents: number;
  commissionRate: number;
  paidAt: number | null;
  cancelledAt: number | null;
  /**
   * When the buyer collected the goods / the delivery was confirmed (control API `invoices/:id/collected`);
   * absent or null = not yet. Optional so seeded invoices need not spell it out.
   */
  collectedAt?: number | null;
  remittedAt: number | null;
  buyerMessageToSeller: string | null;
  createdAt: number;
  updatedAt: number;
}

export type LineItemStatus = 'NEW' | 'ALLOCATED' | 'REFUNDED' | 'CANCELLED';

export interface LineItemRecord {
  readonly kind: 'LineItem';
  readonly legacyId: number;
  invoiceId: number;
  variantId: number;
  quantity: number;
  /** Whole cents per unit; the line total is unitCents x quantity (Marketplacer rounds the unit up). */
  unitCents: number;
  taxCents: number | null;
  postageCents: number;
  refundedQuantity: number;
  status: LineItemStatus;
  /** Copied at invoice creation, like Marketplacer does. */
  variantSku: string | null;
  variantBarcode: string | null;
  variantName: string;
  advertId: number;
  advertTitle: string;
  brandName: string | null;
  externalIds: KeyValue[];
}

export interface ShipmentRecord {
  readonly kind: 'Shipment';
  readonly legacyId: number;
  invoiceId: number;
  carrierId: number;
  trackingNumber: string;
  note: string | null;
  dispatchedAt: number;
  items: { id: number; lineItemId: number; quantity: number }[];
  createdAt: number;
  updatedAt: number;
}

export interface ShipmentCarrierRecord {
  readonly kind: 'ShipmentCarrier';
  readonly legacyId: number;
  name: string;
  trackingUrl: string;
}

export type RefundRequestStatus = 'AWAITING' | 'RETURNED' | 'REFUND_ACCEPTED' | 'REFUND_DENIED' | 'REFUNDED' | 'DENIED' | 'PROCESSED';
export type RefundLineStatus = 'PENDING_APPROVAL' | 'AWAITING_RETURN' | 'REFUND_ACCEPTED' | 'REFUND_DENIED' | 'REFUNDED';

export interface RefundRequestRecord {
  readonly kind: 'RefundRequest';
  readonly legacyId: number;
  invoiceId: number;
  status: RefundRequestStatus;
  lineIds: number[];
  notes: RefundNoteRecord[];
  /** From refundRequestCreate, so a client whose answer was lost finds the request (Query.externalIds). */
  externalIds: KeyValue[];
  cashAmountCents: number | null;
  refundedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface RefundRequestLineRecord {
  readonly kind: 'RefundRequestLineItem';
  readonly legacyId: number;
  refundRequestId: number;
  lineItemId: number | null;
  custom: string | null;
  reason: string | null;
  quantity: number;
  amountPerItemCents: number;
  dispatched: boolean;
  status: RefundLineStatus;
}

export interface RefundNoteRecord {
  readonly id: number;
  note: string | null;
  newStatus: string;
  lineId: number | null;
  timestamp: number;
}

export interface RemittanceRecord {
  readonly kind: 'Remittance';
  readonly legacyId: number;
  sellerId: number;
  invoiceId: number;
  amountCents: number;
  commissionCents: number;
  released: boolean;
  pendingReasons: string[];
  adviceId: number | null;
  createdAt: number;
}

export interface RemittanceAdviceRecord {
  readonly kind: 'RemittanceAdvice';
  readonly legacyId: number;
  sellerId: number;
  remittanceIds: number[];
  totalPaidCents: number | null;
  paidAt: number | null;
  paymentReference: string | null;
  attachments: ImageRecord[];
  createdAt: number;
  updatedAt: number;
}

export type NodeRecord =
  | SellerRecord
  | BrandRecord
  | TaxonRecord
  | PrototypeRecord
  | OptionTypeRecord
  | OptionValueRecord
  | AdvertRecord
  | VariantRecord
  | OrderRecord
  | InvoiceRecord
  | LineItemRecord
  | ShipmentRecord
  | ShipmentCarrierRecord
  | RefundRequestRecord
  | RefundRequestLineRecord
  | RemittanceRecord
  | RemittanceAdviceRecord;

export type NodeKind = NodeRecord['kind'];
