/** One custom activation field as `GET /configuration` returns it (e.g. `{key: "storeId", value: "78"}`). */
export interface AnymarketConfigurationField {
  key: string;
  value: string;
}

/** `configuration` schema: an account's module settings as ANYMARKET stores them after saveAccount. */
export interface AnymarketConfiguration {
  /** The `id` of saveAccount, i.e. the `idAccount` of sendProduct and orders. */
  id: number;
  /** Organization id of the seller, verbatim (ends in a dot). */
  oi: string;
  active: boolean;
  templateId?: number | null;
  accountName: string;
  /** The marketplace's own name. */
  marketplace: string;
  discountType: 'PERCENT' | 'VALUE';
  useSandbox: boolean;
  accountDefault: boolean;
  priceFactor: number;
  discountValue: number;
  updatePriceStockStatus: boolean;
  additionOfFreight: number;
  fields: AnymarketConfigurationField[];
  initialDateOrderImport: string;
}
