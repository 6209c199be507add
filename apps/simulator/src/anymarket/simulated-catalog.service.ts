import { Injectable } from '@nestjs/common';
import {
  PUBLICATION_STATUSES,
  TRANSMISSION_STATUSES,
  type AnymarketConfiguration,
  type FreightQuoteRequest,
  type FreightQuoteResponse,
  type SkuMarketplace,
  type SkuMarketplacePriceStock,
  type SkuMarketplaceUpdate,
} from '#anymarket';
import { AnymarketSimulatorState } from './anymarket-simulator.state.js';
import { SimulatedAnymarketError } from './simulated-anymarket-error.js';

/** The fields `PUT /skumarketplace/{id}` may change (SkuMarketPlacePut + putskuMarketplace). */
const UPDATABLE_FIELDS = [
  'idInMarketplace',
  'idInSite',
  'skuInMarketplace',
  'marketplaceStatus',
  'transmissionStatus',
  'errorMsg',
  'status',
  'skuMarketPlaceMessage',
  'fields',
  'isCatalog',
  'permalink',
  'endDate',
] as const;

/** Account configuration, transmissions and freight quotes of the simulated marketplace API. */
@Injectable()
export class SimulatedCatalog {
  constructor(private readonly state: AnymarketSimulatorState) {}

  /** `GET /configuration`: one object, as the spec's schema shows (the docs' "todas" is unresolved). */
  configuration(seller: string): AnymarketConfiguration {
    return this.state.sellers.get(seller)!;
  }

  configurationById(seller: string, id: string): AnymarketConfiguration {
    const configuration = this.configuration(seller);
    if (String(configuration.id) !== id) throw SimulatedAnymarketError.notFound(id);
    return configuration;
  }

  transmission(id: string): SkuMarketplace {
    const transmission = this.state.transmissions.get(Number(id));
    if (!transmission || !/^\d+$/.test(id)) throw SimulatedAnymarketError.notFound(id);
    return transmission;
  }

  priceStock(id: string): SkuMarketplacePriceStock {
    const { id: transmissionId, skuInMarketplace, idInMarketplace, price, discountPrice, stock } = this.transmission(id);
    return { id: transmissionId, skuInMarketplace, idInMarketplace, price, discountPrice, availableAmount: stock?.availableAmount ?? 0 };
  }

  /** Statuses are checked against the spec's enums (422 otherwise, inferred); other fields are taken as sent. */
  update(id: string, update: Partial<SkuMarketplaceUpdate>): SkuMarketplace {
    const transmission = this.transmission(id);
    if (!PUBLICATION_STATUSES.includes(update?.status as never)) {
      throw new SimulatedAnymarketError(422, `O campo status deve ser um de ${PUBLICATION_STATUSES.join(', ')}.`);
    }
    if (!TRANSMISSION_STATUSES.includes(update.transmissionStatus as never)) {
      throw new SimulatedAnymarketError(422, `O campo transmissionStatus deve ser um de ${TRANSMISSION_STATUSES.join(', ')}.`);
    }
    const changes = Object.fromEntries(UPDATABLE_FIELDS.filter((field) => update[field] !== undefined).map((field) => [field, update[field]]));
    const updated = { ...transmission, ...changes } as SkuMarketplace;
    this.state.transmissions.set(transmission.id, updated);
    return updated;
  }

  /** Replaces or creates a transmission (control API). */
  put(id: number, transmission: Partial<SkuMarketplace>): SkuMarketplace {
    const stored = { ...transmission, id } as SkuMarketplace;
    this.state.transmissions.set(id, stored);
    return stored;
  }

  /**
   * `POST /freight`: deterministic quotes for known, published SKUs (by skuInMarketplace); any other
   * SKU makes the answer `{missingSkus}`, as ANYMARKET answers for unknown or UNPUBLISHED ones.
   */
  quoteFreight(request: FreightQuoteRequest): FreightQuoteResponse {
    if (typeof request?.zipCode !== 'string' || !Array.isArray(request.products) || request.products.length === 0) {
      throw SimulatedAnymarketError.badRequest('Os campos zipCode e products são obrigatórios.');
    }
    const bySku = new Map([...this.state.transmissions.values()].map((t) => [t.skuInMarketplace, t]));
    const found = request.products.map((product) => ({ product, transmission: bySku.get(product.skuId) }));
    const missing = found.filter(({ transmission }) => !transmission || transmission.status === 'UNPUBLISHED');
    if (missing.length) return { missingSkus: Object.fromEntries(missing.map(({ product }) => [product.skuId, product.amount])) };
    const weight = request.products.reduce((total, p) => total + (p.dimensions?.weight ?? 1) * p.amount, 0);
    const base = Math.round((8 + weight * 4 + (Number(request.zipCode.slice(0, 2)) || 0) / 10) * (1 + (request.additionalPercentual ?? 0) / 100) * 100) / 100;
    return {
      zipCode: request.zipCode,
      products: found.map(({ product, transmission }) => ({
        skuId: product.skuId,
        amount: product.amount,
        ...(product.dimensions ? { dimensions: product.dimensions } : {}),
        stockAmount: transmission!.stock?.availableAmount ?? 0,
        additionalDeliveryTime: transmission!.stock?.additionalTime ?? 0,
        price: transmission!.price,
        discountPrice: transmission!.discountPrice,
      })),
      quotes: [
        { carrierName: 'Correios', serviceName: 'Correios PAC', deliveryTime: 8, freightType: 'normal', price: base },
        { carrierName: 'Correios', serviceName: 'Correios Sedex', deliveryTime: 3, freightType: 'express', price: Math.round(base * 180) / 100 },
      ],
    };
  }
}
