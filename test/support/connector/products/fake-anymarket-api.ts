import {
  AnymarketError,
  AnymarketMarketplaceApi,
  type AnymarketAccountContext,
  type SkuMarketplace,
  type SkuMarketplacePriceStock,
  type SkuMarketplaceUpdate,
} from '#anymarket';

export interface RecordedPut {
  id: number;
  token: string;
  update: SkuMarketplaceUpdate;
}

/** In-memory ANYMARKET marketplace API for listings: transmissions to read, and every PUT received. */
export class FakeAnymarketApi extends AnymarketMarketplaceApi {
  readonly transmissions = new Map<number, SkuMarketplace>();
  readonly puts: RecordedPut[] = [];
  readonly reads: Array<{ id: number; kind: 'full' | 'priceStock' }> = [];
  /** PUTs for these transmission ids fail (with the error) while listed. */
  readonly failingPuts = new Map<number, Error>();

  put(transmission: SkuMarketplace): SkuMarketplace {
    this.transmissions.set(transmission.id, structuredClone(transmission));
    return transmission;
  }

  putsFor(id: number): SkuMarketplaceUpdate[] {
    return this.puts.filter((put) => put.id === id).map((put) => put.update);
  }

  lastPut(id: number): SkuMarketplaceUpdate | undefined {
    return this.putsFor(id).at(-1);
  }

  reset(): void {
    this.transmissions.clear();
    this.puts.length = 0;
    this.reads.length = 0;
    this.failingPuts.clear();
  }

  async getSkuMarketplace(_account: AnymarketAccountContext, id: number): Promise<SkuMarketplace> {
    this.reads.push({ id, kind: 'full' });
    return structuredClone(this.find(id, 'getSkuMarketplace'));
  }

  async getSkuMarketplacePriceStock(_account: AnymarketAccountContext, id: number): Promise<SkuMarketplacePriceStock> {
    this.reads.push({ id, kind: 'priceStock' });
    const t = this.find(id, 'getSkuMarketplacePriceStock');
    return {
      id: t.id,
      skuInMarketplace: t.skuInMarketplace,
      idInMarketplace: t.idInMarketplace,
      price: t.price,
      discountPrice: t.discountPrice,
      availableAmount: t.stock?.availableAmount ?? 0,
    };
  }

  async updateSkuMarketplace(account: AnymarketAccountContext, id: number, update: SkuMarketplaceUpdate): Promise<SkuMarketplace> {
    const failure = this.failingPuts.get(id);
    if (failure) throw failure;
    const transmission = this.find(id, 'updateSkuMarketplace');
    this.puts.push({ id, token: account.token, update: structuredClone(update) });
    const updated = { ...transmission, ...update };
    this.transmissions.set(id, updated);
    return structuredClone(updated);
  }

  private find(id: number, operation: string): SkuMarketplace {
    const transmission = this.transmissions.get(id);
    if (!transmission) throw new AnymarketError('ANYMARKET_NOT_FOUND', `Recurso com o id '${id}' não encontrado`, { operation, status: 404 });
    return transmission;
  }

  getConfigurations = notUsed;
  getConfiguration = notUsed;
  createOrder = notUsed;
  getOrder = notUsed;
  listOrders = notUsed;
  markAsPaid = notUsed;
  markAsCanceled = notUsed;
  markAsInvoiced = notUsed;
  markAsShipped = notUsed;
  markAsDelivered = notUsed;
  updateOrderTransmissionStatus = notUsed;
  quoteFreight = notUsed;
}

function notUsed(): never {
  throw new Error('FakeAnymarketApi: not used by listings');
}
