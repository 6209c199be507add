import type { MarketplacerState } from '../state/marketplacer-state.js';
import type { RefundLineStatus, RefundRequestLineRecord, RefundRequestRecord, RefundRequestStatus } from '../state/records.js';
import { FieldErrors, isBlank, keyValues, lookup, ok, type KeyValueInput, type Outcome } from './payload.js';

interface NoteInput {
  note?: string | null;
}

interface RefundLineInput {
  lineItemId?: string | null;
  custom?: string | null;
  amountPerItemCents?: number | null;
  reason?: string | null;
  quantity: number;
  dispatched?: boolean | null;
}

export type RefundOutcome = Outcome & { refundRequest: RefundRequestRecord | null };
export type RefundLineOutcome = Outcome & { refundRequestLineItem: RefundRequestLineRecord | null };

/**
 * Refund requests, standard flow: create (AWAITING) -> return (RETURNED) -> refund (REFUNDED), or deny
 * (DENIED, revertible). Advanced flow per line: accept (PENDING_APPROVAL -> AWAITING_RETURN for returns,
 * REFUND_ACCEPTED for cancellations), return (AWAITING_RETURN -> REFUND_ACCEPTED), deny (-> REFUND_DENIED);
 * once every line is decided the request is PROCESSED (or REFUND_DENIED). Documented messages are used
 * where Marketplacer publishes them; the other transitions' messages are INFERRED.
 */
