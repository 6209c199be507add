/** What the CLI lets a person fill into the spec's example bodies. */
export interface RemoteExampleOptions {
  /** The marketplace-defined activation fields (the connector's default names). */
  storeId?: string;
  password?: string;
  /** ANYMARKET's account id (saveAccount's `id`, later `idAccount`). */
  accountId?: number;
  /** The seller's ANYMARKET token, sent in saveAccount's `user.token`. */
  sellerToken?: string;
  /** The transmission (`idSkuMarketplace`) of sendProduct / deletePublication. */
  transmissionId?: number;
  /** What ANYMARKET wants for it: UNPUBLISHED (new), ACTIVE, PAUSED, CLOSED… */
  status?: string;
  /** updateOrderStatusInMarketPlace: the order's id in the marketplace (the Marketplacer invoice number). */
  idInMarketplace?: string;
  /** updateOrderStatusInMarketPlace: ANYMARKET's order id. */
  anymarketOrderId?: number;
}

export interface RemoteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Below the connector's base URL, as ANYMARKET calls `{{URL_MIDDLEWARE}}/<remote>`. */
  path: string;
  exampleBody?: (options: RemoteExampleOptions) => unknown;
}

const STORE_ID = '123456';
const PASSWORD = '!@Teste';

/**
 * testIntegration as ativacaoModulo.md shows it (ANYMARKET-NOTES §3.1): first activation (`id: null`,
 * `user: null`), the custom fields as flat keys. The doc prints the date as the literal
 * "dd-MM-yyyy"; a real date in that format stands in for it.
 */
function testIntegrationExample(options: RemoteExampleOptions): Record<string, unknown> {
  return {
    id: options.accountId ?? null,
    active: true,
    templateId: 10,
    accountName: 'accountName',
    discountType: 'PERCENT',
    useSandbox: true,
    accountDefault: true,
    priceFactor: 10.0,
    discountValue: 5.0,
    initialDateForOrderImport: '09-02-2022',
    updatePriceStockStatus: true,
    additionOfFreight: 0,
    user: null,
    storeId: options.storeId ?? STORE_ID,
    password: options.password ?? PASSWORD,
  };
}

/** saveAccount exactly as ativacaoModulo.md shows it, with the CLI's values filled in. */
function saveAccountExample(options: RemoteExampleOptions): Record<string, unknown> {
  return {
    id: options.accountId ?? 127,
    active: true,
    templateId: null,
    accountName: 'Seller_test',
    discountType: 'PERCENT',
    useSandbox: false,
    accountDefault: true,
    priceFactor: 1,
    discountValue: 0,
    updatePriceStockStatus: true,
    additionOfFreight: 0,
    user: { token: options.sellerToken ?? 'LG1620824269786R9896699', country: null },
    initialDateOrderImport: '09-02-2022',
    storeId: options.storeId ?? STORE_ID,
    password: options.password ?? PASSWORD,
  };
}

/**
 * sendProduct as remote_pt.yaml's examples show it, for the simulated ANYMARKET's transmissions
 * (the spec's simple product, 61234, by default). A new publication (UNPUBLISHED) reads everything;
 * any other status is an update that may change only price, stock and status.
 */
function publicationNotice(options: RemoteExampleOptions): Record<string, unknown> {
  const id = options.transmissionId ?? 61234;
  const status = options.status ?? 'UNPUBLISHED';
  const onlySync = status !== 'UNPUBLISHED';
  return {
    idSkuMarketplace: id,
    idSkuMarketplaceMain: id,
    status,
    onlySync: false,
    idSku: null,
    availableAmount: null,
    idAccount: options.accountId ?? 127,
    idProduct: null,
    skuInMarketplace: null,
    onlySyncPrice: onlySync,
    onlySyncStock: onlySync,
    onlySyncStatus: onlySync,
  };
}

/**
 * The remotes the caller knows: name → method, path, example body. A new remote (sendProduct,
 * deletePublication, the order remotes) is one more row; the CLI offers every row.
 */
export const REMOTES = {
  testIntegration: { method: 'POST', path: '/testIntegration', exampleBody: testIntegrationExample },
  saveAccount: { method: 'POST', path: '/saveAccount', exampleBody: saveAccountExample },
  sendProduct: { method: 'POST', path: '/sendProduct', exampleBody: publicationNotice },
  deletePublication: { method: 'DELETE', path: '/deletePublication', exampleBody: (options) => ({ ...publicationNotice(options), status: 'CLOSED' }) },
  // remote_pt.yaml's example (orderId 0, idInMarketplace "string", PAID → INVOICED) with the order and status given.
  updateOrderStatusInMarketPlace: {
    method: 'PUT',
    path: '/order/updateOrderStatusInMarketPlace',
    exampleBody: (options) => ({
      orderId: options.anymarketOrderId ?? 0,
      idInMarketplace: options.idInMarketplace ?? 'string',
      oldStatus: 'PAID',
      currentStatus: options.status ?? 'INVOICED',
    }),
  },
} satisfies Record<string, RemoteDefinition>;

export type RemoteName = keyof typeof REMOTES;

export function isRemoteName(name: string): name is RemoteName {
  return Object.hasOwn(REMOTES, name);
}
