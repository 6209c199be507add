import type { PublicationStatus, TransmissionStatus } from './statuses.js';

/**
 * A transmission (ANYMARKET's "SkuMarketplace": one SKU published on one marketplace account), as
 * `GET /skumarketplace/{id}` returns it (schemas SkuMarketplace/getSkuMarketplace of marketplace_pt.yaml;
 * full examples in examples-from-openapi.json). Optional where the examples omit the field.
 */
export interface SkuMarketplace {
  /** Transmission id (`idSkuMarketplace` of sendProduct). */
  id: number;
  catalog?: boolean;
  isCatalog?: boolean;
  status: PublicationStatus;
  /** Free text shown to the seller. */
  marketplaceStatus?: string;
  transmissionStatus?: TransmissionStatus;
  errorMsg?: string;
  skuMarketPlaceMessage?: SkuMarketPlaceMessage;
  /** Listing settings chosen per marketplace; values are strings ("true", "1.00"). */
  fields?: SkuMarketplaceFields;
  title: string;
  ean?: string;
  /** SKU after the account's regex: the id the marketplace shows and orders reference. */
  skuInMarketplace: string;
  priceFactor: number;
  /** "De" price. */
  price: number;
  /** "Por" price. */
  discountPrice: number;
  idAccount: number;
  accountName?: string;
  marketPlace?: string;
  idInMarketplace?: string;
  idInSite?: string;
  permalink?: string;
  endDate?: string;
  stock?: SkuMarketplaceStock;
  /** Mapped marketplace attributes: attribute code → value code or text. */
  attributes?: Record<string, string>;
  sku: Sku;
  mainSkuMarketplace?: number;
}

export interface SkuMarketPlaceMessage {
  message?: string;
  key?: string;
  parameters?: Record<string, string>;
}

export interface SkuMarketplaceFields {
  template?: string;
  is_main_sku?: string;
  DISCOUNT_VALUE?: string;
  DISCOUNT_TYPE?: string;
  HAS_DISCOUNT?: string;
  priceFactor?: string;
  title?: string;
  EAN?: string;
  [field: string]: string | undefined;
}

export interface SkuMarketplaceStock {
  amount: number;
  availableAmount: number;
  cost?: number;
  totalReservation?: number;
  physicalAmount?: number;
  reservedPending?: number;
  reservedPaid?: number;
  totalInInvoicedStatus?: number;
  stockLocal?: string;
  /** Crossdocking days (0..999). */
  additionalTime?: number;
}

export interface Sku {
  id: number;
  /** SKU in ANYMARKET, before the account's regex. */
  partnerId: string;
  amount: number | null;
  ean?: string;
  /** For variation products ANYMARKET appends the variation to the title. */
  title: string;
  price: number;
  sellPrice: number;
  additionalTime?: number;
  variations?: SkuVariation[];
  product: Product;
}

export interface SkuVariation {
  id: number;
  idInMarketplace?: string;
  description: string;
  type: SkuVariationType;
  partnerId?: string;
}

export interface SkuVariationType {
  id: number;
  idInMarketplace?: string;
  name: string;
  partnerId?: string | null;
  visualVariation?: boolean;
}

export interface Product {
  id: number;
  title: string;
  /** HTML. */
  description: string;
  model?: string;
  nbm?: { id: string; description: string };
  videoUrl?: string;
  definitionPriceScope?: 'COST' | 'SKU_MARKETPLACE' | 'SKU';
  characteristics?: Array<{ index: number; name: string; value: string }>;
  origin?: { id: number; name: string };
  category?: { id: number; idInMarketplace?: string; name: string; path?: string };
  height?: number;
  length?: number;
  width?: number;
  weight?: number;
  images?: ProductImage[];
  brand?: { id: number; idInMarketplace?: string; name: string; partnerId?: string };
  /** Days. */
  warrantyTime?: number;
  warrantyText?: string;
  priceFactor?: number;
  calculatedPrice?: boolean;
  hasVariations?: boolean;
  gender?: 'MALE' | 'FEMALE' | 'UNISSEX' | 'BOY' | 'GIRL';
  allowAutomaticSkuMarketplaceCreation?: boolean;
}

export interface ProductImage {
  id: number;
  index: number;
  /** The variation value this image shows (e.g. "Azul"). */
  variation?: string;
  thumbnailUrl?: string;
  standardUrl?: string;
  lowResolutionUrl?: string;
  originalImage?: string;
  url: string;
  statusMessage?: string;
  status?: 'UNPROCESSED' | 'PROCESSED' | 'ERROR';
  main?: boolean;
  /** Strings in the schema, numbers in the examples. */
  standardWidth?: string | number;
  standardHeight?: string | number;
  originalWidth?: string | number;
  originalHeight?: string | number;
}

/** `GET /skumarketplace/{id}/priceStock`: the light read when only price, stock or status may change. */
export interface SkuMarketplacePriceStock {
  id: number;
  skuInMarketplace: string;
  idInMarketplace?: string;
  price: number;
  discountPrice: number;
  availableAmount: number;
}

/**
 * `PUT /skumarketplace/{id}` (schema putskuMarketplace, plus the optional SkuMarketPlacePut fields):
 * the listing's result in the marketplace; `transmissionStatus: OK` clears "syncing", `ERROR` with
 * `errorMsg` criticises it.
 */
export interface SkuMarketplaceUpdate {
  idInMarketplace: string;
  idInSite: string;
  skuInMarketplace: string;
  marketplaceStatus: string;
  /** Required by the contract; left out only when the connector does not know it (never 0). */
  idSku?: number;
  transmissionStatus: TransmissionStatus;
  errorMsg: string;
  status: PublicationStatus;
  skuMarketPlaceMessage?: SkuMarketPlaceMessage;
  fields?: SkuMarketplaceFields;
  isCatalog?: boolean;
  permalink?: string;
  endDate?: string;
}
