import { globalId } from '../../state/global-id.js';
import { formatMoney } from '../../state/money.js';
import type {
  RefundNoteRecord,
  RefundRequestLineRecord,
  RefundRequestRecord,
  RemittanceAdviceRecord,
  RemittanceRecord,
  SellerRecord,
} from '../../state/records.js';
import { listConnection, type PageArgs } from '../connection.js';
import { externalIdsOf, idOf, type Ctx } from './common.js';

type Currency = { currency?: string | null };

interface NoteView {
  request: RefundRequestRecord;
  note: RefundNoteRecord;
}

function adviceRemittances(advice: RemittanceAdviceRecord, { state }: Ctx): RemittanceRecord[] {
  return advice.remittanceIds.map((id) => state.remittances.get(id)!);
}

/** Sellers, refund requests, remittances. */
export const partyResolvers = {
  AllSeller: {
    __resolveType: (seller: SellerRecord) => (seller.deletedAt === null ? 'Seller' : 'DeletedSeller'),
  },
  Seller: {
    id: idOf('Seller'),
    isRetailer: (seller: SellerRecord) => seller.accountType === 'RETAILER',
    logo: () => null,
    externalIds: externalIdsOf,
    users: (seller: SellerRecord, args: PageArgs) => listConnection([seller.primaryUser], args),
  },
  DeletedSeller: { id: idOf('Seller') },
  RefundRequest: {
    id: idOf('RefundRequest'),
    invoice: (request: RefundRequestRecord, _: unknown, { state }: Ctx) => state.invoices.get(request.invoiceId),
    lineItems: (request: RefundRequestRecord, _: unknown, { state }: Ctx) => request.lineIds.map((id) => state.refundLines.get(id)!),
    notes: (request: RefundRequestRecord): NoteView[] => request.notes.map((note) => ({ request, note })),
    cashAmountFormatted: (request: RefundRequestRecord, args: Currency) =>
      request.cashAmountCents === null ? null : formatMoney(request.cashAmountCents, args.currency),
  },
  RefundRequestLineItem: {
    id: idOf('RefundRequestLineItem'),
    lineItem: (line: RefundRequestLineRecord, _: unknown, { state }: Ctx) => (line.lineItemId === null ? null : (state.lineItems.get(line.lineItemId) ?? null)),
    reason: (line: RefundRequestLineRecord) => line.reason ?? line.custom,
    amountCents: (line: RefundRequestLineRecord) => line.amountPerItemCents * line.quantity,
    amountFormatted: (line: RefundRequestLineRecord, args: Currency) => formatMoney(line.amountPerItemCents * line.quantity, args.currency),
    amountPerItemFormatted: (line: RefundRequestLineRecord, args: Currency) => formatMoney(line.amountPerItemCents, args.currency),
  },
  RefundRequestNote: {
    id: (view: NoteView) => globalId('RefundRequestNote', view.note.id),
    admin: () => null,
    attachments: () => [],
    ipAddress: () => null,
    newStatus: (view: NoteView) => view.note.newStatus,
    note: (view: NoteView) => view.note.note,
    refundRequest: (view: NoteView) => view.request,
    refundRequestLineItem: (view: NoteView, _: unknown, { state }: Ctx) =>
      view.note.lineId === null ? null : (state.refundLines.get(view.note.lineId) ?? null),
    timestamp: (view: NoteView) => view.note.timestamp,
    user: () => null,
  },
  Remittance: {
    id: idOf('Remittance'),
    amountFormatted: (remittance: RemittanceRecord, args: Currency) => formatMoney(remittance.amountCents, args.currency),
    commissionAmountCents: (remittance: RemittanceRecord) => remittance.commissionCents,
    commissionAmountFormatted: (remittance: RemittanceRecord, args: Currency) => formatMoney(remittance.commissionCents, args.currency),
    invoice: (remittance: RemittanceRecord, _: unknown, { state }: Ctx) => state.invoices.get(remittance.invoiceId) ?? null,
    invoiceAmendment: () => null,
    seller: (remittance: RemittanceRecord, _: unknown, { state }: Ctx) => state.sellers.get(remittance.sellerId),
  },
  RemittanceAdvice: {
    id: idOf('RemittanceAdvice'),
    remittanceActions: () => [],
    remittances: (advice: RemittanceAdviceRecord, _: unknown, ctx: Ctx) => adviceRemittances(advice, ctx),
    seller: (advice: RemittanceAdviceRecord, _: unknown, { state }: Ctx) => state.sellers.get(advice.sellerId),
    commissionAmountTotalCents: (advice: RemittanceAdviceRecord, _: unknown, ctx: Ctx) =>
      adviceRemittances(advice, ctx).reduce((sum, r) => sum + r.commissionCents, 0),
    commissionAmountTotalFormatted: (advice: RemittanceAdviceRecord, args: Currency, ctx: Ctx) =>
      formatMoney(
        adviceRemittances(advice, ctx).reduce((sum, r) => sum + r.commissionCents, 0),
        args.currency,
      ),
    totalCents: (advice: RemittanceAdviceRecord, _: unknown, ctx: Ctx) => adviceRemittances(advice, ctx).reduce((sum, r) => sum + r.amountCents, 0),
    totalFormatted: (advice: RemittanceAdviceRecord, args: Currency, ctx: Ctx) =>
      formatMoney(
        adviceRemittances(advice, ctx).reduce((sum, r) => sum + r.amountCents, 0),
        args.currency,
      ),
    totalPaidFormatted: (advice: RemittanceAdviceRecord, args: Currency) =>
      advice.totalPaidCents === null ? null : formatMoney(advice.totalPaidCents, args.currency),
  },
};
