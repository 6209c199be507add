import { deleteAdvert, setAdvertPublished, upsertAdvert, vetAdverts, type VettingDecision } from '../../domain/adverts.js';
import { createOrder, createShipment, updateOrder } from '../../domain/orders.js';
import {
  acceptRefundLine,
  createRefundRequest,
  denyRefundLine,
  denyRefundRequest,
  refundRefundRequest,
  returnRefundLine,
  returnRefundRequest,
  revertRefundDenial,
} from '../../domain/refunds.js';
import { releaseRemittances, updateRemittanceAdvice } from '../../domain/remittances.js';
import { createSeller, updateSeller } from '../../domain/sellers.js';
import { upsertOptionType, upsertOptionValue, upsertPrototype, upsertTaxon } from '../../domain/taxonomy.js';
import { createWebhook, updateWebhook } from '../../domain/webhooks.js';
import type { MarketplacerState } from '../../state/marketplacer-state.js';
import { byIdConnection, type PageArgs } from '../connection.js';
import type { Ctx } from './common.js';

type Input = { clientMutationId?: string | null };

/** Each mutation hands its input (already checked against the contract schema) to a domain function and echoes `clientMutationId`. */
function mutation<I>(run: (state: MarketplacerState, input: I) => object) {
  return (_: unknown, args: { input: I & Input }, { state }: Ctx) => ({ ...run(state, args.input), clientMutationId: args.input.clientMutationId ?? null });
}

/** A vetting mutation: its payload's `adverts(first, after, …)` is a connection over the adverts it changed. */
function vetting(decision: VettingDecision) {
  return mutation((state, input: { advertIds: string[]; vettingRejectedReason?: string | null }) => {
    const { adverts, ...outcome } = vetAdverts(state, input, decision);
    return { ...outcome, adverts: adverts && ((args: PageArgs) => byIdConnection(adverts, args)) };
  });
}

export const mutationResolvers = {
  advertUpsert: mutation(upsertAdvert),
  advertPublishedUpdate: mutation(setAdvertPublished),
  advertDelete: mutation(deleteAdvert),
  advertVettingApprove: vetting('approve'),
  advertVettingReject: vetting('reject'),
  advertVettingResubmit: vetting('resubmit'),
  orderCreate: mutation(createOrder),
  orderUpdate: mutation(updateOrder),
  shipmentCreate: mutation(createShipment),
  refundRequestCreate: mutation(createRefundRequest),
  refundRequestReturn: mutation(returnRefundRequest),
  refundRequestRefund: mutation(refundRefundRequest),
  refundRequestDeny: mutation(denyRefundRequest),
  refundRequestRevertDenial: mutation(revertRefundDenial),
  refundRequestLineItemAccept: mutation(acceptRefundLine),
  refundRequestLineItemReturn: mutation(returnRefundLine),
  refundRequestLineItemDeny: mutation(denyRefundLine),
  sellerCreate: mutation(createSeller),
  sellerUpdate: mutation(updateSeller),
  remittancesRelease: mutation(releaseRemittances),
  remittanceAdviceUpdate: mutation(updateRemittanceAdvice),
  taxonCreateOrUpdate: mutation(upsertTaxon),
  prototypeCreateOrUpdate: mutation(upsertPrototype),
  optionTypeCreateOrUpdate: mutation(upsertOptionType),
  optionValueCreateOrUpdate: mutation(upsertOptionValue),
  webhookCreate: mutation(createWebhook),
  webhookUpdate: mutation(updateWebhook),
};
