import { Injectable } from '@nestjs/common';
import { MarketplacerClient } from '../client/marketplacer-client.js';
import {
  RemittanceAdviceByIdDocument,
  RemittanceAdvicesDocument,
  type RemittanceAdviceFieldsFragment,
  RemittanceAdviceUpdateDocument,
  type RemittanceFieldsFragment,
  RemittancesDocument,
  RemittancesReleaseDocument,
} from '../contract/generated/graphql.js';
import { checkMutationPayload, requirePayloadObject } from '../errors/mutation-payload.js';
import { pageOf, pageSize } from '../pagination/paginate.js';
import type { PageOf, PageRequest } from '../ports/paging.js';
import {
  type MarketplacerRemittance,
  type MarketplacerRemittanceAdvice,
  MarketplacerRemittances,
  type RemittanceAdviceUpdate,
} from '../ports/marketplacer-remittances.port.js';
import { centsFromFormatted } from './formatted-money.js';
import { globalIdOf, wholeNumber } from './fulfilment-input.js';

/**
 * The Remittances port on the shared Apollo client. Both mutations set a state (released; paid with
 * these values), so repeating one after a lost answer changes nothing more: they retry like queries.
 */
@Injectable()
export class ApolloMarketplacerRemittances extends MarketplacerRemittances {
  constructor(private readonly client: MarketplacerClient) {
    super();
  }

  async listRemittances(page: PageRequest): Promise<PageOf<MarketplacerRemittance>> {
    const { remittances } = await this.client.query(RemittancesDocument, { first: pageSize(page.first), after: page.after });
    return pageOf('remittances', remittances, toRemittance);
  }

  async listRemittanceAdvices(page: PageRequest): Promise<PageOf<MarketplacerRemittanceAdvice>> {
    const { remittanceAdvices } = await this.client.query(RemittanceAdvicesDocument, { first: pageSize(page.first), after: page.after });
    return pageOf('remittanceAdvices', remittanceAdvices, toRemittanceAdvice);
  }

  async findRemittanceAdvice(id: string): Promise<MarketplacerRemittanceAdvice | null> {
    const { node } = await this.client.query(RemittanceAdviceByIdDocument, { id });
    return node?.__typename === 'RemittanceAdvice' ? toRemittanceAdvice(node) : null;
  }

  async releaseRemittances(remittanceIds: string[]): Promise<MarketplacerRemittance[]> {
    if (remittanceIds.length === 0) return [];
    const input = { remittanceIds: remittanceIds.map((id, index) => globalIdOf('Remittance', id, `remittanceIds[${index}]`)) };
    const { remittancesRelease } = await this.client.mutate(RemittancesReleaseDocument, { input });
    const payload = checkMutationPayload('remittancesRelease', remittancesRelease, ['remittanceIds']);
    return requirePayloadObject('remittancesRelease', 'remittances', payload.remittances).map(toRemittance);
  }

  async updateRemittanceAdvice(update: RemittanceAdviceUpdate): Promise<MarketplacerRemittanceAdvice> {
    const input = {
      remittanceAdviceId: globalIdOf('RemittanceAdvice', update.remittanceAdviceId, 'remittanceAdviceId'),
      totalPaidCents: wholeNumber(update.totalPaidCents, 'totalPaidCents'),
      paidAt: update.paidAt,
      paymentReference: update.paymentReference,
    };
    const { remittanceAdviceUpdate } = await this.client.mutate(RemittanceAdviceUpdateDocument, { input });
    const payload = checkMutationPayload('remittanceAdviceUpdate', remittanceAdviceUpdate, ['remittanceAdviceId']);
    return toRemittanceAdvice(requirePayloadObject('remittanceAdviceUpdate', 'remittanceAdvice', payload.remittanceAdvice));
  }
}

export function toRemittance(remittance: RemittanceFieldsFragment): MarketplacerRemittance {
  return {
    id: remittance.id,
    amountCents: centsFromFormatted(remittance.amountFormatted, 'amountFormatted'),
    commissionCents: optionalCents(remittance.commissionAmountFormatted, 'commissionAmountFormatted'),
    createdAt: remittance.createdAt,
    released: remittance.released,
    pendingReasons: [...remittance.pendingReasons],
    invoice: remittance.invoice && { id: remittance.invoice.id, legacyId: remittance.invoice.legacyId },
    seller: { id: remittance.seller.id, legacyId: remittance.seller.legacyId, businessName: remittance.seller.businessName },
  };
}

export function toRemittanceAdvice(advice: RemittanceAdviceFieldsFragment): MarketplacerRemittanceAdvice {
  return {
    id: advice.id,
    legacyId: advice.legacyId,
    createdAt: advice.createdAt,
    paidAt: advice.paidAt,
    paymentReference: advice.paymentReference,
    // The string (RemittanceAdvice.totalFormatted: String!, 2023 schema); `totalCents` is a deprecated Int that can overflow.
    totalCents: centsFromFormatted(advice.totalFormatted, 'totalFormatted'),
    totalPaidCents: optionalCents(advice.totalPaidFormatted, 'totalPaidFormatted'),
    commissionCents: optionalCents(advice.commissionAmountTotalFormatted, 'commissionAmountTotalFormatted'),
    seller: { id: advice.seller.id, legacyId: advice.seller.legacyId, businessName: advice.seller.businessName },
    remittances: advice.remittances.map((remittance) => ({
      id: remittance.id,
      amountCents: centsFromFormatted(remittance.amountFormatted, 'remittances.amountFormatted'),
      released: remittance.released,
    })),
  };
}

function optionalCents(formatted: string | null, field: string): number | null {
  return formatted == null ? null : centsFromFormatted(formatted, field);
}