export function createRefundRequest(
  state: MarketplacerState,
  input: { invoiceId: string; lineItems: RefundLineInput[]; notes: NoteInput[]; externalIds?: KeyValueInput[] | null },
): RefundOutcome {
  const errors = new FieldErrors();
  const invoice = lookup(errors, 'invoiceId', input.invoiceId, 'Invoice', state.invoices);
  if (input.lineItems.length === 0) errors.add('lineItems', "can't be blank");
  const planned: Omit<RefundRequestLineRecord, 'kind' | 'legacyId' | 'refundRequestId'>[] = [];
  if (invoice) {
    const requested = new Map<number, number>();
    input.lineItems.forEach((line, index) => {
      const path = `lineItems[${index}]`;
      if (line.quantity <= 0) errors.add(`${path}.quantity`, 'must be greater than 0');
      if (line.lineItemId) {
        const lineItem = lookup(errors, `${path}.lineItemId`, line.lineItemId, 'LineItem', state.lineItems);
        if (!lineItem) return;
        if (lineItem.invoiceId !== invoice.legacyId) {
          errors.add('lineItems', 'line items must be part of the same invoice for which you are raising a refund request.');
          return;
        }
        const total = (requested.get(lineItem.legacyId) ?? 0) + line.quantity;
        requested.set(lineItem.legacyId, total);
        const refundable = lineItem.quantity - lineItem.refundedQuantity - openRefundQuantity(state, lineItem.legacyId);
        if (total > refundable) errors.add(`${path}.quantity`, `exceeds the refundable quantity (${Math.max(0, refundable)})`);
        planned.push({
          lineItemId: lineItem.legacyId,
          custom: null,
          reason: line.reason ?? null,
          quantity: line.quantity,
          amountPerItemCents: line.amountPerItemCents ?? lineItem.unitCents,
          dispatched: line.dispatched ?? false,
          status: 'PENDING_APPROVAL',
        });
      } else if (!isBlank(line.custom)) {
        if (line.amountPerItemCents === null || line.amountPerItemCents === undefined) errors.add(`${path}.amountPerItemCents`, "can't be blank");
        planned.push({
          lineItemId: null,
          custom: line.custom!,
          reason: line.reason ?? null,
          quantity: line.quantity,
          amountPerItemCents: line.amountPerItemCents ?? 0,
          dispatched: line.dispatched ?? false,
          status: 'PENDING_APPROVAL',
        });
      } else {
        errors.add(path, 'needs lineItemId, or custom and amountPerItemCents');
      }
    });
  }
  if (errors.any || !invoice) return { ...errors.outcome(), refundRequest: null };

  const now = state.now();
  const refundRequest: RefundRequestRecord = {
    kind: 'RefundRequest',
    legacyId: state.nextId('RefundRequest'),
    invoiceId: invoice.legacyId,
    status: 'AWAITING',
    lineIds: [],
    notes: [],
    externalIds: keyValues(input.externalIds),
    cashAmountCents: null,
    refundedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  for (const line of planned) {
    const legacyId = state.nextId('RefundRequestLineItem');
    state.refundLines.set(legacyId, { kind: 'RefundRequestLineItem', legacyId, refundRequestId: refundRequest.legacyId, ...line });
    refundRequest.lineIds.push(legacyId);
  }
  addNotes(state, refundRequest, input.notes, 'AWAITING', null, now);
  state.refundRequests.set(refundRequest.legacyId, refundRequest);
  invoice.refundRequestIds.push(refundRequest.legacyId);
  return changed(state, refundRequest, 'create', now);
}

function openRefundQuantity(state: MarketplacerState, lineItemId: number): number {
  let open = 0;
  for (const line of state.refundLines.values()) {
    if (line.lineItemId !== lineItemId) continue;
    const request = state.refundRequests.get(line.refundRequestId);
    if (request && !['REFUNDED', 'DENIED', 'REFUND_DENIED'].includes(request.status) && line.status !== 'REFUND_DENIED') open += line.quantity;
  }
  return open;
}

export function returnRefundRequest(state: MarketplacerState, input: { refundRequestId: string; notes: NoteInput[] }): RefundOutcome {
  return transition(state, input, ['AWAITING'], 'Can only mark an awaiting RefundRequest as returned', 'RETURNED', (line) =>
    line.status === 'PENDING_APPROVAL' || line.status === 'AWAITING_RETURN' ? 'REFUND_ACCEPTED' : line.status,
  );
}

export function refundRefundRequest(
  state: MarketplacerState,
  input: { refundRequestId: string; cashAmountCents?: number | null; notes: NoteInput[] },
): RefundOutcome {
  const outcome = transition(state, input, ['RETURNED', 'PROCESSED'], 'Can only mark a returned or processed RefundRequest as refunded', 'REFUNDED', (line) =>
    line.status === 'REFUND_DENIED' ? line.status : 'REFUNDED',
  );
  const request = outcome.refundRequest;
  if (!request) return outcome;
  let total = 0;
  for (const id of request.lineIds) {
    const line = state.refundLines.get(id)!;
    if (line.status !== 'REFUNDED') continue;
    total += line.amountPerItemCents * line.quantity;
    const lineItem = line.lineItemId === null ? undefined : state.lineItems.get(line.lineItemId);
    if (!lineItem) continue;
    lineItem.refundedQuantity = Math.min(lineItem.quantity, lineItem.refundedQuantity + line.quantity);
    if (lineItem.refundedQuantity >= lineItem.quantity) lineItem.status = 'REFUNDED';
  }
  request.cashAmountCents = input.cashAmountCents ?? total;
  request.refundedAt = request.updatedAt;
  return outcome;
}

export function denyRefundRequest(state: MarketplacerState, input: { refundRequestId: string; notes: NoteInput[] }): RefundOutcome {
  return transition(state, input, ['AWAITING', 'RETURNED', 'PROCESSED'], 'Can only deny an awaiting, returned or processed RefundRequest', 'DENIED', (line) =>
    line.status === 'REFUNDED' ? line.status : 'REFUND_DENIED',
  );
}

export function revertRefundDenial(state: MarketplacerState, input: { refundRequestId: string; notes: NoteInput[] }): RefundOutcome {
  return transition(state, input, ['DENIED'], 'Can only revert the denial of a denied RefundRequest', 'AWAITING', (line) =>
    line.status === 'REFUND_DENIED' ? 'PENDING_APPROVAL' : line.status,
  );
}

function transition(
  state: MarketplacerState,
  input: { refundRequestId: string; notes: NoteInput[] },
  from: RefundRequestStatus[],
  refusal: string,
  to: RefundRequestStatus,
  lineStatus: (line: RefundRequestLineRecord) => RefundLineStatus,
): RefundOutcome {
  const errors = new FieldErrors();
  const request = lookup(errors, 'refundRequestId', input.refundRequestId, 'RefundRequest', state.refundRequests);
  if (request && !from.includes(request.status)) errors.add('refundRequestId', refusal);
  if (errors.any || !request) return { ...errors.outcome(), refundRequest: null };
  const now = state.now();
  request.status = to;
  for (const id of request.lineIds) {
    const line = state.refundLines.get(id)!;
    line.status = lineStatus(line);
  }
  addNotes(state, request, input.notes, to, null, now);
  return changed(state, request, 'update', now);
}

type LineInput = { refundRequestLineItemId: string; notes: NoteInput[] };

export function acceptRefundLine(state: MarketplacerState, input: LineInput): RefundLineOutcome {
  return lineTransition(state, input, ['PENDING_APPROVAL'], 'Can only accept a line item that is pending approval', (line) =>
    line.dispatched ? 'AWAITING_RETURN' : 'REFUND_ACCEPTED',
  );
}

export function returnRefundLine(state: MarketplacerState, input: LineInput): RefundLineOutcome {
  return lineTransition(state, input, ['AWAITING_RETURN'], 'Can only mark a line item awaiting return as returned', () => 'REFUND_ACCEPTED');
}

export function denyRefundLine(state: MarketplacerState, input: LineInput & { denyRefundReason: string }): RefundLineOutcome {
  if (isBlank(input.denyRefundReason)) return { ...new FieldErrors().add('denyRefundReason', "can't be blank").outcome(), refundRequestLineItem: null };
  return lineTransition(
    state,
    input,
    ['PENDING_APPROVAL', 'AWAITING_RETURN'],
    'Can only deny a line item that is pending approval or awaiting return',
    () => 'REFUND_DENIED',
  );
}

function lineTransition(
  state: MarketplacerState,
  input: LineInput,
  from: RefundLineStatus[],
  refusal: string,
  to: (line: RefundRequestLineRecord) => RefundLineStatus,
): RefundLineOutcome {
  const errors = new FieldErrors();
  const line = lookup(errors, 'refundRequestLineItemId', input.refundRequestLineItemId, 'RefundRequestLineItem', state.refundLines);
  const request = line ? state.refundRequests.get(line.refundRequestId) : undefined;
  if (line && !from.includes(line.status)) errors.add('refundRequestLineItemId', refusal);
  if (request && request.status !== 'AWAITING') errors.add('refundRequestLineItemId', `The refund request is ${request.status}, not AWAITING`);
  if (errors.any || !line || !request) return { ...errors.outcome(), refundRequestLineItem: null };
  const now = state.now();
  line.status = to(line);
  addNotes(state, request, input.notes, line.status, line.legacyId, now);
  const lines = request.lineIds.map((id) => state.refundLines.get(id)!);
  if (lines.every((l) => l.status === 'REFUND_ACCEPTED' || l.status === 'REFUND_DENIED')) {
    request.status = lines.some((l) => l.status === 'REFUND_ACCEPTED') ? 'PROCESSED' : 'REFUND_DENIED';
  }
  changed(state, request, 'update', now);
  return { ...ok(), refundRequestLineItem: line };
}

function addNotes(state: MarketplacerState, request: RefundRequestRecord, notes: NoteInput[], newStatus: string, lineId: number | null, now: number): void {
  for (const note of notes) request.notes.push({ id: state.nextId('RefundNote'), note: note.note ?? null, newStatus, lineId, timestamp: now });
}

function changed(state: MarketplacerState, request: RefundRequestRecord, eventName: 'create' | 'update', now: number): RefundOutcome {
  request.updatedAt = now;
  const invoice = state.invoices.get(request.invoiceId);
  if (invoice) invoice.updatedAt = now;
  state.emit('RefundRequest', request.legacyId, eventName);
  state.emit('Invoice', request.invoiceId, 'update');
  return { ...ok(), refundRequest: request };
}
