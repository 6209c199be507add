import { legacyIdOf } from '../state/global-id.js';
import type { MarketplacerState } from '../state/marketplacer-state.js';
import type { RemittanceAdviceRecord, RemittanceRecord } from '../state/records.js';
import { FieldErrors, lookup, ok, type Outcome } from './payload.js';

export type RemittancesOutcome = Outcome & { remittances: RemittanceRecord[] | null };
export type RemittanceAdviceOutcome = Outcome & { remittanceAdvice: RemittanceAdviceRecord | null };

/** remittancesRelease: releases held remittances; each lands on the seller's open (unpaid) remittance advice. */
export function releaseRemittances(state: MarketplacerState, input: { remittanceIds: string[] }): RemittancesOutcome {
  const errors = new FieldErrors();
  if (input.remittanceIds.length === 0) errors.add('remittanceIds', "can't be blank");
  const remittances = input.remittanceIds.map((id) => {
    const legacyId = legacyIdOf(id, 'Remittance');
    const remittance = legacyId === undefined ? undefined : state.remittances.get(legacyId);
    if (!remittance) errors.addNotFound('remittanceIds', id);
    return remittance;
  });
  if (errors.any) return { ...errors.outcome(), remittances: null };

  const now = state.now();
  const touched = new Map<RemittanceAdviceRecord, 'create' | 'update'>();
  for (const remittance of remittances as RemittanceRecord[]) {
    if (remittance.released) continue;
    remittance.released = true;
    remittance.pendingReasons = [];
    let advice = [...state.remittanceAdvices.values()].find((a) => a.sellerId === remittance.sellerId && a.paidAt === null);
    if (!advice) {
      advice = {
        kind: 'RemittanceAdvice',
        legacyId: state.nextId('RemittanceAdvice'),
        sellerId: remittance.sellerId,
        remittanceIds: [],
        totalPaidCents: null,
        paidAt: null,
        paymentReference: null,
        attachments: [],
        createdAt: now,
        updatedAt: now,
      };
      state.remittanceAdvices.set(advice.legacyId, advice);
      touched.set(advice, 'create');
    }
    advice.remittanceIds.push(remittance.legacyId);
    advice.updatedAt = now;
    remittance.adviceId = advice.legacyId;
    if (!touched.has(advice)) touched.set(advice, 'update');
  }
  for (const [advice, eventName] of touched) state.emit('RemittanceAdvice', advice.legacyId, eventName);
  return { ...ok(), remittances: remittances as RemittanceRecord[] };
}

/** remittanceAdviceUpdate: records the payment; a paid advice marks its invoices REMITTED. */
export function updateRemittanceAdvice(
  state: MarketplacerState,
  input: {
    remittanceAdviceId: string;
    totalPaidCents: number;
    paidAt?: number | null;
    paymentReference?: string | null;
    attachments?: { sourceUrl?: string | null }[] | null;
  },
): RemittanceAdviceOutcome {
  const errors = new FieldErrors();
  const advice = lookup(errors, 'remittanceAdviceId', input.remittanceAdviceId, 'RemittanceAdvice', state.remittanceAdvices);
  if (input.totalPaidCents < 0) errors.add('totalPaidCents', 'must be greater than or equal to 0');
  if (errors.any || !advice) return { ...errors.outcome(), remittanceAdvice: null };

  const now = state.now();
  advice.totalPaidCents = input.totalPaidCents;
  if (input.paidAt !== undefined) advice.paidAt = input.paidAt;
  if (input.paymentReference !== undefined) advice.paymentReference = input.paymentReference;
  if (input.attachments) advice.attachments = input.attachments.map((a, position) => ({ id: state.nextId('Image'), url: a.sourceUrl ?? '', position }));
  advice.updatedAt = now;
  if (advice.paidAt !== null) {
    for (const id of advice.remittanceIds) {
      const invoice = state.invoices.get(state.remittances.get(id)?.invoiceId ?? -1);
      if (!invoice || invoice.remittedAt !== null) continue;
      invoice.remittedAt = advice.paidAt;
      invoice.updatedAt = now;
      state.emit('Invoice', invoice.legacyId, 'update');
    }
  }
  state.emit('RemittanceAdvice', advice.legacyId, 'update');
  return { ...ok(), remittanceAdvice: advice };
}
