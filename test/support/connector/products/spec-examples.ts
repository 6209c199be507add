import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SkuMarketplace } from '#anymarket';

type Examples = Record<string, Record<string, { request?: Record<string, unknown>; responses?: Record<string, unknown> }>>;

const openapi = JSON.parse(readFileSync(resolve(process.cwd(), '../shared/anymarket/examples-from-openapi.json'), 'utf8')) as Examples;
const marketplaceApi = openapi['MARKETPLACE API (middleware -> ANYMARKET, /marketplace/api)'];
const remotes = openapi['REMOTE (ANYMARKET -> middleware)'];

/** A fresh copy of a published example, so tests may change it. */
const copy = <T>(value: unknown): T => structuredClone(value) as T;

/** ANYMARKET's `GET /skumarketplace/{id}` examples (marketplace_pt.yaml), verbatim. */
export const simpleTransmission = () => copy<SkuMarketplace>(marketplaceApi['GET /skumarketplace/{id}'].responses!['200 application/json :: Produto Simples']);
export const variationTransmission = () =>
  copy<SkuMarketplace>(marketplaceApi['GET /skumarketplace/{id}'].responses!['200 application/json :: Produto com Variação']);

/** The remote examples of remote_pt.yaml (canSave, canActive, sendProduct), verbatim. */
export function remoteExample(operation: string, name?: string): Record<string, unknown> {
  const requests = remotes[operation].request!;
  const key = name ? Object.keys(requests).find((candidate) => candidate.includes(name))! : Object.keys(requests)[0];
  return copy(requests[key]);
}

/** The sendProduct body ANYMARKET sends for a new publication of `transmission` on account `idAccount`. */
export function newPublicationNotice(transmission: SkuMarketplace, idAccount: number): Record<string, unknown> {
  return {
    idSkuMarketplace: transmission.id,
    idSkuMarketplaceMain: transmission.id,
    status: 'UNPUBLISHED',
    onlySync: false,
    idSku: transmission.sku.id,
    availableAmount: transmission.stock?.availableAmount ?? 0,
    idAccount,
    idProduct: transmission.sku.product.id,
    skuInMarketplace: transmission.skuInMarketplace,
    onlySyncPrice: false,
    onlySyncStock: false,
    onlySyncStatus: false,
  };
}
